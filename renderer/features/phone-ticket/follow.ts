/**
 * Following one ticket on the phone: the public `queue.board` is only the
 * signal that something moved (it reveals nothing about other tickets); the
 * ticket itself is fetched again, debounced and jittered, and slowly besides.
 */
import type { StoreApi } from 'zustand';
import type { LiveClient, LiveClientOptions } from '../../client/live';
import { bridgeLive, type LiveSlice } from '../live/slice';
import { FINAL_STATUSES, type PhoneTicketSlice } from './slice';

export interface PhoneLiveOptions {
  /** Wait this long after a board change before fetching (changes come in bursts). */
  debounceMs?: number;
  /** Plus up to this much at random, so a hall full of phones does not fetch in the same instant. */
  jitterMs?: number;
  /** Fetch this often anyway, in case the live stream is down. */
  slowMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Whether the page is on screen; a hidden page fetches when it shows again. */
  visible?: () => boolean;
  live?: Partial<LiveClientOptions>;
}

export const PHONE_DEBOUNCE_MS = 300;
export const PHONE_JITTER_MS = 1200;
export const PHONE_SLOW_MS = 30_000;

/**
 * Follow one ticket: the public `queue.board` topic is the signal (each new
 * snapshot schedules one debounced fetch of this ticket), a slow timer the
 * fallback. Returns `wake()` for "the page is visible again" and `stop()`.
 */
export function bindPhoneLive(store: StoreApi<PhoneTicketSlice & LiveSlice>, token: string, o: PhoneLiveOptions = {}) {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = o.random ?? Math.random;
  const visible = o.visible ?? (() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const debounceMs = o.debounceMs ?? PHONE_DEBOUNCE_MS;
  const jitterMs = o.jitterMs ?? PHONE_JITTER_MS;
  const slowMs = o.slowMs ?? PHONE_SLOW_MS;

  let pending: unknown = null;
  let slow: unknown = null;
  let missed = false;
  let stopped = false;

  const final = () => {
    const status = store.getState().ticket?.status;
    return status !== undefined && FINAL_STATUSES.includes(status);
  };

  const fetchNow = () => {
    if (stopped) return;
    if (!visible()) {
      missed = true;
      return;
    }
    missed = false;
    void store.getState().refresh(token);
  };

  const schedule = () => {
    if (stopped || pending !== null || final()) return;
    pending = setTimer(() => {
      pending = null;
      fetchNow();
    }, debounceMs + Math.round(random() * jitterMs));
  };

  const tick = () => {
    slow = setTimer(() => {
      if (!final()) fetchNow();
      tick();
    }, slowMs);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.snapshots['queue.board'] !== prev.snapshots['queue.board'] && s.snapshots['queue.board']) schedule();
  });
  const live: LiveClient = bridgeLive(store, ['queue.board'], o.live ?? {});
  tick();

  return {
    live,
    /** The page became visible: fetch now if a change was missed meanwhile (or always, cheaply). */
    wake: () => {
      if (missed || !final()) fetchNow();
    },
    stop: () => {
      stopped = true;
      unsubscribe();
      live.stop();
      if (pending !== null) clearTimer(pending);
      if (slow !== null) clearTimer(slow);
    },
  };
}

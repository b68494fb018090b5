/**
 * Kiosk manners, shared by /kiosk and /guide: large text and high contrast
 * (kept for the citizen's session across the two screens, in sessionStorage,
 * and forgotten when the session times out), and the idle timeout's timing.
 */
import { create } from 'zustand';

const KEY = 'lobby.kiosk-manners';

export interface MannersState {
  largeText: boolean;
  highContrast: boolean;
  setLargeText(on: boolean): void;
  setHighContrast(on: boolean): void;
  /** Back to the defaults (the session timed out: the next citizen starts afresh). */
  reset(): void;
}

function read(): { largeText: boolean; highContrast: boolean } {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
    return { largeText: raw.largeText === true, highContrast: raw.highContrast === true };
  } catch {
    return { largeText: false, highContrast: false };
  }
}

/** The modes as attributes on <html>: tokens.css switches the custom properties on them. */
export function applyManners(s: { largeText: boolean; highContrast: boolean }): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (s.largeText) root.dataset.largeText = 'on';
  else delete root.dataset.largeText;
  if (s.highContrast) root.dataset.contrast = 'high';
  else delete root.dataset.contrast;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ largeText: s.largeText, highContrast: s.highContrast }));
  } catch {
    // storage refused (private mode): the modes still apply to this page
  }
}

export const useManners = create<MannersState>()((set, get) => ({
  ...(typeof sessionStorage === 'undefined' ? { largeText: false, highContrast: false } : read()),
  setLargeText(on) {
    set({ largeText: on });
    applyManners(get());
  },
  setHighContrast(on) {
    set({ highContrast: on });
    applyManners(get());
  },
  reset() {
    set({ largeText: false, highContrast: false });
    applyManners(get());
  },
}));

/** Apply what the session chose before this page loaded. */
export function startManners(): void {
  applyManners(useManners.getState());
}

/** Default: back home after 2 minutes without a touch, warned 30 s before (WCAG 2.2.1 asks ≥ 20 s). */
export const IDLE_TIMEOUT_MS = 120_000;
export const IDLE_WARNING_MS = 30_000;

/**
 * The idle timing, with a test-only override: `?idle=<seconds>` (2–600) on the
 * page URL shortens the timeout; the warning then shows for half of it, at
 * most 30 s. Used by test/e2e/guide.test.ts; a kiosk never carries it.
 */
export function idleTiming(search = typeof location === 'undefined' ? '' : location.search): { timeoutMs: number; warningMs: number } {
  const raw = new URLSearchParams(search).get('idle');
  const secs = raw === null ? NaN : Number(raw);
  if (!Number.isFinite(secs) || secs < 2 || secs > 600) return { timeoutMs: IDLE_TIMEOUT_MS, warningMs: IDLE_WARNING_MS };
  const timeoutMs = Math.round(secs * 1000);
  return { timeoutMs, warningMs: Math.min(IDLE_WARNING_MS, Math.round(timeoutMs / 2)) };
}

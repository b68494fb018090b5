/**
 * The call board's announcer: turns new calls in `queue.board` snapshots into
 * one spoken call after another (chime, then Mandarin, then English).
 *
 * Pure and testable: the clip player, the speaker and the timers are injected
 * (see ./browser.ts for the browser ones). Rules:
 *
 * - Only calls that are new to this board are announced: the first snapshot
 *   after a (re)connect is a baseline, so a reload or a dropped socket never
 *   replays old calls. A recall is a new call id, so it is announced again.
 * - Strictly one announcement at a time, in call-id order; two calls never
 *   talk over each other.
 * - A step (clip or utterance) that errors is skipped at once; one that never
 *   ends is stopped and skipped after a timeout, so the queue never stalls.
 * - The backlog is trimmed to the latest MAX_BACKLOG calls (and calls that
 *   waited longer than maxWaitMs are dropped): a board that fell behind —
 *   sound blocked, a burst from every counter — reads out the newest calls
 *   rather than minutes-old ones; the older ones stay visible on the screen.
 * - If the platform blocks autoplay (NotAllowedError) the announcer holds the
 *   call and reports `blocked` until unlock() is called from a user gesture.
 * - The board has ONE audio line, and the announcer owns it (it is the board's
 *   AudioLine, ./line.ts): the emergency broadcast plays on the announcer's own
 *   players after taking hold() of it. While an emergency is active the call
 *   board holds call announcements: a call being spoken is cut off at once
 *   (its current clip or utterance is stopped; it is logged 'interrupted' and
 *   goes back to the head of the queue), the emergency sound plays, and calls
 *   made during the emergency are not announced until it clears — they stay
 *   visible on the board. When the last hold is released the usual backlog
 *   rules apply: the newest maxBacklog calls, those that waited longer than
 *   maxWaitMs dropped. Nothing ever plays two sounds at once.
 */
import type { Call, QueueBoard } from '../../core/contract';
import type { AudioLine } from './line';

export const CHIME = 'chime';

/** Announce at most this many waiting calls: the latest ones. */
export const MAX_BACKLOG = 5;

export type SpeechLang = 'zh' | 'en';

/** Plays the sound files under /sounds/ (names without .wav). */
export interface ClipPlayer {
  /** Resolves when the clip has ended; rejects when it cannot play (a NotAllowedError when autoplay is blocked). */
  play(clip: string): Promise<void>;
  /** Stop whatever is playing now (a step skipped after its timeout). */
  stop(): void;
  /** Fetch ahead of time; idempotent. */
  preload(clips: readonly string[]): void;
}

/** The platform's text-to-speech. */
export interface Speaker {
  /** Whether a voice for `lang` is installed now (voices may load late, so this is asked per call). */
  hasVoice(lang: SpeechLang): boolean;
  /** Resolves when the utterance has ended; rejects on error (a NotAllowedError when blocked). */
  speak(text: string, lang: SpeechLang): Promise<void>;
  cancel(): void;
}

export interface AnnouncerTimers {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  now(): number;
}

export interface AnnouncerOptions {
  clips: ClipPlayer;
  /** null: no text-to-speech on this platform (the clips are always used). */
  speech?: Speaker | null;
  timers?: AnnouncerTimers;
  /** A clip is skipped when it has not ended after this long (clips last under 1.5 s). */
  clipTimeoutMs?: number;
  /** An utterance is cancelled when it has not ended after this long. */
  speechTimeoutMs?: number;
  maxBacklog?: number;
  /** A call still waiting to be announced after this long is dropped (e.g. while sound was blocked). */
  maxWaitMs?: number;
  /** Entries kept in the log. */
  logSize?: number;
}

/**
 * One announcement as it happened. `steps` lists what was played, in order:
 * clip names ('chime', 'voice/zh/qing', …) and 'speak:zh' / 'speak:en';
 * a step that failed carries '!error', '!timeout' or '!blocked', one cut off by
 * a hold '!held'.
 */
export interface AnnouncedEntry {
  id: number;
  number: string;
  counter: number;
  recall: boolean;
  /** 'interrupted': cut off by a hold (an emergency); the call is announced again after the release. */
  via: 'clips' | 'speech' | 'dropped' | 'blocked' | 'interrupted';
  steps: string[];
}

export interface AnnouncerState {
  /** The browser refused to play sound until someone taps the screen. */
  blocked: boolean;
  /**
   * Something more urgent holds the line (an emergency): calls wait. Optional
   * so a store's silent default need not name it; absent means false.
   */
  held?: boolean;
  /** The call id being announced now. */
  current: number | null;
  /** Calls waiting to be announced. */
  pending: number;
  /** The latest announcements, oldest first. */
  log: readonly AnnouncedEntry[];
}

type StepResult = 'ok' | 'error' | 'timeout' | 'blocked' | 'held';
/** How one announcement ended: played to the end, refused by the platform, or cut off by a hold. */
type Outcome = 'done' | 'blocked' | 'held';
type Step = { kind: 'clip'; clip: string } | { kind: 'speak'; lang: SpeechLang; text: string };
interface Item {
  call: Call;
  queuedAt: number;
}

const realTimers: AnnouncerTimers = {
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export function isNotAllowed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && (err as { name: unknown }).name === 'NotAllowedError';
}

/** The clips of a call, always starting with the chime. */
export function clipsOf(call: Call): string[] {
  const clips = call.announcement.clips;
  return clips[0] === CHIME ? [...clips] : [CHIME, ...clips];
}

export class Announcer implements AudioLine {
  private readonly o: Required<Omit<AnnouncerOptions, 'speech'>> & { speech: Speaker | null };
  /** Highest call id seen; null until the baseline snapshot after a (re)connect. */
  private seenUpTo: number | null = null;
  private queue: Item[] = [];
  private playing: Item | null = null;
  private running = false;
  private blocked = false;
  private disposed = false;
  /** Outstanding hold() tokens: calls are announced only while this is 0. */
  private holds = 0;
  /** Stops the step sounding now and settles it as 'held'; null between steps. */
  private cutCurrent: (() => void) | null = null;
  /** Set when the platform voice failed once: the clips are used from then on. */
  private speechFailed = false;
  private log: AnnouncedEntry[] = [];
  private snapshot: AnnouncerState = { blocked: false, current: null, pending: 0, log: [] };
  private readonly listeners = new Set<() => void>();

  constructor(options: AnnouncerOptions) {
    this.o = {
      timers: realTimers,
      clipTimeoutMs: 6000,
      speechTimeoutMs: 20_000,
      maxBacklog: MAX_BACKLOG,
      maxWaitMs: 3 * 60_000,
      logSize: 12,
      ...options,
      speech: options.speech ?? null,
    };
  }

  get state(): AnnouncerState {
    return this.snapshot;
  }

  /** The line's clip player: whatever else must sound on this board (the emergency) plays through it. */
  get clips(): ClipPlayer {
    return this.o.clips;
  }

  /** The line's speaker (null: no text-to-speech here). */
  get speech(): Speaker | null {
    return this.o.speech;
  }

  /** Whether a hold is in force. */
  get held(): boolean {
    return this.holds > 0;
  }

  /**
   * Take the line for something more urgent (an emergency): the call being
   * spoken is cut off at once — its clip or utterance stopped before this
   * returns — and goes back to the head of the queue; no call is announced
   * until every hold is released. New calls keep queueing meanwhile (trimmed to
   * the newest maxBacklog); at the release those older than maxWaitMs are
   * dropped and the rest announced in order. Returns the release (idempotent).
   */
  hold(): () => void {
    this.holds++;
    if (this.holds === 1) {
      this.cutCurrent?.();
      this.emit();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0 || this.disposed) return;
      this.emit();
      // Resume on the next microtask, not synchronously: a hold released and
      // another taken in the same turn (one emergency replacing another) must
      // not start, and at once stop, a call in between.
      void Promise.resolve().then(() => this.pump());
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The live connection's status: anything but 'open' means the next snapshot is a new baseline. */
  onConnection(status: string): void {
    if (status !== 'open') this.seenUpTo = null;
  }

  /** A `queue.board` snapshot arrived. */
  onBoard(board: QueueBoard): void {
    if (this.disposed) return;
    const maxId = board.recentCalls.reduce((m, c) => Math.max(m, c.id), 0);
    if (this.seenUpTo === null) {
      // Baseline: these calls were made before this board (re)connected.
      this.seenUpTo = maxId;
      this.o.clips.preload([CHIME]);
      return;
    }
    const seen = this.seenUpTo;
    const fresh = board.recentCalls.filter((c) => c.id > seen).sort((a, b) => a.id - b.id);
    if (fresh.length === 0) return;
    this.seenUpTo = maxId;
    const now = this.o.timers.now();
    for (const call of fresh) {
      this.queue.push({ call, queuedAt: now });
      this.o.clips.preload(clipsOf(call));
    }
    this.trim();
    this.emit();
    void this.pump();
  }

  /** Call from a user gesture (the tap-to-enable overlay): sound may play again. */
  unlock(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.emit();
    void this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
    this.cutCurrent = null;
    this.o.clips.stop();
    this.o.speech?.cancel();
    this.listeners.clear();
  }

  // ---- internals ----------------------------------------------------------------

  private emit(): void {
    this.snapshot = {
      blocked: this.blocked,
      held: this.holds > 0,
      current: this.playing?.call.id ?? null,
      pending: this.queue.length,
      log: [...this.log],
    };
    for (const l of [...this.listeners]) l();
  }

  private record(entry: AnnouncedEntry): AnnouncedEntry {
    this.log.push(entry);
    if (this.log.length > this.o.logSize) this.log.splice(0, this.log.length - this.o.logSize);
    return entry;
  }

  private drop(item: Item): void {
    const c = item.call;
    this.record({ id: c.id, number: c.number, counter: c.counterNumber, recall: c.recall, via: 'dropped', steps: [] });
  }

  /** Keep only the latest calls waiting (the one playing now finishes unless a hold cuts it off). */
  private trim(): void {
    this.queue.sort((a, b) => a.call.id - b.call.id);
    const excess = this.queue.length - this.o.maxBacklog;
    if (excess > 0) this.queue.splice(0, excess).forEach((i) => this.drop(i));
  }

  private dropStale(): void {
    const now = this.o.timers.now();
    const stale = this.queue.filter((i) => now - i.queuedAt > this.o.maxWaitMs);
    if (stale.length === 0) return;
    this.queue = this.queue.filter((i) => !stale.includes(i));
    stale.forEach((i) => this.drop(i));
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.disposed && !this.blocked && this.holds === 0) {
        this.dropStale();
        const item = this.queue.shift();
        if (!item) break;
        this.playing = item;
        this.emit();
        const outcome = await this.announce(item);
        this.playing = null;
        if (outcome !== 'done') {
          // Blocked: keep the call at the head; unlock() resumes with it.
          // Held: cut off by an emergency; announced again from the start after
          // the release (keeping its queuedAt, so maxWaitMs still applies).
          this.queue.unshift(item);
          if (outcome === 'blocked') this.blocked = true;
        }
        this.emit();
      }
    } finally {
      this.running = false;
      this.playing = null;
    }
  }

  /** Plays one call: 'blocked' when the platform refused the sound, 'held' when a hold cut it off. */
  private async announce(item: Item): Promise<Outcome> {
    const call = item.call;
    const speech = this.o.speech;
    const useSpeech = speech !== null && !this.speechFailed && speech.hasVoice('zh');
    const entry = this.record({
      id: call.id,
      number: call.number,
      counter: call.counterNumber,
      recall: call.recall,
      via: useSpeech ? 'speech' : 'clips',
      steps: [],
    });
    const clips = clipsOf(call);
    let steps: Step[] = useSpeech
      ? [
          { kind: 'clip', clip: CHIME },
          { kind: 'speak', lang: 'zh', text: call.announcement.zh },
          { kind: 'speak', lang: 'en', text: call.announcement.en },
        ]
      : clips.map((clip) => ({ kind: 'clip', clip }));

    for (let i = 0; i < steps.length; i++) {
      if (this.disposed) return 'done';
      if (this.holds > 0) {
        // Held between two steps: nothing is sounding; stop here.
        entry.via = 'interrupted';
        return 'held';
      }
      const step = steps[i]!;
      const name = step.kind === 'clip' ? step.clip : `speak:${step.lang}`;
      entry.steps.push(name);
      this.emit();
      const result = await this.run(step);
      if (result !== 'ok') entry.steps[entry.steps.length - 1] = `${name}!${result}`;
      if (result === 'blocked') {
        entry.via = 'blocked';
        return 'blocked';
      }
      if (result === 'held') {
        entry.via = 'interrupted';
        this.emit();
        return 'held';
      }
      if (step.kind === 'speak' && result !== 'ok' && step.lang === 'zh') {
        // The voice is broken (e.g. a network voice on a closed network): the clips take over, now and later.
        this.speechFailed = true;
        entry.via = 'clips';
        steps = [...steps.slice(0, i + 1), ...clips.filter((c) => c !== CHIME).map((clip): Step => ({ kind: 'clip', clip }))];
      }
    }
    this.emit();
    return 'done';
  }

  /** One step, raced against its timeout. */
  private run(step: Step): Promise<StepResult> {
    const { timers } = this.o;
    return new Promise<StepResult>((resolve) => {
      let settled = false;
      const stop = () => (step.kind === 'clip' ? this.o.clips.stop() : this.o.speech?.cancel());
      const finish = (r: StepResult) => {
        if (settled) return;
        settled = true;
        timers.clearTimer(handle);
        if (this.cutCurrent === cut) this.cutCurrent = null;
        resolve(r);
      };
      // hold(): settle as 'held' and silence the player, synchronously, so the
      // emergency's first chime never starts over this step.
      const cut = () => {
        finish('held');
        stop();
      };
      this.cutCurrent = cut;
      const handle = timers.setTimer(
        () => {
          if (settled) return;
          // Stop it first, so a late start cannot talk over the next step.
          stop();
          finish('timeout');
        },
        step.kind === 'clip' ? this.o.clipTimeoutMs : this.o.speechTimeoutMs,
      );
      let p: Promise<void>;
      try {
        p = step.kind === 'clip' ? this.o.clips.play(step.clip) : this.o.speech!.speak(step.text, step.lang);
      } catch (err) {
        p = Promise.reject(err);
      }
      p.then(
        () => finish('ok'),
        (err: unknown) => finish(isNotAllowed(err) ? 'blocked' : 'error'),
      );
    });
  }
}

/** The log as the board's hidden `data-announced` attribute carries it (JSON, small). */
export function announcedAttr(log: readonly AnnouncedEntry[]): string {
  return JSON.stringify(log.map((e) => ({ id: e.id, n: e.number, c: e.counter, r: e.recall, via: e.via, steps: e.steps })));
}

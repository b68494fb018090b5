/**
 * Tells a keyboard-wedge barcode scanner from a person typing, in the kiosk
 * page. A wedge scanner is a USB keyboard to the computer: it "types" each
 * code very fast, usually followed by Enter. Feed every keydown here; the
 * detector emits the scans and says which keys to swallow, so a scanned code
 * does not also land in whatever input has focus:
 *
 *     const wedge = new WedgeDetector();
 *     wedge.onScan((scan) => openSummons(scan.text));
 *     window.addEventListener('keydown', (e) => { if (wedge.feed(e)) e.preventDefault(); }, true);
 *
 * NOTE: only characters that exist as keys come through a wedge. Non-ASCII
 * content — the Chinese in a summons QR such as 113年度偵字第1234號 — cannot
 * be typed as keystrokes and is lost or garbled (the Alt+numpad tricks some
 * scanners offer give no reliable key events in a browser). A kiosk should use
 * a USB-CDC scanner (hardware/scanner, raw bytes); codes meant to be read by a
 * wedge must be pure ASCII (e.g. a percent-encoded URL).
 *
 * Two ways to recognise a scan:
 * - timing (default): at least `minLength` printable characters, each within
 *   `maxGapMs` of the one before, on average no slower than `maxMeanGapMs`
 *   (8 characters within ~100 ms), ending with an end key (Enter) — or with
 *   `suffix`, when one is configured. A person types 80–300 ms apart, so
 *   human typing never emits. The first character of a burst cannot be known
 *   to be a scan and reaches the page (`WedgeScan.leaked`); the rest are
 *   swallowed while the burst lasts. A burst that does not become a scan
 *   (a fast typist's rolled-over keys) is handed back through `onRelease`,
 *   in order, before the key that ended it.
 * - framing: with `prefix` set (the scanner configured to send it before each
 *   code), a scan is what comes between the prefix and `suffix` (or an end
 *   key when there is no suffix), with no gap longer than `frameMaxGapMs`.
 *   Everything from the prefix on is swallowed, so nothing leaks; timing is
 *   not used.
 *
 * Pure: no DOM and no Node; any `{ key, timeStamp }` events will do (a
 * KeyboardEvent fits). Time is the events' own timeStamp. The only timer is
 * the one that hands back swallowed keys when nothing follows them
 * (`schedule`; pass null and call flush() to drive it yourself).
 */

export interface WedgeKeyEvent {
  /** KeyboardEvent.key: a character for printable keys, a name ('Enter', 'Shift', 'Backspace') otherwise. */
  key: string;
  /** Milliseconds, any monotonic origin (KeyboardEvent.timeStamp). */
  timeStamp: number;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** A held key's auto-repeat: never part of a scan. */
  repeat?: boolean;
}

export interface WedgeScan {
  /** The code's content, without prefix, suffix or end key. */
  text: string;
  /** timeStamp of the key that completed the scan. */
  at: number;
  via: 'timing' | 'frame';
  /**
   * Characters of the scan that were not swallowed because they came before
   * the detector could know (the first character in timing mode; '' when
   * framed): a focused input received them, and the caller may remove them.
   */
  leaked: string;
}

export interface WedgeDetectorOptions {
  /** Fewest printable characters (without prefix/suffix) for a timed scan. Default 8. */
  minLength?: number;
  /** Longest gap between two keys of a timed scan. Default 35 ms. */
  maxGapMs?: number;
  /** Slowest average gap of a timed scan, from its first character to its end. Default 12.5 ms (8 characters in 100 ms). */
  maxMeanGapMs?: number;
  /** Keys that end a scan. Default ['Enter']; add 'Tab' for a scanner set to send Tab. */
  endKeys?: readonly string[];
  /** Sent by the scanner before every code: switches to framing. */
  prefix?: string;
  /** Sent by the scanner after every code: ends a scan instead of an end key (an end key right after it is swallowed too). */
  suffix?: string;
  /** Longest gap between two keys inside a framed scan. Default 100 ms. */
  frameMaxGapMs?: number;
  /** Hand back swallowed keys when nothing follows them for this long. Default 250 ms. */
  releaseAfterMs?: number;
  /** Timer for releaseAfterMs; default setTimeout. null: no timer, call flush(). */
  schedule?: ((run: () => void, ms: number) => () => void) | null;
  /** Longest code accepted; a longer burst is not a scan. Default 4096 characters. */
  maxLength?: number;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock', 'Hyper', 'Super', 'Symbol', 'SymbolLock']);

const defaultSchedule = (run: () => void, ms: number): (() => void) => {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
};

interface Frame {
  /** How many characters of the prefix have been seen. */
  matched: number;
  body: string;
  /** Everything swallowed since the prefix began, to hand back if it is not a scan. */
  swallowed: string;
  lastAt: number;
}

export class WedgeDetector {
  private readonly minLength: number;
  private readonly maxGapMs: number;
  private readonly maxMeanGapMs: number;
  private readonly endKeys: ReadonlySet<string>;
  private readonly prefix: readonly string[];
  private readonly suffix: string;
  private readonly frameMaxGapMs: number;
  private readonly releaseAfterMs: number;
  private readonly maxLength: number;
  private readonly schedule: ((run: () => void, ms: number) => () => void) | null;
  private readonly scanListeners = new Set<(scan: WedgeScan) => void>();
  private readonly releaseListeners = new Set<(text: string) => void>();
  /** Timing mode: the current burst of fast printable keys; all but the first were swallowed. */
  private run: Array<{ ch: string; at: number }> = [];
  private frame: Frame | null = null;
  /** After a suffix: an end key before this time is part of the scan. */
  private trailingEndUntil: number | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(options: WedgeDetectorOptions = {}) {
    this.minLength = Math.max(1, options.minLength ?? 8);
    this.maxGapMs = options.maxGapMs ?? 35;
    this.maxMeanGapMs = options.maxMeanGapMs ?? 12.5;
    this.endKeys = new Set(options.endKeys ?? ['Enter']);
    this.prefix = [...(options.prefix ?? '')];
    this.suffix = options.suffix ?? '';
    this.frameMaxGapMs = options.frameMaxGapMs ?? 100;
    this.releaseAfterMs = Math.max(options.releaseAfterMs ?? 250, this.maxGapMs + 1, this.prefix.length > 0 ? this.frameMaxGapMs + 1 : 0);
    this.maxLength = options.maxLength ?? 4096;
    this.schedule = options.schedule === undefined ? defaultSchedule : options.schedule;
  }

  /** Returns the unsubscribe function. */
  onScan(listener: (scan: WedgeScan) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  /**
   * Keys that were swallowed but turned out not to be a scan, in order; the
   * caller should insert them into the focused input. Called before feed()
   * returns for the key that ended the burst, or from the release timer.
   * Returns the unsubscribe function.
   */
  onRelease(listener: (text: string) => void): () => void {
    this.releaseListeners.add(listener);
    return () => this.releaseListeners.delete(listener);
  }

  /** Feeds one keydown. Returns true when the key belongs to a scan and should be swallowed (preventDefault). */
  feed(event: WedgeKeyEvent): boolean {
    if (MODIFIER_KEYS.has(event.key)) return false; // a scanner presses Shift for capitals
    const at = event.timeStamp;
    const ctrl = event.ctrlKey === true;
    const alt = event.altKey === true;
    // Ctrl+Alt together is AltGr on Windows, which types characters on some layouts.
    const chord = event.metaKey === true || ctrl !== alt;
    const printable = !chord && event.repeat !== true && [...event.key].length === 1;
    const ch = printable ? event.key : null;
    const isEnd = !printable && !chord && event.repeat !== true && this.endKeys.has(event.key);

    if (this.trailingEndUntil !== null) {
      const until = this.trailingEndUntil;
      this.trailingEndUntil = null;
      if (isEnd && at <= until) return true;
    }
    return this.prefix.length > 0 ? this.feedFramed(ch, isEnd, at) : this.feedTimed(ch, isEnd, at);
  }

  /** Hands back whatever is swallowed now and starts afresh (e.g. when the page loses focus). */
  flush(): void {
    this.abandon();
  }

  /** Stops the release timer; swallowed keys are dropped. */
  dispose(): void {
    this.stopTimer();
    this.run = [];
    this.frame = null;
    this.trailingEndUntil = null;
  }

  private feedTimed(ch: string | null, isEnd: boolean, at: number): boolean {
    const first = this.run[0];
    const last = this.run[this.run.length - 1];
    const gap = last ? at - last.at : Number.POSITIVE_INFINITY;
    const fast = gap >= 0 && gap <= this.maxGapMs;

    if (ch !== null) {
      if (first && fast && this.run.length < this.maxLength + [...this.suffix].length) {
        this.run.push({ ch, at });
        if (this.suffix) {
          const text = this.runText();
          if (text.endsWith(this.suffix) && this.qualifies(text.slice(0, -this.suffix.length), first.at, at)) {
            this.complete({ text: text.slice(0, -this.suffix.length), at, via: 'timing', leaked: first.ch });
            this.trailingEndUntil = at + this.maxGapMs;
            return true;
          }
        }
        this.armTimer();
        return true;
      }
      // A new burst: its first key cannot be known to be a scan yet.
      this.abandon();
      this.run = [{ ch, at }];
      return false;
    }

    if (isEnd && !this.suffix && first && fast) {
      const text = this.runText();
      if (this.qualifies(text, first.at, at)) {
        this.complete({ text, at, via: 'timing', leaked: first.ch });
        return true;
      }
    }
    this.abandon();
    return false;
  }

  private qualifies(text: string, from: number, to: number): boolean {
    const n = [...text].length;
    return n >= this.minLength && n <= this.maxLength && (to - from) / n <= this.maxMeanGapMs;
  }

  private feedFramed(ch: string | null, isEnd: boolean, at: number): boolean {
    if (this.frame && !(at - this.frame.lastAt >= 0 && at - this.frame.lastAt <= this.frameMaxGapMs)) this.abandon();
    const frame = this.frame;
    if (!frame) {
      if (ch === null || ch !== this.prefix[0]) return false;
      this.frame = { matched: 1, body: '', swallowed: ch, lastAt: at };
      this.armTimer();
      return true;
    }
    frame.lastAt = at;
    if (frame.matched < this.prefix.length) {
      if (ch !== null && ch === this.prefix[frame.matched]) {
        frame.matched += 1;
        frame.swallowed += ch;
        this.armTimer();
        return true;
      }
      // Not the prefix after all: hand it back; this key may begin a real one.
      this.abandon();
      return this.feedFramed(ch, isEnd, at);
    }
    if (ch !== null && frame.body.length < this.maxLength + this.suffix.length) {
      frame.body += ch;
      frame.swallowed += ch;
      if (this.suffix && frame.body.endsWith(this.suffix) && frame.body.length > this.suffix.length) {
        this.complete({ text: frame.body.slice(0, -this.suffix.length), at, via: 'frame', leaked: '' });
        this.trailingEndUntil = at + this.frameMaxGapMs;
        return true;
      }
      this.armTimer();
      return true;
    }
    if (isEnd && !this.suffix && frame.body) {
      this.complete({ text: frame.body, at, via: 'frame', leaked: '' });
      return true;
    }
    this.abandon();
    return false;
  }

  private runText(): string {
    return this.run.map((k) => k.ch).join('');
  }

  private complete(scan: WedgeScan): void {
    this.stopTimer();
    this.run = [];
    this.frame = null;
    for (const l of [...this.scanListeners]) l(scan);
  }

  /** Not a scan: hand back what was swallowed and start afresh. */
  private abandon(): void {
    this.stopTimer();
    const swallowed = this.frame ? this.frame.swallowed : this.run.slice(1).map((k) => k.ch).join('');
    this.run = [];
    this.frame = null;
    if (swallowed) for (const l of [...this.releaseListeners]) l(swallowed);
  }

  private armTimer(): void {
    this.stopTimer();
    if (this.schedule) this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.abandon();
    }, this.releaseAfterMs);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}

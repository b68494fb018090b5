import { Listeners } from './listeners';
import type { ByteTransport, TransportState, WriteOptions } from './types';

/**
 * What every transport here shares: it reports its state, reconnects with
 * exponential back-off after the device goes away (cable pulled, printer
 * switched off, USB node gone), and lets a write issued while the link is down
 * wait for it to come back, up to `writeTimeoutMs`, so a ticket written during
 * an unplug prints once after the replug, not never, and the kiosk still never
 * hangs on a printer that is gone for good.
 */

export interface BackoffOptions {
  /** First delay after a failure. Default 250 ms. */
  initialMs?: number;
  /** Growth per consecutive failure. Default 2. */
  factor?: number;
  /** Cap. Default 5000 ms. */
  maxMs?: number;
}

export interface ReconnectOptions {
  /** Back-off between reconnect attempts. */
  backoff?: BackoffOptions;
  /**
   * How long a write waits for the link to be (back) up before it fails.
   * Default 3000 ms; 0 fails at once while the link is down.
   */
  writeTimeoutMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 250, factor: 2, maxMs: 5000 };
export const DEFAULT_WRITE_TIMEOUT_MS = 3000;

/** An open connection to the device, as a subclass hands it to the base. */
export interface OpenLink {
  /** Resolves once the bytes are handed to the OS (and drained, where the link can). */
  write(bytes: Uint8Array): Promise<void>;
  /** Release the connection; must not throw for a link that is already dead. */
  close(): Promise<void>;
}

/** How an open link reports back. Calls from a link that was replaced or closed are ignored. */
export interface LinkEvents {
  data(bytes: Uint8Array): void;
  /** The connection is gone (unplug, peer closed, I/O error). */
  lost(error: Error): void;
}

/**
 * A write that did not finish although the link is still there (e.g. a serial
 * printer holding off with flow control). Its bytes may still come out later,
 * so it is neither treated as a lost link nor sent again.
 */
export class StalledWriteError extends Error {
  override readonly name = 'StalledWriteError';
}

/** Minimal view of a transport for {@link waitForOpen}. */
interface StateSource {
  readonly state: TransportState;
  onState(listener: (state: TransportState, error?: Error) => void): () => void;
}

/**
 * Resolves when `source` is open; rejects when it closes, or after
 * `timeoutMs` (at once when 0). Messages name the link with `label`.
 */
export function waitForOpen(source: StateSource, timeoutMs: number, label: string, reportedTimeoutMs = timeoutMs): Promise<void> {
  if (source.state === 'open') return Promise.resolve();
  if (source.state === 'closed') return Promise.reject(new Error(`${label} is closed`));
  if (timeoutMs <= 0) {
    return Promise.reject(new Error(reportedTimeoutMs > 0 ? `${label} not connected within ${reportedTimeoutMs} ms (${source.state})` : `${label} is ${source.state}`));
  }
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${label} not connected within ${reportedTimeoutMs} ms (${source.state})`));
    }, timeoutMs);
    const off = source.onState((state) => {
      if (state === 'open') {
        clearTimeout(timer);
        off();
        resolve();
      } else if (state === 'closed') {
        clearTimeout(timer);
        off();
        reject(new Error(`${label} is closed`));
      }
    });
  });
}

/**
 * Base for transports with a real connection (TCP, serial, USB character
 * device). A subclass says how to open one connection; this class owns the
 * state machine:
 *
 *     connecting ─ok─▶ open ─lost─▶ disconnected ─retry ok─▶ open …
 *          └──fail──▶ disconnected (retrying with back-off)
 *     any ─close()─▶ closed (final)
 *
 * Writes are sent one at a time in call order. A write that fails because the
 * link died under it (how Windows reports an unplugged USB-serial adapter) is
 * sent again once the link is back, within the same `writeTimeoutMs`: the OS
 * refused it, so the device did not get it.
 */
export abstract class ReconnectingTransport implements ByteTransport {
  abstract readonly canRead: boolean;
  private currentState: TransportState = 'connecting';
  private link: OpenLink | undefined;
  /** Bumped for every connection attempt and every loss: events of older links are stale. */
  private generation = 0;
  private opening = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private writeChain: Promise<unknown> = Promise.resolve();
  private lastFailure: Error | undefined;
  private readonly dataListeners = new Listeners<[Uint8Array]>();
  private readonly stateListeners = new Listeners<[TransportState, Error | undefined]>();
  private readonly backoff: Required<BackoffOptions>;
  protected readonly writeTimeoutMs: number;

  constructor(options: ReconnectOptions = {}) {
    this.backoff = {
      initialMs: options.backoff?.initialMs ?? DEFAULT_BACKOFF.initialMs,
      factor: options.backoff?.factor ?? DEFAULT_BACKOFF.factor,
      maxMs: options.backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs,
    };
    this.writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  }

  /** Names the link in messages, e.g. "serial /dev/ttyUSB0". */
  protected abstract get label(): string;

  /** Opens one connection or throws (the base retries with back-off). */
  protected abstract openLink(events: LinkEvents): Promise<OpenLink>;

  /** Subclasses call this once, at the end of their constructor. */
  protected start(): void {
    void this.connect();
  }

  get state(): TransportState {
    return this.currentState;
  }

  /** Why the link last went down or failed to open, for health displays. */
  get lastError(): Error | undefined {
    return this.lastFailure;
  }

  /** Delay before the next reconnect attempt (for status displays and tests). */
  get nextRetryDelayMs(): number {
    const { initialMs, factor, maxMs } = this.backoff;
    return Math.min(maxMs, initialMs * factor ** Math.max(0, this.attempt - 1));
  }

  write(bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const deadline = options.noWait ? 0 : Date.now() + this.writeTimeoutMs;
    const run = this.writeChain.then(() => this.writeOne(bytes, deadline, options.noWait ? 0 : this.writeTimeoutMs));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.stateListeners.add(listener);
  }

  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const link = this.link;
    this.link = undefined;
    this.generation += 1;
    this.setState('closed');
    if (link) await link.close().catch(() => undefined);
  }

  private async writeOne(bytes: Uint8Array, deadline: number, timeoutMs: number): Promise<void> {
    for (;;) {
      if (this.closed) throw new Error(`${this.label} is closed`);
      const link = this.link;
      if (this.currentState !== 'open' || !link) {
        await waitForOpen(this, deadline - Date.now(), this.label, timeoutMs);
        continue;
      }
      try {
        await link.write(bytes);
        return;
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (error instanceof StalledWriteError) throw error;
        if (this.link === link) this.linkLost(error);
        if (this.closed || Date.now() >= deadline) throw error;
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.currentState === 'closed' || this.opening || this.link) return;
    this.opening = true;
    const token = ++this.generation;
    let link: OpenLink | undefined;
    let lostWhileOpening: Error | undefined;
    const events: LinkEvents = {
      data: (bytes) => {
        if (this.generation === token && this.currentState === 'open') this.dataListeners.emit(bytes);
      },
      lost: (error) => {
        if (this.generation !== token) return;
        if (link && this.link === link) this.linkLost(error);
        else lostWhileOpening ??= error;
      },
    };
    try {
      link = await this.openLink(events);
    } catch (err) {
      this.opening = false;
      if (this.closed || this.generation !== token) return;
      this.failed(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.opening = false;
    if (this.closed || this.generation !== token || lostWhileOpening) {
      await link.close().catch(() => undefined);
      if (!this.closed && this.generation === token) this.failed(lostWhileOpening ?? new Error(`${this.label} went away while opening`));
      return;
    }
    this.link = link;
    this.attempt = 0;
    this.setState('open');
  }

  private linkLost(error: Error): void {
    const link = this.link;
    this.link = undefined;
    this.generation += 1;
    if (link) void link.close().catch(() => undefined);
    this.failed(error);
  }

  private failed(error: Error): void {
    this.lastFailure = error;
    this.attempt += 1;
    this.setState('disconnected', error);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.nextRetryDelayMs);
  }

  /** Re-read after every await: close() may have run meanwhile. */
  private get closed(): boolean {
    return this.currentState === 'closed';
  }

  private setState(state: TransportState, error?: Error): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.stateListeners.emit(state, error);
  }
}

import { Listeners } from './listeners';
import { waitForOpen } from './reconnecting';
import type { ByteTransport, TransportState, WriteOptions } from './types';

export interface MemoryPairOptions {
  /** Set false to model a one-way link: end `a` never hears what `b` writes. */
  aCanRead?: boolean;
  /**
   * Deliver writes in slices of at most this many bytes, so a receiver meets
   * commands split across reads the way it would on a real serial line.
   */
  maxChunk?: number;
  /**
   * How long a write waits for a pulled cable to be plugged back in before it
   * fails, as the real transports do (see ReconnectOptions.writeTimeoutMs).
   * A number applies to both ends. Default 0: fail at once.
   */
  writeTimeoutMs?: number | { a?: number; b?: number };
}

export interface MemoryPair {
  /** Conventionally the host (driver) end. */
  a: MemoryEnd;
  /** Conventionally the device (simulator) end. */
  b: MemoryEnd;
  /** Model a pulled cable: both ends go `disconnected`; writes fail, or wait up to writeTimeoutMs for reconnect(). */
  disconnect(error?: Error): void;
  /** Plug the cable back in. */
  reconnect(): void;
}

export class MemoryEnd implements ByteTransport {
  readonly canRead: boolean;
  private currentState: TransportState = 'open';
  private readonly dataListeners = new Listeners<[Uint8Array]>();
  private readonly stateListeners = new Listeners<[TransportState, Error | undefined]>();
  private writeChain: Promise<unknown> = Promise.resolve();
  private waitingWrites = 0;
  /** @internal set by createMemoryPair */
  peer: MemoryEnd | undefined;

  constructor(
    canRead: boolean,
    private readonly maxChunk: number,
    private readonly writeTimeoutMs = 0,
  ) {
    this.canRead = canRead;
  }

  get state(): TransportState {
    return this.currentState;
  }

  write(bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    // Copy now: the caller may reuse its buffer once write() returns.
    const copy = bytes.slice();
    if (this.currentState === 'open' && this.peer && this.waitingWrites === 0) {
      this.send(copy, this.peer);
      return Promise.resolve();
    }
    // Queued behind earlier waiting writes, so order survives an unplug.
    this.waitingWrites += 1;
    const run = this.writeChain
      .then(async () => {
        await waitForOpen(this, options.noWait ? 0 : this.writeTimeoutMs, 'memory transport');
        if (!this.peer) throw new Error('memory transport has no peer');
        this.send(copy, this.peer);
      })
      .finally(() => {
        this.waitingWrites -= 1;
      });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private send(copy: Uint8Array, peer: MemoryEnd): void {
    for (let i = 0; i < copy.length; i += this.maxChunk) {
      const slice = copy.subarray(i, Math.min(copy.length, i + this.maxChunk));
      // Deliver asynchronously, like real I/O: a receiver that answers at once
      // must not re-enter the writer's call stack.
      queueMicrotask(() => peer.deliver(slice));
    }
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.stateListeners.add(listener);
  }

  async close(): Promise<void> {
    this.setState('closed');
    const peer = this.peer;
    if (peer && peer.state !== 'closed') peer.setState('closed');
  }

  /** @internal */
  deliver(bytes: Uint8Array): void {
    if (this.currentState !== 'open' || !this.canRead) return;
    this.dataListeners.emit(bytes);
  }

  /** @internal */
  setState(state: TransportState, error?: Error): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.stateListeners.emit(state, error);
  }
}

/** Two connected ends: what one writes, the other reads. */
export function createMemoryPair(options: MemoryPairOptions = {}): MemoryPair {
  const maxChunk = options.maxChunk !== undefined && options.maxChunk >= 1 ? Math.floor(options.maxChunk) : Number.MAX_SAFE_INTEGER;
  const wt = options.writeTimeoutMs;
  const timeoutA = typeof wt === 'number' ? wt : (wt?.a ?? 0);
  const timeoutB = typeof wt === 'number' ? wt : (wt?.b ?? 0);
  const a = new MemoryEnd(options.aCanRead ?? true, maxChunk, timeoutA);
  const b = new MemoryEnd(true, maxChunk, timeoutB);
  a.peer = b;
  b.peer = a;
  return {
    a,
    b,
    disconnect(error) {
      a.setState('disconnected', error);
      b.setState('disconnected', error);
    },
    reconnect() {
      if (a.state === 'disconnected') a.setState('open');
      if (b.state === 'disconnected') b.setState('open');
    },
  };
}

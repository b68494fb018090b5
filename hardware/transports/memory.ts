import type { ByteTransport, TransportState } from './types';

export interface MemoryPairOptions {
  /** Set false to model a one-way link: end `a` never hears what `b` writes. */
  aCanRead?: boolean;
  /**
   * Deliver writes in slices of at most this many bytes, so a receiver meets
   * commands split across reads the way it would on a real serial line.
   */
  maxChunk?: number;
}

export interface MemoryPair {
  /** Conventionally the host (driver) end. */
  a: MemoryEnd;
  /** Conventionally the device (simulator) end. */
  b: MemoryEnd;
  /** Model a pulled cable: both ends go `disconnected` and writes fail. */
  disconnect(error?: Error): void;
  /** Plug the cable back in. */
  reconnect(): void;
}

export class MemoryEnd implements ByteTransport {
  readonly canRead: boolean;
  private currentState: TransportState = 'open';
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly stateListeners = new Set<(state: TransportState, error?: Error) => void>();
  /** @internal set by createMemoryPair */
  peer: MemoryEnd | undefined;

  constructor(
    canRead: boolean,
    private readonly maxChunk: number,
  ) {
    this.canRead = canRead;
  }

  get state(): TransportState {
    return this.currentState;
  }

  write(bytes: Uint8Array): Promise<void> {
    const peer = this.peer;
    if (this.currentState !== 'open' || !peer) {
      return Promise.reject(new Error(`memory transport is ${this.currentState}`));
    }
    // Copy: the caller may reuse its buffer once write() resolves.
    const copy = bytes.slice();
    for (let i = 0; i < copy.length; i += this.maxChunk) {
      const slice = copy.subarray(i, Math.min(copy.length, i + this.maxChunk));
      // Deliver asynchronously, like real I/O: a receiver that answers at once
      // must not re-enter the writer's call stack.
      queueMicrotask(() => peer.deliver(slice));
    }
    return Promise.resolve();
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.setState('closed');
    const peer = this.peer;
    if (peer && peer.state !== 'closed') peer.setState('closed');
  }

  /** @internal */
  deliver(bytes: Uint8Array): void {
    if (this.currentState !== 'open' || !this.canRead) return;
    for (const l of [...this.dataListeners]) l(bytes);
  }

  /** @internal */
  setState(state: TransportState, error?: Error): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    for (const l of [...this.stateListeners]) l(state, error);
  }
}

/** Two connected ends: what one writes, the other reads. */
export function createMemoryPair(options: MemoryPairOptions = {}): MemoryPair {
  const maxChunk = options.maxChunk !== undefined && options.maxChunk >= 1 ? Math.floor(options.maxChunk) : Number.MAX_SAFE_INTEGER;
  const a = new MemoryEnd(options.aCanRead ?? true, maxChunk);
  const b = new MemoryEnd(true, maxChunk);
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

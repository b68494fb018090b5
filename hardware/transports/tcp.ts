import net from 'node:net';
import type { ByteTransport, TransportState } from './types';

export interface TcpTransportOptions {
  host: string;
  /** Raw-print port; 9100 on practically every networked receipt printer. */
  port?: number;
  /** Give up on one connection attempt after this long. */
  connectTimeoutMs?: number;
  /** Back-off between reconnect attempts: first delay, growth factor, cap. */
  backoff?: { initialMs?: number; factor?: number; maxMs?: number };
  /**
   * A write while not connected waits this long for the link to come (back)
   * before failing, so a ticket printed right at start-up is not lost, but a
   * kiosk never hangs on a printer that is gone.
   */
  writeTimeoutMs?: number;
  /**
   * TCP keep-alive probe delay. A printer switched off never sends FIN; without
   * keep-alive the socket would look open until the next write times out.
   */
  keepAliveMs?: number;
}

/**
 * A persistent TCP connection to a printer's raw port that reconnects with
 * exponential back-off whenever the peer goes away, and reports its state.
 */
export class TcpTransport implements ByteTransport {
  readonly canRead = true;
  private currentState: TransportState = 'connecting';
  private socket: net.Socket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly stateListeners = new Set<(state: TransportState, error?: Error) => void>();
  private readonly host: string;
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly initialMs: number;
  private readonly factor: number;
  private readonly maxMs: number;
  private readonly writeTimeoutMs: number;
  private readonly keepAliveMs: number;

  constructor(options: TcpTransportOptions) {
    this.host = options.host;
    this.port = options.port ?? 9100;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.initialMs = options.backoff?.initialMs ?? 500;
    this.factor = options.backoff?.factor ?? 2;
    this.maxMs = options.backoff?.maxMs ?? 30_000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 3000;
    this.keepAliveMs = options.keepAliveMs ?? 5000;
    this.connect();
  }

  get state(): TransportState {
    return this.currentState;
  }

  /** Delay before the next reconnect attempt (for status displays and tests). */
  get nextRetryDelayMs(): number {
    return Math.min(this.maxMs, this.initialMs * this.factor ** Math.max(0, this.attempt - 1));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.currentState !== 'open') await this.waitForOpen(this.writeTimeoutMs);
    const socket = this.socket;
    if (!socket || this.currentState !== 'open') throw new Error(`tcp ${this.host}:${this.port} is ${this.currentState}`);
    await new Promise<void>((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    this.setState('closed');
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        // A peer that never acknowledges the FIN must not hold close() open.
        setTimeout(() => socket.destroy(), 500).unref();
      });
    }
  }

  private connect(): void {
    if (this.currentState === 'closed') return;
    const socket = net.createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.connectTimeoutMs);
    let failed = false;

    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.setKeepAlive(true, this.keepAliveMs);
      this.attempt = 0;
      this.setState('open');
    });
    socket.on('timeout', () => {
      // Only armed while connecting; an idle open printer link is normal.
      socket.destroy(new Error(`connect to ${this.host}:${this.port} timed out`));
    });
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of [...this.dataListeners]) l(bytes);
    });
    socket.on('error', (err) => {
      failed = true;
      this.lostLink(socket, err);
    });
    socket.on('close', () => {
      if (!failed) this.lostLink(socket, new Error(`${this.host}:${this.port} closed the connection`));
    });
  }

  private lostLink(socket: net.Socket, error: Error): void {
    // Events from a socket we already replaced or closed are stale.
    if (socket !== this.socket || this.currentState === 'closed') return;
    socket.destroy();
    this.socket = undefined;
    this.setState('disconnected', error);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, this.nextRetryDelayMs);
  }

  private waitForOpen(timeoutMs: number): Promise<void> {
    if (this.currentState === 'closed') return Promise.reject(new Error('tcp transport is closed'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`tcp ${this.host}:${this.port} not connected within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onState((state) => {
        if (state === 'open') {
          clearTimeout(timer);
          off();
          resolve();
        } else if (state === 'closed') {
          clearTimeout(timer);
          off();
          reject(new Error('tcp transport is closed'));
        }
      });
    });
  }

  private setState(state: TransportState, error?: Error): void {
    if (this.currentState === state) return;
    this.currentState = state;
    for (const l of [...this.stateListeners]) l(state, error);
  }
}

export function createTcpTransport(options: TcpTransportOptions): TcpTransport {
  return new TcpTransport(options);
}

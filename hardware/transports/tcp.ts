import net from 'node:net';
import { ReconnectingTransport, type LinkEvents, type OpenLink, type ReconnectOptions } from './reconnecting';

export interface TcpTransportOptions extends ReconnectOptions {
  host: string;
  /** Raw-print port; 9100 on practically every networked receipt printer. */
  port?: number;
  /** Give up on one connection attempt after this long. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * TCP keep-alive probe delay. A printer switched off never sends FIN; without
   * keep-alive the socket would look open until the next write times out.
   */
  keepAliveMs?: number;
}

/**
 * A persistent TCP connection to a printer's raw port (9100) that reconnects
 * with exponential back-off whenever the peer goes away, and reports its state.
 */
export class TcpTransport extends ReconnectingTransport {
  readonly canRead = true;
  private readonly host: string;
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly keepAliveMs: number;

  constructor(options: TcpTransportOptions) {
    super(options);
    this.host = options.host;
    this.port = options.port ?? 9100;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.keepAliveMs = options.keepAliveMs ?? 5000;
    this.start();
  }

  protected get label(): string {
    return `tcp ${this.host}:${this.port}`;
  }

  protected openLink(events: LinkEvents): Promise<OpenLink> {
    return new Promise<OpenLink>((resolve, reject) => {
      const socket = net.createConnection({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      socket.setTimeout(this.connectTimeoutMs);
      let connected = false;
      socket.on('timeout', () => {
        // Only armed while connecting; an idle open printer link is normal.
        socket.destroy(new Error(`connect to ${this.host}:${this.port} timed out`));
      });
      socket.once('connect', () => {
        connected = true;
        socket.setTimeout(0);
        socket.setKeepAlive(true, this.keepAliveMs);
        resolve({
          write: (bytes) =>
            new Promise<void>((res, rej) => {
              if (socket.destroyed) {
                rej(new Error(`${this.label} closed the connection`));
                return;
              }
              socket.write(bytes, (err) => (err ? rej(err) : res()));
            }),
          close: () =>
            new Promise<void>((res) => {
              if (socket.destroyed) {
                res();
                return;
              }
              socket.once('close', () => res());
              socket.end();
              // A peer that never acknowledges the FIN must not hold close() open.
              setTimeout(() => socket.destroy(), 500).unref();
            }),
        });
      });
      socket.on('data', (chunk: Buffer) => events.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      let failure: Error | undefined;
      socket.on('error', (err) => {
        failure ??= err;
        if (!connected) reject(err);
      });
      socket.on('close', () => {
        if (!connected) {
          reject(failure ?? new Error(`connect to ${this.host}:${this.port} failed`));
          return;
        }
        events.lost(failure ?? new Error(`${this.host}:${this.port} closed the connection`));
      });
    });
  }
}

export function createTcpTransport(options: TcpTransportOptions): TcpTransport {
  return new TcpTransport(options);
}

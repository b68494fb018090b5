import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../hardware/transports/tcp';
import type { TransportState } from '../../../hardware/transports/types';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A stand-in for a printer's port 9100 that records what it gets. */
class FakePrinterPort {
  readonly sockets: net.Socket[] = [];
  readonly received: number[] = [];
  connections = 0;
  private server: net.Server | undefined;
  port = 0;

  async listen(port = 0): Promise<void> {
    this.server = net.createServer((s) => {
      this.connections += 1;
      this.sockets.push(s);
      s.on('data', (b) => this.received.push(...b));
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  /** Drop every client, as a printer does when it is switched off. */
  dropClients(): void {
    for (const s of this.sockets.splice(0)) s.destroy();
  }

  async stop(): Promise<void> {
    this.dropClients();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: Partial<ConstructorParameters<typeof TcpTransport>[0]> = {}) {
  const port = new FakePrinterPort();
  await port.listen();
  cleanups.push(() => port.stop());
  const transport = new TcpTransport({ host: '127.0.0.1', port: port.port, backoff: { initialMs: 20, maxMs: 200 }, ...options });
  cleanups.push(() => transport.close());
  const states: TransportState[] = [];
  transport.onState((s) => states.push(s));
  return { port, transport, states };
}

describe('TcpTransport', () => {
  it('connects, writes bytes to the printer port and reads its replies', async () => {
    const { port, transport } = await setup();
    await until(() => transport.state === 'open');
    const heard: number[] = [];
    transport.onData((b) => heard.push(...b));
    await transport.write(Uint8Array.of(0x10, 0x04, 0x01));
    await until(() => port.received.length === 3);
    expect(port.received).toEqual([0x10, 0x04, 0x01]);
    port.sockets[0]?.write(Uint8Array.of(0x12));
    await until(() => heard.length === 1);
    expect(heard).toEqual([0x12]);
  });

  it('waits for the first connection when written to right away', async () => {
    const { port, transport } = await setup();
    expect(transport.state).toBe('connecting');
    await transport.write(Uint8Array.of(0x1b, 0x40));
    await until(() => port.received.length === 2);
    expect(port.received).toEqual([0x1b, 0x40]);
  });

  it('reconnects after the printer drops the connection, and writes flow again', async () => {
    const { port, transport, states } = await setup();
    await until(() => transport.state === 'open');
    port.dropClients();
    await until(() => states.includes('disconnected'));
    await until(() => transport.state === 'open' && port.connections === 2);
    expect(states).toEqual(['open', 'disconnected', 'open']);
    await transport.write(Uint8Array.of(0x41));
    await until(() => port.received.length === 1);
    expect(port.received).toEqual([0x41]);
  });

  it('backs off while the printer is gone and reconnects when it comes back on the same port', async () => {
    const { port, transport, states } = await setup({ backoff: { initialMs: 10, factor: 2, maxMs: 80 } });
    await until(() => transport.state === 'open');
    const number = port.port;
    await port.stop();
    await until(() => transport.state === 'disconnected');
    // Refused attempts keep failing; the delay grows to its cap.
    await until(() => transport.nextRetryDelayMs === 80, 2000);
    await port.listen(number);
    await until(() => transport.state === 'open', 2000);
    expect(states[0]).toBe('open');
    expect(states.at(-1)).toBe('open');
    expect(transport.nextRetryDelayMs).toBe(10); // reset after a good connection
    await transport.write(Uint8Array.of(0x42));
    await until(() => port.received.includes(0x42));
  });

  it('fails a write that cannot be delivered within writeTimeoutMs', async () => {
    const { port, transport } = await setup({ writeTimeoutMs: 50, backoff: { initialMs: 1000 } });
    await until(() => transport.state === 'open');
    await port.stop();
    await until(() => transport.state === 'disconnected');
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toThrow(/not connected within 50 ms/);
  });

  it('stops reconnecting once closed', async () => {
    const { port, transport, states } = await setup();
    await until(() => transport.state === 'open');
    await transport.close();
    expect(transport.state).toBe('closed');
    await new Promise((r) => setTimeout(r, 100));
    expect(port.connections).toBe(1);
    expect(states).toEqual(['open', 'closed']);
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toThrow(/closed/);
  });

  it('holds a write made while the printer is away and delivers it once after reconnecting', async () => {
    const { port, transport } = await setup({ writeTimeoutMs: 3000, backoff: { initialMs: 10, maxMs: 40 } });
    await until(() => transport.state === 'open');
    const number = port.port;
    await port.stop();
    await until(() => transport.state === 'disconnected');
    const writing = transport.write(Uint8Array.of(0x1b, 0x40, 0x41));
    await new Promise((r) => setTimeout(r, 50));
    await port.listen(number);
    await writing;
    await until(() => port.received.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(port.received).toEqual([0x1b, 0x40, 0x41]);
    expect(transport.lastError).toBeDefined();
  });

  it('fails a noWait write at once while disconnected', async () => {
    const { port, transport } = await setup({ backoff: { initialMs: 1000 } });
    await until(() => transport.state === 'open');
    await port.stop();
    await until(() => transport.state === 'disconnected');
    await expect(transport.write(Uint8Array.of(0x10, 0x04, 0x01), { noWait: true })).rejects.toThrow(/is disconnected/);
  });
});

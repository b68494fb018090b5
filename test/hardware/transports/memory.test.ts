import { describe, expect, it } from 'vitest';
import { createMemoryPair } from '../../../hardware/transports/memory';
import type { TransportState } from '../../../hardware/transports/types';

describe('memory transport pair', () => {
  it('carries bytes both ways, in order, asynchronously', async () => {
    const link = createMemoryPair();
    const atB: number[] = [];
    const atA: number[] = [];
    link.b.onData((b) => atB.push(...b));
    link.a.onData((b) => atA.push(...b));
    const w1 = link.a.write(Uint8Array.of(1, 2));
    const w2 = link.a.write(Uint8Array.of(3));
    expect(atB).toEqual([]); // not re-entrant: delivered on a later microtask
    await Promise.all([w1, w2]);
    expect(atB).toEqual([1, 2, 3]);
    await link.b.write(Uint8Array.of(9));
    await new Promise((r) => setTimeout(r, 0));
    expect(atA).toEqual([9]);
  });

  it('copies what it is given, so the writer may reuse its buffer', async () => {
    const link = createMemoryPair();
    const atB: number[] = [];
    link.b.onData((b) => atB.push(...b));
    const buf = Uint8Array.of(1, 2, 3);
    await link.a.write(buf);
    buf.fill(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(atB).toEqual([1, 2, 3]);
  });

  it('slices writes into maxChunk pieces', async () => {
    const link = createMemoryPair({ maxChunk: 2 });
    const chunks: number[][] = [];
    link.b.onData((b) => chunks.push(Array.from(b)));
    await link.a.write(Uint8Array.of(1, 2, 3, 4, 5));
    await new Promise((r) => setTimeout(r, 0));
    expect(chunks).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('models a one-way link: end a hears nothing', async () => {
    const link = createMemoryPair({ aCanRead: false });
    const atA: number[] = [];
    link.a.onData((b) => atA.push(...b));
    await link.b.write(Uint8Array.of(0x12));
    await new Promise((r) => setTimeout(r, 0));
    expect(link.a.canRead).toBe(false);
    expect(atA).toEqual([]);
  });

  it('reports disconnect, reconnect and close on both ends', async () => {
    const link = createMemoryPair();
    const states: TransportState[] = [];
    link.a.onState((s) => states.push(s));
    link.disconnect();
    await expect(link.a.write(Uint8Array.of(1))).rejects.toThrow(/disconnected/);
    link.reconnect();
    await link.b.close();
    expect(states).toEqual(['disconnected', 'open', 'closed']);
    expect(link.a.state).toBe('closed');
  });

  it('with writeTimeoutMs, holds a write made while unplugged and delivers it once, in order, after the replug', async () => {
    const link = createMemoryPair({ writeTimeoutMs: 500 });
    const atB: number[] = [];
    link.b.onData((b) => atB.push(...b));
    link.disconnect();
    const w1 = link.a.write(Uint8Array.of(1, 2));
    const w2 = link.a.write(Uint8Array.of(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(atB).toEqual([]);
    link.reconnect();
    // Written the moment the link is back, yet still after the two that waited.
    const w3 = link.a.write(Uint8Array.of(4));
    await Promise.all([w1, w2, w3]);
    await new Promise((r) => setTimeout(r, 0));
    expect(atB).toEqual([1, 2, 3, 4]);
  });

  it('fails a held write after writeTimeoutMs, and a noWait write at once', async () => {
    const link = createMemoryPair({ writeTimeoutMs: { a: 40 } });
    link.disconnect();
    const started = Date.now();
    await expect(link.a.write(Uint8Array.of(1))).rejects.toThrow(/not connected within 40 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    await expect(link.a.write(Uint8Array.of(1), { noWait: true })).rejects.toThrow(/is disconnected/);
    // End b was given no timeout: it fails at once.
    await expect(link.b.write(Uint8Array.of(1))).rejects.toThrow(/is disconnected/);
  });

  it('rejects a held write when the end is closed', async () => {
    const link = createMemoryPair({ writeTimeoutMs: 1000 });
    link.disconnect();
    const w = link.a.write(Uint8Array.of(1));
    await link.a.close();
    await expect(w).rejects.toThrow(/closed/);
  });
});

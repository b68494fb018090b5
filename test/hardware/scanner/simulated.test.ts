import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedScanner, SimulatedScanner } from '../../../hardware/scanner/simulated';
import { createMemoryPair } from '../../../hardware/transports/memory';
import type { ScanEvent } from '../../../hardware/scanner/types';

const PAYLOAD = 'https://lobby/phone/hearing?c=113年度偵字第1234號&v=8F3K';

afterEach(() => {
  vi.useRealTimers();
});

function collect(scanner: { onScan(l: (s: ScanEvent) => void): () => void }) {
  const scans: ScanEvent[] = [];
  scanner.onScan((s) => scans.push(s));
  return scans;
}

describe('simulated scanner through the real CDC driver', () => {
  it('scans a Chinese payload as UTF-8 bytes with the terminator', async () => {
    const { scanner, device } = createSimulatedScanner({ clock: { now: () => 1234 } });
    const scans = collect(scanner);
    await device.scan(PAYLOAD);
    expect(scans).toEqual([{ text: PAYLOAD, at: 1234 }]);
    expect(device.scanned).toEqual([PAYLOAD]);
    await scanner.close();
  });

  it('puts the UTF-8 text and a CR on the wire', async () => {
    const pair = createMemoryPair();
    const wire: number[] = [];
    pair.a.onData((b) => wire.push(...b));
    await new SimulatedScanner(pair.b).scan(PAYLOAD);
    expect(Uint8Array.from(wire)).toEqual(Uint8Array.from([...new TextEncoder().encode(PAYLOAD), 0x0d]));
    expect(new TextDecoder().decode(Uint8Array.from(wire))).toBe(`${PAYLOAD}\r`);
  });

  it('sends the configured terminator and encoding, in small reads', async () => {
    const { scanner, device } = createSimulatedScanner({ terminator: 'crlf', encoding: 'big5', maxChunk: 2 });
    const scans = collect(scanner);
    await device.scan('第一行\n第二行');
    await device.scan(PAYLOAD);
    expect(scans.map((s) => s.text)).toEqual(['第一行\n第二行', PAYLOAD]);
    expect(scanner.stats).toEqual({ scans: 2, tooLong: 0, undecodable: 0 });
  });

  it("models a scanner without terminator: the driver's idle flush delivers the scan", async () => {
    vi.useFakeTimers();
    const { scanner, device } = createSimulatedScanner({ idleFlushMs: 200 });
    const scans = collect(scanner);
    await device.scan(PAYLOAD, { terminator: 'none' });
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(scans.map((s) => s.text)).toEqual([PAYLOAD]);
  });

  it('sends raw noise, which the driver reports instead of delivering', async () => {
    const { scanner, device } = createSimulatedScanner({ maxScanBytes: 64 });
    const scans = collect(scanner);
    const kinds: string[] = [];
    scanner.onError((e) => kinds.push(e.kind));
    await device.sendRaw(Uint8Array.from([0xff, 0xfe, 0x41, 0x0d]));
    await device.sendRaw(new Uint8Array(100).fill(0x41));
    await device.scan('A001'); // still part of the over-long line: dropped with it
    await device.scan('A002');
    expect(scans.map((s) => s.text)).toEqual(['A002']);
    expect(kinds).toEqual(['undecodable', 'too-long']);
  });

  it('can be unplugged and plugged back in', async () => {
    const { scanner, device } = createSimulatedScanner();
    const scans = collect(scanner);
    const states: string[] = [];
    scanner.onState((s) => states.push(s));
    device.unplug();
    expect(scanner.state).toBe('disconnected');
    await expect(device.scan('A001')).rejects.toThrow(/disconnected/);
    device.replug();
    await device.scan('A002');
    expect(scans.map((s) => s.text)).toEqual(['A002']);
    expect(states).toEqual(['disconnected', 'open']);
    expect(device.scanned).toEqual(['A002']);
  });
});

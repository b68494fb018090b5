import { describe, expect, it } from 'vitest';
import { createScanner } from '../../../hardware/scanner';
import type { ScanEvent } from '../../../hardware/scanner/types';
import { createMemoryPair } from '../../../hardware/transports/memory';

const PAYLOAD = 'https://lobby/phone/hearing?c=113年度偵字第1234號&v=8F3K';

describe('createScanner', () => {
  it("'none' gives no scanner", () => {
    expect(createScanner({ driver: 'none' })).toEqual({});
  });

  it("'simulated' gives the real driver and the simulator's controls, with the clock and decode settings", async () => {
    const { scanner, simulator, transport } = createScanner({ driver: 'simulated', terminator: 'lf', encoding: 'big5' }, { clock: { now: () => 77 } });
    expect(transport).toBeUndefined();
    const scans: ScanEvent[] = [];
    scanner!.onScan((s) => scans.push(s));
    await simulator!.scan(PAYLOAD);
    await simulator!.sendRaw(Uint8Array.of(0x41, 0x0d, 0x42, 0x0a)); // under 'lf' a lone CR is content
    expect(scans).toEqual([
      { text: PAYLOAD, at: 77 },
      { text: 'A\rB', at: 77 },
    ]);
    await scanner!.close();
  });

  it("'cdc-serial' drives the transport it is given", async () => {
    const pair = createMemoryPair({ maxChunk: 4 });
    const { scanner, simulator } = createScanner({ driver: 'cdc-serial', transport: pair.a, terminator: 'crlf', maxScanBytes: 128 });
    expect(simulator).toBeUndefined();
    const scans: ScanEvent[] = [];
    scanner!.onScan((s) => scans.push(s));
    await pair.b.write(new TextEncoder().encode(`${PAYLOAD}\r\n${'x'.repeat(200)}\r\nA001\r\n`));
    expect(scans.map((s) => s.text)).toEqual([PAYLOAD, 'A001']);
    expect(scanner!.stats).toEqual({ scans: 2, tooLong: 1, undecodable: 0 });
    await scanner!.close();
    expect(pair.a.state).toBe('closed');
  });

  it("'cdc-serial' needs a transport, a path or USB ids", () => {
    expect(() => createScanner({ driver: 'cdc-serial' })).toThrow(/needs a transport, a path/);
  });
});

import { describe, expect, it } from 'vitest';
import { printerBlocks, watchPrinterHealth } from '../../../core/devices/printer-health';
import { manualClock } from '../../../core/store/clock';
import type { PrinterStatus, TicketPrinter } from '../../../hardware/printer/types';

function fakePrinter(initial: PrinterStatus) {
  const listeners = new Set<(s: PrinterStatus) => void>();
  const printer: TicketPrinter = {
    id: 'p1',
    print: async () => ({ bytes: 0 }),
    status: async () => initial,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => undefined,
  };
  return { printer, push: (s: PrinterStatus) => listeners.forEach((l) => l(s)) };
}

const ready: PrinterStatus = { state: 'ready', statusReadable: true, link: 'open' };

describe('printer health', () => {
  it('paper near end keeps issuing and warns staff; paper end, cover, offline, cutter and a pulled cable stop the kiosk', () => {
    expect(printerBlocks({ ...ready, state: 'paper-near-end' })).toBe(false);
    for (const state of ['paper-end', 'cover-open', 'offline', 'cutter-error'] as const) expect(printerBlocks({ ...ready, state })).toBe(true);
    expect(printerBlocks({ ...ready, link: 'disconnected' })).toBe(true);
    // A one-way link cannot tell; refusing every ticket on ignorance would be worse.
    expect(printerBlocks({ state: 'unknown', statusReadable: false, link: 'open' })).toBe(false);
  });

  it('tells the kiosk and the health view when the state changes, with since', async () => {
    const clock = manualClock('2026-11-26T02:00:00Z');
    const fake = fakePrinter(ready);
    const reasons: (string | null)[] = [];
    let changes = 0;
    const health = watchPrinterHealth({
      printer: fake.printer,
      clock,
      timeZone: 'Asia/Taipei',
      onKioskStatus: (r) => reasons.push(r),
      onChange: () => changes++,
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(health.snapshot()).toMatchObject({ state: 'ready', alert: null, link: 'open' });
    clock.advance(60_000);
    fake.push({ ...ready, state: 'paper-near-end' });
    expect(health.snapshot()).toMatchObject({ state: 'paper-near-end', alert: 'warning', since: '2026-11-26T10:01:00+08:00' });
    fake.push({ ...ready, state: 'paper-end' });
    expect(health.snapshot().alert).toBe('error');
    fake.push({ ...ready, state: 'paper-end' });
    fake.push(ready);
    expect(reasons).toEqual([null, null, 'printer-unavailable', null]);
    expect(changes).toBe(4);
    health.stop();
  });
});

/**
 * The /devices panel's byte counts: a receipt's bytes are the ticket's own; the
 * status polls the host sends between tickets (DLE EOT n from the health
 * poller, GS a n when the driver starts) are counted apart. They once inflated
 * the next receipt's size, so a ticket seemed bigger the longer the lobby idled.
 */
import { describe, expect, it } from 'vitest';
import { bindSimulatorPanel } from '../../../core/devices/simulator-panel';
import { createSimulatedPrinter } from '../../../hardware/printer/simulated';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { EscPosParser, type ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import { fromHex, sampleTicket } from '../../hardware/printer/fixtures';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the ESC/POS parser counts status polls apart', () => {
  it('GS a and DLE EOT before and inside a ticket are status bytes; the ticket bytes are the rest', () => {
    const receipts: ParsedReceipt[] = [];
    const parser = new EscPosParser({ onReceipt: (r) => receipts.push(r) });
    const ticket = encodeReceipt(sampleTicket).bytes;
    // GS a 0E (ASB on), then three polls (DLE EOT 1, 2, 4), then the ticket, then a poll after it
    parser.push(fromHex('1D 61 0E 10 04 01 10 04 02 10 04 04'));
    parser.push(ticket);
    parser.push(fromHex('10 04 01'));
    parser.push(ticket);
    expect(receipts.map((r) => [r.bytes, r.statusBytes])).toEqual([
      [ticket.length + 12, 12],
      [ticket.length + 3, 3],
    ]);
    expect(receipts.map((r) => r.bytes - r.statusBytes)).toEqual([ticket.length, ticket.length]);
    expect(parser.stats.statusBytes).toBe(15);
    expect(parser.stats.bytes).toBe(2 * ticket.length + 15);
  });

  it("a power cycle forgets half a receipt's polls", () => {
    const receipts: ParsedReceipt[] = [];
    const parser = new EscPosParser({ onReceipt: (r) => receipts.push(r) });
    parser.push(fromHex('10 04 01 10 04 01'));
    parser.reset();
    parser.push(encodeReceipt(sampleTicket).bytes);
    expect(receipts[0]?.statusBytes).toBe(0);
  });
});

describe('the /devices panel', () => {
  it("shows each receipt's own bytes, the driver's GS a and the health poller's DLE EOT apart", async () => {
    const { printer, device } = createSimulatedPrinter();
    const panel = bindSimulatorPanel({ printer: device, signs: [], scanner: undefined, keypads: undefined, displays: undefined, displayProtocol: 'framed' }, 'Asia/Taipei');
    try {
      // the lobby's health poller asks twice while nobody takes a ticket
      await printer.status();
      await printer.status();
      const first = await printer.print(sampleTicket);
      await printer.status();
      const second = await printer.print(sampleTicket);
      await until(() => device.receipts.length === 2);
      const [newest, oldest] = panel.snapshot().printer.receipts;
      expect(first.bytes).toBe(encodeReceipt(sampleTicket).bytes.length);
      expect(oldest).toMatchObject({ bytes: first.bytes });
      expect(newest).toMatchObject({ bytes: second.bytes });
      // GS a 0E once, then a DLE EOT per status byte asked (at least one per status())
      expect(oldest!.statusBytes).toBeGreaterThanOrEqual(3 + 2 * 3);
      expect(oldest!.statusBytes % 3).toBe(0);
      expect(newest!.statusBytes).toBeGreaterThanOrEqual(3);
      expect(device.stats.statusBytes).toBeGreaterThanOrEqual(oldest!.statusBytes + newest!.statusBytes);
    } finally {
      panel.stop();
      await printer.close();
    }
  });
});

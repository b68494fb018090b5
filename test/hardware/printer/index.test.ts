import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { EscPosParser, type ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import { createPrinter } from '../../../hardware/printer/index';
import { statusReplyFor } from '../../../hardware/printer/simulated';
import { hex, sampleTicket, sampleTicketItems } from './fixtures';

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('createPrinter', () => {
  it("'simulated' gives the real driver and the device it prints on", async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', pollIntervalMs: 0 }, { clock: { now: () => 1_800_000_000_000 } });
    expect(simulator).toBeDefined();
    await printer.print(sampleTicket);
    await until(() => simulator?.receipts.length === 1);
    expect(simulator?.receipts[0]?.items).toEqual(sampleTicketItems);
    expect(simulator?.receipts[0]?.receivedAt).toBe(1_800_000_000_000);
    simulator?.setFault('paper-near-end');
    expect((await printer.status()).state).toBe('paper-near-end');
    await printer.close();
  });

  it("'simulated' with GB18030 reads back Chinese sent in GB18030", async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', encoding: 'gb18030', pollIntervalMs: 0 });
    await printer.print({ blocks: [{ kind: 'text', text: '臺東地檢署' }, { kind: 'cut' }] });
    await until(() => simulator?.receipts.length === 1);
    expect(simulator?.receipts[0]?.items[0]).toMatchObject({ kind: 'text', text: '臺東地檢署' });
    await printer.close();
  });

  it("'escpos-tcp' prints to port 9100-style socket and reads status from it", async () => {
    // A minimal network printer: parses what it gets and answers DLE EOT as healthy.
    const receipts: ParsedReceipt[] = [];
    const raw: number[] = [];
    const server = net.createServer((socket) => {
      const parser = new EscPosParser({
        onReceipt: (r) => receipts.push(r),
        onStatusQuery: (n) => socket.write(Uint8Array.of(statusReplyFor(null, n) ?? 0)),
      });
      socket.on('data', (b) => {
        raw.push(...b);
        parser.push(b);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const port = address && typeof address === 'object' ? address.port : 0;

    const { printer, simulator } = createPrinter({ driver: 'escpos-tcp', host: '127.0.0.1', port, pollIntervalMs: 0 });
    expect(simulator).toBeUndefined();
    expect(printer.id).toBe(`escpos-tcp:127.0.0.1:${port}`);
    const result = await printer.print(sampleTicket);
    await until(() => receipts.length === 1);
    expect(receipts[0]?.items).toEqual(sampleTicketItems);
    // On connect the driver asks for status at once; the ticket follows as one unbroken write.
    expect(hex(raw)).toContain(hex(encodeReceipt(sampleTicket).bytes));
    expect(result.bytes).toBe(315);
    expect(await printer.status()).toEqual({ state: 'ready', statusReadable: true });
    await printer.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

/**
 * Bytes and encode time for one standard ticket: our encoder against
 * node-escpos and receiptline rendering the same content in the same run.
 */
import { performance } from 'node:perf_hooks';
import { Printer } from '@node-escpos/core';
import { Adapter } from '@node-escpos/adapter';
import receiptline from 'receiptline';
import { layoutTicket, type TicketFacts } from '../../core/devices/ticket-layout';
import { encodeReceipt } from '../../hardware/printer/escpos/encoder';
import { EscPosParser, type ParsedReceipt } from '../../hardware/printer/escpos/parser';
import { summary } from './stats';

export const STANDARD_TICKET: TicketFacts = {
  agency: { zh: '臺灣臺東地方檢察署', en: 'Taiwan Taitung District Prosecutors Office' },
  serviceName: { zh: '為民服務中心諮詢', en: 'Public Service Center Enquiries' },
  number: 'A012',
  waitingAhead: 12,
  issuedAt: Date.parse('2026-11-26T06:05:00Z'),
  timeZone: 'Asia/Taipei',
  phoneUrl: 'http://192.168.10.20:8080/phone/t/3qtnHor7ZcBk_sLzb6E8JQ',
  footer: { zh: '請留意叫號，過號請洽櫃台', en: 'Please listen for your number' },
};

/** Collects what node-escpos would send to its adapter. */
class CaptureAdapter extends Adapter<[]> {
  chunks: Buffer[] = [];
  open(cb?: (error: Error | null) => void) {
    cb?.(null);
    return this;
  }
  write(data: Buffer | string, cb?: (error: Error | null) => void) {
    this.chunks.push(Buffer.isBuffer(data) ? data : Buffer.from(data));
    cb?.(null);
    return this;
  }
  close(cb?: (error: Error | null) => void) {
    cb?.(null);
    return this;
  }
  read(): void {}
}

function lines(t: TicketFacts) {
  const roc = `民國115年11月26日 14:05`;
  return { roc, waiting: `前面等候 ${t.waitingAhead} 人 / ${t.waitingAhead} waiting ahead` };
}

async function nodeEscpos(t: TicketFacts): Promise<Buffer> {
  const adapter = new CaptureAdapter();
  // node-escpos' default text encoding is GB18030: what a user of the library gets without digging.
  const p = new Printer(adapter, {});
  const { roc, waiting } = lines(t);
  p.align('ct').style('b').text(t.agency.zh).style('normal').size(2, 2).text(t.serviceName.zh).size(1, 1).text(t.serviceName.en);
  p.size(6, 6).style('b').text(t.number).style('normal').size(1, 1).text(waiting).text(roc);
  p.qrcode(t.phoneUrl ?? '', 3, 'm', 5);
  p.text(t.footer.zh).text(t.footer.en).cut(true);
  await p.flush();
  return Buffer.concat(adapter.chunks);
}

function receiptlineBytes(t: TicketFacts): Buffer {
  const { roc, waiting } = lines(t);
  const doc = [
    `"${t.agency.zh}"`,
    `^${t.serviceName.zh}`,
    t.serviceName.en,
    `^^^^${t.number}`,
    waiting.replace(/\//g, '\\/'),
    roc,
    `{code:${t.phoneUrl}; option:qrcode,5,m}`,
    t.footer.zh,
    t.footer.en,
    '=',
  ].join('\n');
  return Buffer.from(receiptline.transform(doc, { cpl: 48, encoding: 'cp950', command: 'escpos' }), 'binary');
}

function ours(t: TicketFacts): Uint8Array {
  return encodeReceipt(layoutTicket(t), { encoding: 'big5' }).bytes;
}

async function time(fn: () => unknown, n: number): Promise<number[]> {
  for (let i = 0; i < 50; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function comparePrinterEncoders(): Promise<void> {
  const t = STANDARD_TICKET;
  const rows: [string, number, number[]][] = [
    ['ours (Big5, FS &, GS ( k)', ours(t).length, await time(() => ours(t), 2000)],
    ['node-escpos 0.6 (GB18030, GS Z)', (await nodeEscpos(t)).length, await time(() => nodeEscpos(t), 2000)],
    ['receiptline 4 (cp950, QR raster)', receiptlineBytes(t).length, await time(() => receiptlineBytes(t), 2000)],
  ];
  const base = rows[0]!;
  // What a Traditional-Chinese (Big5) printer makes of each library's bytes.
  const asPrinted = (bytes: Uint8Array) => {
    const receipts: ParsedReceipt[] = [];
    new EscPosParser({ encoding: 'big5', onReceipt: (r) => receipts.push(r) }).push(bytes);
    const items = receipts[0]?.items ?? [];
    const agency = items.find((i) => i.kind === 'text' && i.text.trim() !== '');
    const qr = items.find((i) => i.kind === 'qr');
    return `agency line "${agency && agency.kind === 'text' ? agency.text : '—'}", native QR ${qr ? 'yes' : 'no'}`;
  };
  console.log('\nstandard ticket: bytes, wire time, encode time');
  for (const [name, bytes, times] of rows) {
    const s = summary(times);
    const wire = (baud: number) => `${((bytes * 10) / baud).toFixed(3)} s`;
    console.log(
      `  ${name.padEnd(34)} ${String(bytes).padStart(5)} B (${(bytes / base[1]).toFixed(2)}× ours, target 400 B)` +
        `  9600: ${wire(9600)}  115200: ${wire(115200)}` +
        `  encode median ${s.median.toFixed(3)} ms p99 ${s.p99.toFixed(3)} ms (${(s.median / summary(base[2]).median).toFixed(1)}× ours)`,
    );
  }
  console.log('  on a Big5 printer:');
  const outputs: [string, Uint8Array][] = [
    ['ours', ours(t)],
    ['node-escpos', await nodeEscpos(t)],
    ['receiptline', receiptlineBytes(t)],
  ];
  for (const [name, bytes] of outputs) {
    console.log(`    ${name.padEnd(12)} ${asPrinted(bytes)}`);
  }
}

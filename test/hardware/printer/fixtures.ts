export { seededRandom } from '../../helpers/random';
import type { ReceiptDoc } from '../../../hardware/printer/types';
import type { ParsedItem } from '../../../hardware/printer/escpos/parser';

/** A full lobby ticket, laid out the way core/devices lays one out. */
export const sampleTicket: ReceiptDoc = {
  blocks: [
    { kind: 'text', text: '臺灣臺北地方法院', align: 'center', bold: true },
    { kind: 'text', text: '民事紀錄科', align: 'center', width: 2, height: 2 },
    { kind: 'text', text: 'Civil Records Section', align: 'center' },
    { kind: 'text', text: 'A012', align: 'center', width: 6, height: 6, bold: true },
    { kind: 'text', text: '前面等候 12 人 / 12 waiting ahead', align: 'center' },
    { kind: 'text', text: '民國115年11月22日 14:35', align: 'center' },
    { kind: 'qr', payload: 'https://lobby.tpd.judicial.gov.tw/t/20261122-A012', moduleSize: 5, errorLevel: 'M', align: 'center' },
    { kind: 'text', text: '過號請重新取號，請留意叫號螢幕', align: 'center' },
    { kind: 'text', text: 'Please watch the screen for your number', align: 'center' },
    { kind: 'cut', partial: true },
  ],
};

/** What a printer reading sampleTicket's bytes should have printed. */
export const sampleTicketItems: ParsedItem[] = [
  { kind: 'text', text: '臺灣臺北地方法院', align: 'center', width: 1, height: 1, bold: true },
  { kind: 'text', text: '民事紀錄科', align: 'center', width: 2, height: 2, bold: false },
  { kind: 'text', text: 'Civil Records Section', align: 'center', width: 1, height: 1, bold: false },
  { kind: 'text', text: 'A012', align: 'center', width: 6, height: 6, bold: true },
  { kind: 'text', text: '前面等候 12 人 / 12 waiting ahead', align: 'center', width: 1, height: 1, bold: false },
  { kind: 'text', text: '民國115年11月22日 14:35', align: 'center', width: 1, height: 1, bold: false },
  { kind: 'qr', payload: 'https://lobby.tpd.judicial.gov.tw/t/20261122-A012', moduleSize: 5, errorLevel: 'M', align: 'center' },
  { kind: 'text', text: '過號請重新取號，請留意叫號螢幕', align: 'center', width: 1, height: 1, bold: false },
  { kind: 'text', text: 'Please watch the screen for your number', align: 'center', width: 1, height: 1, bold: false },
];

export function hex(bytes: Uint8Array | number[]): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/).map((h) => parseInt(h, 16)));
}


export function indexOfSeq(haystack: Uint8Array, needle: Uint8Array | number[], from = 0): number {
  const n = Array.from(needle);
  outer: for (let i = from; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

import type { FrameFormat } from './types';

/** Digits and capitals only: what a 7-segment/LED module can show. */
export function displayText(text: string, width: number): string {
  return text.toUpperCase().replace(/[^0-9A-Z -]/g, '').slice(-width).padStart(width, ' ');
}

function checksum(kind: FrameFormat['checksum'], bytes: number[]): number[] {
  if (kind === 'xor') return [bytes.reduce((a, b) => a ^ b, 0)];
  if (kind === 'sum8') return [bytes.reduce((a, b) => (a + b) & 0xff, 0)];
  return [];
}

export function encodeFrame(format: FrameFormat, address: number, text: string): Uint8Array {
  const addr = format.address === 'ascii2' ? [...String(address).padStart(2, '0')].map((c) => c.charCodeAt(0)) : [address & 0xff];
  const body = [...addr, ...[...displayText(text, format.width)].map((c) => c.charCodeAt(0))];
  return Uint8Array.from([...format.start, ...body, ...checksum(format.checksum, body), ...format.end]);
}

/** Decodes one whole frame, or null when it is not one (bad markers, length or checksum). */
export function decodeFrame(format: FrameFormat, frame: Uint8Array): { address: number; text: string } | null {
  const addrLen = format.address === 'ascii2' ? 2 : 1;
  const sumLen = format.checksum === 'none' ? 0 : 1;
  const expected = format.start.length + addrLen + format.width + sumLen + format.end.length;
  if (frame.length !== expected) return null;
  const bytes = [...frame];
  if (format.start.some((b, i) => bytes[i] !== b) || format.end.some((b, i) => bytes[expected - format.end.length + i] !== b)) return null;
  const body = bytes.slice(format.start.length, format.start.length + addrLen + format.width);
  const sum = bytes.slice(format.start.length + body.length, format.start.length + body.length + sumLen);
  if (checksum(format.checksum, body).some((b, i) => sum[i] !== b)) return null;
  const addrBytes = body.slice(0, addrLen);
  const address = format.address === 'ascii2' ? Number(String.fromCharCode(...addrBytes)) : addrBytes[0]!;
  return { address, text: String.fromCharCode(...body.slice(addrLen)).trim() };
}

// ---- Modbus RTU ------------------------------------------------------------------

/** CRC-16/MODBUS: poly 0xA001 reflected, init 0xFFFF; sent low byte first. */
export function crc16Modbus(bytes: ArrayLike<number>): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/**
 * Function 16 (write multiple registers) from register 0: one register per
 * character, holding its ASCII code — the layout of common Modbus 7-segment
 * modules (PROTOCOLS.md, "Queue-calling hardware").
 */
export function encodeModbusWrite(slave: number, text: string, registers: number): Uint8Array {
  const chars = [...displayText(text, registers)].map((c) => c.charCodeAt(0));
  const pdu = [slave & 0xff, 0x10, 0x00, 0x00, 0x00, registers, registers * 2];
  for (const c of chars) pdu.push(0x00, c);
  const crc = crc16Modbus(pdu);
  return Uint8Array.from([...pdu, crc & 0xff, crc >> 8]);
}

export function decodeModbusWrite(frame: Uint8Array): { slave: number; text: string } | null {
  if (frame.length < 9 || frame[1] !== 0x10) return null;
  const count = frame[5]!;
  if (frame[6] !== count * 2 || frame.length !== 9 + count * 2) return null;
  const crc = crc16Modbus(frame.subarray(0, frame.length - 2));
  if (frame[frame.length - 2] !== (crc & 0xff) || frame[frame.length - 1] !== crc >> 8) return null;
  let text = '';
  for (let i = 0; i < count; i++) text += String.fromCharCode(frame[8 + i * 2]!);
  return { slave: frame[0]!, text: text.trim() };
}

/**
 * A module's answer to a function-16 write, from the start of `bytes`: the
 * echo (slave, 0x10, start, count, CRC: 8 bytes) or an exception (slave,
 * 0x90, code, CRC: 5 bytes). 'incomplete' while more bytes may still come.
 */
export function decodeModbusWriteReply(bytes: readonly number[]): { slave: number; exception?: number } | 'incomplete' | null {
  if (bytes.length < 2) return 'incomplete';
  const fn = bytes[1];
  const len = fn === 0x10 ? 8 : fn === 0x90 ? 5 : 0;
  if (len === 0) return null;
  if (bytes.length < len) return 'incomplete';
  const frame = bytes.slice(0, len);
  const crc = crc16Modbus(frame.slice(0, len - 2));
  if (frame[len - 2] !== (crc & 0xff) || frame[len - 1] !== crc >> 8) return null;
  return fn === 0x90 ? { slave: frame[0]!, exception: frame[2]! } : { slave: frame[0]! };
}

/** The normal answer a module sends to a function-16 write of `registers` registers from 0. */
export function encodeModbusWriteReply(slave: number, registers: number): Uint8Array {
  const pdu = [slave & 0xff, 0x10, 0x00, 0x00, 0x00, registers];
  const crc = crc16Modbus(pdu);
  return Uint8Array.from([...pdu, crc & 0xff, crc >> 8]);
}

/**
 * Onbon BX-5 / BX-6 "font card" (字库卡) protocol: the frame layer, the
 * commands a marquee uses (dynamic area A3 06, PING A2 00, ACK/NACK A0 00 /
 * A0 01) and the text layer (GBK with \C colour and \n line escapes).
 * Encoder and decoder live together so the simulator reads exactly what the
 * driver writes.
 *
 * Source for every byte here: Onbon's public protocol document
 * "BK-5K/6K通讯协议用户版本" v1.4, onbon-docs/docs/zh/k/potocol.md in
 * github.com/onbonlab/onbonlab.github.io (§3 frame, §3.3 escaping, §4 header,
 * §5.1 request/reply, §6 error codes, §7 ACK/NACK, §8.2.1 dynamic area,
 * §8.7 PING, §9.1 area data, §11 text escapes, appendix CRC table).
 *
 *   A5×8 | escape( header(14) data(N) crc16-LE ) | 5A
 *   header = dst(2 LE) src(2 LE, host 0x8000) reserved(3) barcodeOption(1)
 *            checkMode(1) displayMode(1) deviceType(1, 0xFE any) version(1, 0x02) dataLen(2 LE)
 *
 * The CRC (CRC-16/ARC: poly 0xA001 reflected, init 0) and the length cover
 * header and data before escaping; the escaping covers header, data and CRC.
 */
import iconv from 'iconv-lite';
import { normalizeSignText } from './text';
import type { SignColor, SignEffect, SignMessage, SignSpeed, SignWarning } from './types';

export const PREAMBLE = 0xa5;
export const END = 0x5a;
/** The host ("PC client software") source address; replies come back to it. */
export const HOST_ADDRESS = 0x8000;
/** Broadcast without replies (e.g. time sync). */
export const BROADCAST_NO_REPLY = 0xffff;
/** Broadcast that the controller answers, with 0xFFFE as its source. */
export const BROADCAST_REPLY = 0xfffe;
/** Device type wildcard. */
export const ANY_DEVICE = 0xfe;
export const PROTOCOL_VERSION = 0x02;
export const HEADER_LENGTH = 14;

export const CMD = {
  ack: [0xa0, 0x00],
  nack: [0xa0, 0x01],
  ping: [0xa2, 0x00],
  dynamicArea: [0xa3, 0x06],
} as const;

/** §6 CmdError, by number. */
export const ONBON_ERRORS = [
  'ERR_NO',
  'ERR_OUTOFGROUP',
  'ERR_NOCMD',
  'ERR_BUSY',
  'ERR_MEMORYVOLUME',
  'ERR_CHECKSUM',
  'ERR_FILENOTEXIST',
  'ERR_FLASH',
  'ERR_FILE_DOWNLOAD',
  'ERR_FILE_NAME',
  'ERR_FILE_TYPE',
  'ERR_FILE_CRC16',
  'ERR_FONT_NOT_EXIST',
  'ERR_FIRMWARE_TYPE',
  'ERR_DATE_TIME_FORMAT',
  'ERR_FILE_EXIST',
  'ERR_FILE_BLOCK_NUM',
] as const;

export function onbonErrorName(code: number): string {
  return ONBON_ERRORS[code] ?? `error ${code}`;
}

// ---- CRC and escaping ---------------------------------------------------------

/** CRC-16/ARC (the appendix's table-driven CalcCRC): poly 0xA001 reflected, init 0, no final xor. */
export function crc16(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** §3.3: A5 → A6 02, A6 → A6 01, 5A → 5B 02, 5B → 5B 01. */
export function escapeBytes(bytes: ArrayLike<number>): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0xa5) out.push(0xa6, 0x02);
    else if (b === 0xa6) out.push(0xa6, 0x01);
    else if (b === 0x5a) out.push(0x5b, 0x02);
    else if (b === 0x5b) out.push(0x5b, 0x01);
    else out.push(b);
  }
  return Uint8Array.from(out);
}

/** The inverse of escapeBytes; null on a sequence that no escaping produces (A6 or 5B not followed by 01/02, a raw A5 or 5A). */
export function unescapeBytes(bytes: ArrayLike<number>): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0xa5 || b === 0x5a) return null;
    if (b === 0xa6 || b === 0x5b) {
      const next = bytes[i + 1];
      if (next === 0x01) out.push(b);
      else if (next === 0x02) out.push(b - 1);
      else return null;
      i++;
    } else out.push(b);
  }
  return Uint8Array.from(out);
}

// ---- frames --------------------------------------------------------------------

export interface OnbonHeader {
  dst: number;
  src: number;
  /** 0 CRC16, 1 sum, 2 none (6K only). */
  checkMode: number;
  /** 0 normal, 1 dynamic areas over programs. */
  displayMode: number;
  deviceType: number;
  version: number;
}

export interface OnbonFrame {
  header: OnbonHeader;
  data: Uint8Array;
}

export type OnbonDecodeResult =
  | { ok: true; frame: OnbonFrame }
  | { ok: false; reason: 'bad-escape' | 'too-short' | 'bad-length' | 'bad-crc'; header?: OnbonHeader };

export interface EncodeFrameInput {
  dst: number;
  data: ArrayLike<number>;
  src?: number;
  deviceType?: number;
  version?: number;
  displayMode?: number;
}

const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** The unescaped PHY1 packet: header, data, CRC (little-endian). */
export function encodePacket(input: EncodeFrameInput): Uint8Array {
  const data = Array.from(input.data);
  if (data.length > 0xffff) throw new RangeError(`Onbon data field too long (${data.length} bytes)`);
  const header = [
    ...u16(input.dst),
    ...u16(input.src ?? HOST_ADDRESS),
    0x00,
    0x00,
    0x00, // reserved
    0x00, // no barcode
    0x00, // CRC16
    input.displayMode ?? 0x00,
    input.deviceType ?? ANY_DEVICE,
    input.version ?? PROTOCOL_VERSION,
    ...u16(data.length),
  ];
  const body = [...header, ...data];
  return Uint8Array.from([...body, ...u16(crc16(body))]);
}

/** A whole frame as it goes on the wire. */
export function encodeFrame(input: EncodeFrameInput, preamble = 8): Uint8Array {
  const escaped = escapeBytes(encodePacket(input));
  const out = new Uint8Array(preamble + escaped.length + 1);
  out.fill(PREAMBLE, 0, preamble);
  out.set(escaped, preamble);
  out[out.length - 1] = END;
  return out;
}

function parseHeader(p: Uint8Array): { header: OnbonHeader; dataLen: number; headerLen: number } | null {
  if (p.length < HEADER_LENGTH) return null;
  const barcode = (p[7]! & 0x01) === 1 ? 16 : 0;
  const headerLen = HEADER_LENGTH + barcode;
  if (p.length < headerLen) return null;
  const at = 8 + barcode;
  return {
    header: {
      dst: p[0]! | (p[1]! << 8),
      src: p[2]! | (p[3]! << 8),
      checkMode: p[at]!,
      displayMode: p[at + 1]!,
      deviceType: p[at + 2]!,
      version: p[at + 3]!,
    },
    dataLen: p[at + 4]! | (p[at + 5]! << 8),
    headerLen,
  };
}

/** Decodes what lies between the preamble and the 5A (still escaped). */
export function decodeFrameBody(escaped: ArrayLike<number>): OnbonDecodeResult {
  const p = unescapeBytes(escaped);
  if (!p) return { ok: false, reason: 'bad-escape' };
  const parsed = parseHeader(p);
  if (!parsed) return { ok: false, reason: 'too-short' };
  const { header, dataLen, headerLen } = parsed;
  if (p.length !== headerLen + dataLen + 2) return { ok: false, reason: 'bad-length', header };
  const body = p.subarray(0, headerLen + dataLen);
  const given = p[p.length - 2]! | (p[p.length - 1]! << 8);
  if (header.checkMode === 0 && given !== crc16(body)) return { ok: false, reason: 'bad-crc', header };
  if (header.checkMode === 1 && given !== body.reduce((s, b) => (s + b) & 0xffff, 0)) return { ok: false, reason: 'bad-crc', header };
  return { ok: true, frame: { header, data: p.slice(headerLen, headerLen + dataLen) } };
}

/** Decodes one whole frame: any number of A5, the body, 5A. */
export function decodeFrame(bytes: ArrayLike<number>): OnbonDecodeResult {
  let i = 0;
  while (i < bytes.length && bytes[i] === PREAMBLE) i++;
  if (i === 0 || bytes[bytes.length - 1] !== END) return { ok: false, reason: 'too-short' };
  return decodeFrameBody(Array.from({ length: bytes.length - 1 - i }, (_, k) => bytes[i + k]!));
}

/**
 * Cuts a byte stream into frames however it was split into reads (§3: one A5
 * is enough to start a frame; the first byte that is not A5 begins the
 * packet; 5A ends it). Escaping guarantees neither A5 nor 5A occurs inside.
 */
export class OnbonFrameReader {
  private body: number[] = [];
  private state: 'idle' | 'preamble' | 'body' = 'idle';

  constructor(
    private readonly onFrame: (result: OnbonDecodeResult) => void,
    private readonly maxLength = 64 * 1024,
  ) {}

  push(bytes: ArrayLike<number>): void {
    for (let k = 0; k < bytes.length; k++) {
      const b = bytes[k]!;
      if (b === PREAMBLE) {
        // A5 inside a body means the end was lost: that frame is bad, a new one starts.
        if (this.state === 'body') this.onFrame({ ok: false, reason: 'too-short' });
        this.state = 'preamble';
        this.body = [];
        continue;
      }
      if (this.state === 'idle') continue; // noise between frames
      if (b === END) {
        const body = this.body;
        this.reset();
        this.onFrame(decodeFrameBody(body));
        continue;
      }
      this.state = 'body';
      this.body.push(b);
      if (this.body.length > this.maxLength) {
        this.reset();
        this.onFrame({ ok: false, reason: 'bad-length' });
      }
    }
  }

  reset(): void {
    this.body = [];
    this.state = 'idle';
  }
}

// ---- commands ----------------------------------------------------------------------

/** §5.1.1 request head: CmdGroup Cmd Response Reserved(2). Response 0x01 must reply, 0x02 need not. */
function requestHead(cmd: readonly [number, number], reply: boolean): number[] {
  return [cmd[0], cmd[1], reply ? 0x01 : 0x02, 0x00, 0x00];
}

/** §8.7 PING. */
export function encodePing(reply = true): Uint8Array {
  return Uint8Array.from(requestHead(CMD.ping, reply));
}

/** §7 ACK (error 0) or NACK (error ≠ 0): A0 00|01 CmdError 00 00. */
export function encodeAck(error = 0): Uint8Array {
  return Uint8Array.from([0xa0, error === 0 ? 0x00 : 0x01, error & 0xff, 0x00, 0x00]);
}

export interface OnbonReply {
  group: number;
  cmd: number;
  /** CmdError; 0 is ERR_NO. */
  error: number;
  payload: Uint8Array;
}

/** §5.1.2: a reply's data field. */
export function decodeReply(data: Uint8Array): OnbonReply | null {
  if (data.length < 5) return null;
  return { group: data[0]!, cmd: data[1]!, error: data[2]!, payload: data.slice(5) };
}

/** §9.1 area data, as used in a dynamic-area command. */
export interface OnbonArea {
  /** Default 0x00. */
  areaType?: number;
  /** Pixels. Sent with the high bit set ("pixel units"); a value without it is in units of 8 pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** DynamicAreaLoc: 0, 1, … */
  id: number;
  lineSpacing: number;
  /** 0 cycle, 1 stop on the last page, 2 cycle and delete after `timeout` without an update. */
  runMode: number;
  /** Seconds. */
  timeout: number;
  /** 0x00 left/top; bits 1-0 horizontal (01 right, 10 centre), bits 3-2 vertical (01 bottom, 10 centre). */
  align: number;
  /** 0x01 single line, 0x02 multi-line. */
  singleLine: number;
  /** 0x01 manual line breaks (\n), 0x02 automatic wrap. */
  newLine: number;
  /** 0x01 static, 0x02 quick type-out, 0x03 move left, 0x04 right, 0x05 up, 0x06 down. */
  displayMode: number;
  exitMode: number;
  /** 0x00 fastest … 0x18 slowest. */
  speed: number;
  /** Units of 0.5 s. */
  stayTime: number;
  /** The text layer bytes (GBK with escapes). */
  data: Uint8Array;
  /** Voice fields and extension parameters are decoded but never sent by this driver. */
  soundMode?: number;
  extendParams?: Uint8Array;
}

export interface DynamicAreaCommand {
  /** Response byte 0x01 (must reply) or 0x02. */
  reply: boolean;
  /** 0 keep, 1 clear and re-initialise the areas. */
  processMode: number;
  /** Areas to delete first: ids, or 'all' (0xFF). */
  deleteIds: number[] | 'all';
  areas: OnbonArea[];
}

const PIXELS = 0x8000;

function encodeArea(a: OnbonArea): number[] {
  return [
    a.areaType ?? 0x00,
    ...u16(PIXELS | a.x),
    ...u16(a.y),
    ...u16(PIXELS | a.width),
    ...u16(a.height),
    a.id,
    a.lineSpacing,
    a.runMode,
    ...u16(a.timeout),
    0x00, // no voice
    0x00, // no extension parameters
    a.align,
    a.singleLine,
    a.newLine,
    a.displayMode,
    a.exitMode,
    a.speed,
    a.stayTime,
    ...u32(a.data.length),
    ...Array.from(a.data),
  ];
}

/** §8.2.1 A3 06: the data field. */
export function encodeDynamicArea(cmd: DynamicAreaCommand): Uint8Array {
  const del = cmd.deleteIds === 'all' ? [0xff] : [cmd.deleteIds.length, ...cmd.deleteIds];
  const out = [CMD.dynamicArea[0], CMD.dynamicArea[1], cmd.reply ? 0x01 : 0x02, cmd.processMode, 0x00, ...del, cmd.areas.length];
  for (const area of cmd.areas) {
    const bytes = encodeArea(area);
    out.push(...u16(bytes.length), ...bytes);
  }
  return Uint8Array.from(out);
}

const coord = (v: number) => (v & PIXELS ? v & 0x7fff : v * 8);

function decodeArea(d: Uint8Array): OnbonArea | null {
  let i = 0;
  const need = (n: number) => i + n <= d.length;
  const r8 = () => d[i++]!;
  const r16 = () => {
    const v = d[i]! | (d[i + 1]! << 8);
    i += 2;
    return v;
  };
  if (!need(15)) return null;
  const areaType = r8();
  const x = coord(r16());
  const y = r16();
  const width = coord(r16());
  const height = r16();
  const id = r8();
  const lineSpacing = r8();
  const runMode = r8();
  const timeout = r16();
  const soundMode = r8();
  if (soundMode !== 0) {
    if (!need(3)) return null;
    i += 3; // person/repeat, volume, speed
    if (soundMode === 2) {
      if (!need(4)) return null;
      const len = d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24);
      i += 4;
      if (!need(len)) return null;
      i += len;
    }
  }
  if (!need(1)) return null;
  const extLen = r8();
  if (!need(extLen)) return null;
  const extendParams = d.slice(i, i + extLen);
  i += extLen;
  if (!need(11)) return null;
  const align = r8();
  const singleLine = r8();
  const newLine = r8();
  const displayMode = r8();
  const exitMode = r8();
  const speed = r8();
  const stayTime = r8();
  const dataLen = (d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24)) >>> 0;
  i += 4;
  if (i + dataLen !== d.length) return null;
  return {
    areaType,
    x,
    y,
    width,
    height,
    id,
    lineSpacing,
    runMode,
    timeout,
    align,
    singleLine,
    newLine,
    displayMode,
    exitMode,
    speed,
    stayTime,
    data: d.slice(i),
    soundMode,
    ...(extLen > 0 ? { extendParams } : {}),
  };
}

/** The inverse of encodeDynamicArea; null when the data field is not a well-formed A3 06. */
export function decodeDynamicArea(data: Uint8Array): DynamicAreaCommand | null {
  if (data.length < 7 || data[0] !== CMD.dynamicArea[0] || data[1] !== CMD.dynamicArea[1]) return null;
  const reply = data[2] === 0x01;
  const processMode = data[3]!;
  let i = 5;
  const delCount = data[i++]!;
  let deleteIds: number[] | 'all' = [];
  if (delCount === 0xff) deleteIds = 'all';
  else {
    if (i + delCount > data.length) return null;
    deleteIds = Array.from(data.subarray(i, i + delCount));
    i += delCount;
  }
  if (i >= data.length) return null;
  const areaCount = data[i++]!;
  const areas: OnbonArea[] = [];
  for (let n = 0; n < areaCount; n++) {
    if (i + 2 > data.length) return null;
    const len = data[i]! | (data[i + 1]! << 8);
    i += 2;
    if (i + len > data.length) return null;
    const area = decodeArea(data.slice(i, i + len));
    if (!area) return null;
    areas.push(area);
    i += len;
  }
  if (i !== data.length) return null;
  return { reply, processMode, deleteIds, areas };
}

// ---- text layer ------------------------------------------------------------------------

/** §11.1 "\CX": 0x31 red, 0x32 green, 0x33 yellow (amber). */
const COLOR_DIGIT: Readonly<Record<Exclude<SignColor, 'auto'>, number>> = { red: 0x31, green: 0x32, amber: 0x33 };
const BACKSLASH = 0x5c;

export type FontRepertoire = 'gbk' | 'gb2312';

/** True when a GBK double-byte code is also a GB2312 (EUC-CN) code: both bytes A1–FE, the lead in A1–A9 or B0–F7. */
function inGb2312(lead: number, trail: number): boolean {
  return trail >= 0xa1 && trail <= 0xfe && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7));
}

/**
 * One message's text in GBK, character by character: what the font card
 * cannot show becomes '?' and is reported. A backslash would start an escape
 * sequence (§11.1), so it is sent as the full-width ＼ and reported too.
 */
export function encodeGbkText(text: string, messageIndex: number, repertoire: FontRepertoire = 'gbk'): { bytes: number[]; warnings: SignWarning[] } {
  const bytes: number[] = [];
  const warnings: SignWarning[] = [];
  const replace = (ch: string, replacement: string, why: string) => {
    warnings.push({ code: 'replaced-char', messageIndex, char: ch, replacement, message: `"${ch}" ${why}; shown as "${replacement}"` });
    bytes.push(...iconv.encode(replacement, 'gbk'));
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') {
      replace(ch, '＼', 'starts an escape sequence on Onbon signs');
      continue;
    }
    if (code < 0x20 || code === 0x7f) {
      replace(ch, '?', 'is a control character');
      continue;
    }
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const enc = iconv.encode(ch, 'gbk');
    const roundTrips = enc.length === 2 && iconv.decode(enc, 'gbk') === ch;
    if (!roundTrips) {
      replace(ch, '?', `(U+${code.toString(16).toUpperCase()}) has no GBK code`);
      continue;
    }
    if (repertoire === 'gb2312' && !inGb2312(enc[0]!, enc[1]!)) {
      replace(ch, '?', `(U+${code.toString(16).toUpperCase()}) is outside the sign's GB2312 font`);
      continue;
    }
    bytes.push(enc[0]!, enc[1]!);
  }
  return { bytes, warnings };
}

export type TextToken = { kind: 'text'; text: string } | { kind: 'color'; digit: number } | { kind: 'newline' } | { kind: 'escape'; raw: string };

/**
 * Splits the text layer into text and escapes. GBK-aware: a lead byte 81–FE
 * takes the next byte with it, so a trail byte 5C (乗 is 81 5C) is not taken
 * for a backslash.
 */
export function tokenizeText(bytes: ArrayLike<number>): TextToken[] {
  const tokens: TextToken[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length) tokens.push({ kind: 'text', text: iconv.decode(Buffer.from(run), 'gbk') });
    run = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b >= 0x81 && b <= 0xfe && i + 1 < bytes.length) {
      run.push(b, bytes[i + 1]!);
      i += 2;
      continue;
    }
    if (b !== BACKSLASH) {
      run.push(b);
      i += 1;
      continue;
    }
    flush();
    const kind = String.fromCharCode(bytes[i + 1] ?? 0);
    const ascii = (n: number) => String.fromCharCode(...Array.from({ length: n }, (_, k) => bytes[i + 2 + k] ?? 0));
    if (kind === 'C') {
      tokens.push({ kind: 'color', digit: bytes[i + 2] ?? 0 });
      i += 3;
    } else if (kind === 'n') {
      tokens.push({ kind: 'newline' });
      i += 2;
    } else if (kind === 'F') {
      // \FO000; also \FK000 for the 6K's foreign-language fonts
      tokens.push({ kind: 'escape', raw: `\\F${ascii(4)}` });
      i += 6;
    } else if (kind === 'D') {
      tokens.push({ kind: 'escape', raw: `\\D${ascii(1)}` });
      i += 3;
    } else if (kind === 'W') {
      tokens.push({ kind: 'escape', raw: `\\W${ascii(3)}` });
      i += 5;
    } else if (kind === 'T') {
      // \TXXX then the picture name up to '|'
      let j = i + 5;
      while (j < bytes.length && bytes[j] !== 0x7c) j++;
      tokens.push({ kind: 'escape', raw: `\\T${ascii(j - i - 2)}` });
      i = j + 1;
    } else {
      run.push(b);
      i += 1;
    }
  }
  flush();
  return tokens;
}

// ---- messages ⇄ one dynamic area -------------------------------------------------------------

/** Onbon display mode per effect (§9.1 DisplayMode). */
export const ONBON_MODE_FOR_EFFECT: Readonly<Record<SignEffect, number>> = {
  rotate: 0x03,
  auto: 0x03,
  scroll: 0x05,
  hold: 0x01,
  flash: 0x01,
  wipe: 0x02,
};

export function effectForOnbonMode(mode: number): SignEffect {
  if (mode === 0x03 || mode === 0x04) return 'rotate';
  if (mode === 0x05 || mode === 0x06) return 'scroll';
  if (mode === 0x02) return 'wipe';
  return 'hold';
}

/** Speed 1 (slowest) … 5 (fastest) as the area's speed byte (0x00 fastest … 0x18 slowest). */
export const ONBON_SPEED: Readonly<Record<SignSpeed, number>> = { 1: 0x10, 2: 0x0c, 3: 0x08, 4: 0x04, 5: 0x02 };

export function speedForOnbon(byte: number): SignSpeed {
  let best: SignSpeed = 3;
  for (const s of [1, 2, 3, 4, 5] as const) if (Math.abs(ONBON_SPEED[s] - byte) < Math.abs(ONBON_SPEED[best] - byte)) best = s;
  return best;
}

/** Between messages on a single moving line. Runs of spaces inside a message are collapsed, so this never occurs in one. */
export const MARQUEE_GAP = '    ';

export interface AreaLayout {
  screen: { width: number; height: number };
  id: number;
  /** Seconds a page stays (static and moving-up modes). */
  holdSeconds: number;
  repertoire: FontRepertoire;
  /** Upper bound for the area's data (header + text); 512 on BX-5 cards, 1024 on BX-6. */
  maxAreaBytes: number;
}

/** Bytes of an area ahead of its text (no voice, no extension parameters). */
export const AREA_OVERHEAD = 27;

/**
 * All messages in one dynamic area, covering the screen. Moving left, they
 * follow one another on a single line, MARQUEE_GAP apart; otherwise each
 * message is its own line (\n, manual line breaks) and the card shows them
 * page by page. One area has one effect and one speed: the first message's.
 */
export function buildArea(messages: readonly SignMessage[], layout: AreaLayout): { area: OnbonArea; warnings: SignWarning[] } {
  const warnings: SignWarning[] = [];
  const first = messages[0];
  const effect = first?.effect ?? 'rotate';
  const displayMode = ONBON_MODE_FOR_EFFECT[effect];
  const singleLine = displayMode === 0x03;
  messages.forEach((m, i) => {
    if (m.effect === 'flash') {
      warnings.push({ code: 'effect-substituted', messageIndex: i, replacement: 'hold', message: 'Onbon font cards have no flashing mode; shown held' });
    }
    if (i > 0 && ONBON_MODE_FOR_EFFECT[m.effect] !== displayMode) {
      warnings.push({
        code: 'effects-merged',
        messageIndex: i,
        replacement: effectForOnbonMode(displayMode),
        message: `one Onbon area shows every message with the first one's effect (${effect}), not ${m.effect}`,
      });
    }
  });
  const anyColor = messages.some((m) => m.color !== undefined && m.color !== 'auto');
  const budget = Math.max(0, layout.maxAreaBytes - AREA_OVERHEAD);
  const text: number[] = [];
  let truncated = false;
  messages.forEach((m, i) => {
    if (truncated) return;
    const piece: number[] = [];
    if (i > 0) piece.push(...(singleLine ? Array.from(MARQUEE_GAP, (c) => c.charCodeAt(0)) : [BACKSLASH, 0x6e]));
    // A colour holds until changed: once any message has one, each states its own (red when none).
    if (anyColor) piece.push(BACKSLASH, 0x43, COLOR_DIGIT[m.color && m.color !== 'auto' ? m.color : 'red']);
    const encoded = encodeGbkText(normalizeSignText(m.text), i, layout.repertoire);
    warnings.push(...encoded.warnings);
    piece.push(...encoded.bytes);
    if (text.length + piece.length <= budget) {
      text.push(...piece);
      return;
    }
    // Cut at a character boundary.
    let keep = budget - text.length;
    let k = 0;
    while (k < piece.length) {
      const step = piece[k]! >= 0x81 && piece[k]! <= 0xfe ? 2 : 1;
      if (k + step > keep) break;
      k += step;
    }
    keep = k;
    text.push(...piece.slice(0, keep));
    truncated = true;
    warnings.push({ code: 'text-truncated', messageIndex: i, message: `the messages exceed ${layout.maxAreaBytes} bytes for one Onbon area; the rest from message ${i} on was cut` });
  });
  const stay = Math.max(0, Math.min(255, Math.round(layout.holdSeconds * 2)));
  const area: OnbonArea = {
    x: 0,
    y: 0,
    width: layout.screen.width,
    height: layout.screen.height,
    id: layout.id,
    lineSpacing: 0,
    runMode: 0,
    timeout: 10,
    align: 0x00,
    singleLine: singleLine ? 0x01 : 0x02,
    newLine: 0x01,
    displayMode,
    exitMode: 0x00,
    speed: ONBON_SPEED[first?.speed ?? 3],
    stayTime: stay,
    data: Uint8Array.from(text),
  };
  return { area, warnings };
}

export interface AreaMessage {
  text: string;
  effect: SignEffect;
  speed: SignSpeed;
  color?: SignColor;
}

/** What an area shows, message by message: split at \n (and, on one moving line, at MARQUEE_GAP). */
export function messagesFromArea(area: OnbonArea): AreaMessage[] {
  const effect = effectForOnbonMode(area.displayMode);
  const speed = speedForOnbon(area.speed);
  const colorOf: Record<number, SignColor> = { 0x31: 'red', 0x32: 'green', 0x33: 'amber' };
  const out: AreaMessage[] = [];
  let color: SignColor | undefined;
  let current: { text: string; color: SignColor | undefined } = { text: '', color: undefined };
  const push = () => {
    const text = current.text.replace(/^ +| +$/g, '');
    if (text) out.push({ text, effect, speed, ...(current.color ? { color: current.color } : {}) });
    current = { text: '', color };
  };
  for (const t of tokenizeText(area.data)) {
    if (t.kind === 'newline') push();
    else if (t.kind === 'color') {
      color = colorOf[t.digit] ?? color;
      if (!current.text.trim()) current.color = color;
    } else if (t.kind === 'text') {
      const parts = t.text.split(MARQUEE_GAP);
      parts.forEach((part, k) => {
        if (k > 0) push();
        if (!current.text && current.color === undefined) current.color = color;
        current.text += part;
      });
    }
  }
  push();
  return out;
}

import iconv from 'iconv-lite';
import type { Align, ChineseEncoding } from '../types';
import { DLE, EOT, ESC, FS, GS, LF, type QrErrorLevel } from './commands';

export interface TextLine {
  kind: 'text';
  text: string;
  align: Align;
  width: number;
  height: number;
  bold: boolean;
}

export interface QrItem {
  kind: 'qr';
  payload: string;
  moduleSize: number;
  errorLevel: QrErrorLevel;
  align: Align;
}

/**
 * A bit image as printed: GS v 0 (raster) or ESC * (column format). Double
 * width/height modes of GS v 0 are expanded, so the size is in printed dots.
 */
export interface ImageItem {
  kind: 'image';
  widthDots: number;
  heightDots: number;
  /** 1 bit per dot, rows padded to whole bytes, most significant bit = leftmost dot; 1 = ink. */
  bits: Uint8Array;
  align: Align;
}

export type ParsedItem = TextLine | QrItem | ImageItem;

export interface ParsedReceipt {
  items: ParsedItem[];
  cut: 'full' | 'partial';
  /** Bytes the printer consumed for this receipt, from the end of the previous cut. */
  bytes: number;
  /**
   * Of `bytes`, those of status polls (DLE EOT n, GS a n) read since the previous cut: the
   * host asking how the printer is, not ticket data.
   */
  statusBytes: number;
  /** Lines fed by ESC d (blank LFs appear as empty TextLines instead). */
  feedLines: number;
}

export interface EscPosParserStats {
  bytes: number;
  commands: number;
  /** Commands with a known length that this parser does not model (barcodes, graphics buffers, …). */
  ignoredCommands: number;
  /** Prefix + function bytes it does not know; skipped as two bytes. */
  unknownCommands: number;
  /** Hex of the most recent unknown commands (prefix + function byte), newest last. */
  recentUnknown: string[];
  statusQueries: number;
  /** Bytes of status polls (DLE EOT n, GS a n) read in all, apart from what they asked. */
  statusBytes: number;
}

export interface EscPosParserOptions {
  /** How the printer's Chinese font reads two-byte codes. Default 'big5'. */
  encoding?: ChineseEncoding;
  /**
   * Whether Chinese-character mode is on at power-on and after ESC @. Default
   * true, as on Traditional/Simplified Chinese models; this is what makes a
   * host that forgets FS . print Latin bytes ≥ 0x80 as Chinese.
   */
  chineseModeAtInit?: boolean;
  onReceipt?: (receipt: ParsedReceipt) => void;
  /**
   * DLE EOT n, reported the moment its third byte arrives, even inside
   * another command's data, as a real printer does.
   */
  onStatusQuery?: (n: 1 | 2 | 3 | 4) => void;
  /** GS a n: the host asked for Automatic Status Back with mask n (0 = off). */
  onAutoStatusBack?: (mask: number) => void;
  /** ESC @ executed. */
  onInit?: () => void;
}

const CODE_PAGES: Record<number, string> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  16: 'cp1252',
  17: 'cp866',
  19: 'cp858',
};

const QR_LEVELS: Record<number, QrErrorLevel> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };
const ALIGNS: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 0x30: 'left', 0x31: 'center', 0x32: 'right' };

/** Known ESC/GS/FS commands that take a fixed number of bytes and change nothing we model. */
const FIXED_LENGTH: Record<number, Record<number, number>> = {
  [ESC]: {
    0x20: 3, 0x24: 4, 0x25: 3, 0x2d: 3, 0x32: 2, 0x33: 3, 0x3c: 2, 0x3d: 3, 0x3f: 3, 0x47: 3, 0x4a: 3, 0x4b: 3,
    0x4c: 2, 0x4d: 3, 0x52: 3, 0x53: 2, 0x54: 3, 0x55: 3, 0x56: 3, 0x5c: 4, 0x65: 3, 0x70: 5, 0x72: 3, 0x75: 3,
    0x76: 2, 0x7b: 3, 0x63: 4,
  },
  [GS]: {
    0x24: 4, 0x2f: 3, 0x3a: 2, 0x42: 3, 0x45: 3, 0x48: 3, 0x49: 3, 0x4c: 4, 0x50: 4, 0x54: 3, 0x57: 4, 0x5c: 4,
    0x5e: 5, 0x62: 3, 0x66: 3, 0x68: 3, 0x72: 3, 0x77: 3, 0x7a: 5,
  },
  [FS]: { 0x2d: 3, 0x3f: 4, 0x43: 3, 0x53: 4, 0x57: 3, 0x70: 4 },
};

interface Style {
  align: Align;
  ankWidth: number;
  ankHeight: number;
  kanjiWidth: number;
  kanjiHeight: number;
  bold: boolean;
}

/**
 * A streaming ESC/POS interpreter: what a printer does with the bytes it is
 * sent, minus the ink. Bytes may arrive in chunks of any size; a command or a
 * two-byte character split across chunks waits for the rest.
 */
export class EscPosParser {
  private buf = new Uint8Array(1024);
  private start = 0;
  private end = 0;
  private readonly encoding: ChineseEncoding;
  private readonly chineseModeAtInit: boolean;
  private readonly opts: EscPosParserOptions;
  private readonly pairCache = new Map<number, string>();

  private style!: Style;
  private chinese = true;
  private codePage = 'cp437';
  private qrModule = 3;
  private qrLevel: QrErrorLevel = 'L';
  private qrData: Uint8Array | undefined;

  private line = '';
  /** An ESC * band is waiting for the LF that prints it. */
  private imageInLine = false;
  private lineStyle: Omit<TextLine, 'kind' | 'text'> | undefined;
  private items: ParsedItem[] = [];
  private receiptBytes = 0;
  private receiptStatusBytes = 0;
  private feedLines = 0;

  /** Real-time scanner state: bytes of DLE EOT seen so far (0–2). */
  private rt = 0;

  private readonly counters: EscPosParserStats = {
    bytes: 0,
    commands: 0,
    ignoredCommands: 0,
    unknownCommands: 0,
    recentUnknown: [],
    statusQueries: 0,
    statusBytes: 0,
  };

  constructor(options: EscPosParserOptions = {}) {
    this.opts = options;
    this.encoding = options.encoding ?? 'big5';
    this.chineseModeAtInit = options.chineseModeAtInit ?? true;
    this.resetModes();
  }

  get stats(): Readonly<EscPosParserStats> {
    return { ...this.counters, recentUnknown: [...this.counters.recentUnknown] };
  }

  /** Current print modes, for tests and the simulator panel. */
  get modes(): { align: Align; width: number; height: number; bold: boolean; chinese: boolean } {
    return { align: this.style.align, width: this.style.ankWidth, height: this.style.ankHeight, bold: this.style.bold, chinese: this.chinese };
  }

  /** What has been printed since the last cut (a job that was never cut). */
  pendingItems(): ParsedItem[] {
    return [...this.items];
  }

  /** Power cycle: drops buffered bytes and half-read commands. */
  reset(): void {
    this.start = this.end = 0;
    this.rt = 0;
    this.items = [];
    this.line = '';
    this.imageInLine = false;
    this.lineStyle = undefined;
    this.receiptBytes = 0;
    this.receiptStatusBytes = 0;
    this.feedLines = 0;
    this.resetModes();
  }

  push(chunk: Uint8Array): void {
    this.counters.bytes += chunk.length;
    this.scanRealtime(chunk);
    this.append(chunk);
    for (;;) {
      if (this.start >= this.end) break;
      const used = this.step();
      if (used === 0) break;
      this.start += used;
      this.receiptBytes += used;
    }
    if (this.start === this.end) this.start = this.end = 0;
  }

  private scanRealtime(chunk: Uint8Array): void {
    // Runs on the raw stream, ahead of the command interpreter: a printer
    // answers DLE EOT from its receive interrupt, even in the middle of a
    // QR code's data or while a job waits behind paper-out.
    for (const b of chunk) {
      if (this.rt === 2) {
        this.rt = 0;
        if (b >= 1 && b <= 4) {
          this.counters.statusQueries += 1;
          this.opts.onStatusQuery?.(b as 1 | 2 | 3 | 4);
          continue;
        }
      }
      if (this.rt === 1) {
        this.rt = b === EOT ? 2 : b === DLE ? 1 : 0;
      } else if (b === DLE) {
        this.rt = 1;
      }
    }
  }

  private append(chunk: Uint8Array): void {
    const need = this.end - this.start + chunk.length;
    if (this.end + chunk.length > this.buf.length) {
      if (need <= this.buf.length / 2) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let cap = this.buf.length * 2;
        while (cap < need * 2) cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.end -= this.start;
      this.start = 0;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  private at(i: number): number | undefined {
    const p = this.start + i;
    return p < this.end ? this.buf[p] : undefined;
  }

  private get available(): number {
    return this.end - this.start;
  }

  /** Interprets one command or character at the read position; returns bytes used, 0 if incomplete. */
  private step(): number {
    const b = this.at(0) ?? 0;
    switch (b) {
      case LF:
        this.newline();
        return 1;
      case 0x09: {
        this.addText(' '.repeat(8 - (this.line.length % 8)), false);
        return 1;
      }
      case ESC:
        return this.escape();
      case GS:
        return this.group();
      case FS:
        return this.fileSep();
      case DLE:
        return this.dataLink();
    }
    if (b < 0x20 || b === 0x7f) return 1; // CR, NUL, CAN, …: nothing to print
    if (b < 0x80) {
      this.addText(String.fromCharCode(b), false);
      return 1;
    }
    if (!this.chinese) {
      this.addText(iconv.decode(Uint8Array.of(b), this.codePage), false);
      return 1;
    }
    return this.chineseChar(b);
  }

  private chineseChar(lead: number): number {
    if (lead === 0x80 || lead === 0xff) {
      this.addText('\uFFFD', true);
      return 1;
    }
    const second = this.at(1);
    if (second === undefined) return 0;
    let length = 2;
    if (this.encoding === 'gb18030' && second >= 0x30 && second <= 0x39) length = 4;
    const validSecond =
      this.encoding === 'big5'
        ? (second >= 0x40 && second <= 0x7e) || (second >= 0xa1 && second <= 0xfe)
        : (second >= 0x30 && second <= 0x39) || (second >= 0x40 && second <= 0xfe && second !== 0x7f);
    if (!validSecond) {
      // A broken pair: the printer shows one bad glyph and reads on from the
      // second byte, which may be a command.
      this.addText('\uFFFD', true);
      return 1;
    }
    if (this.available < length) return 0;
    const key = length === 2 ? (lead << 8) | second : ((lead << 24) | (second << 16) | ((this.at(2) ?? 0) << 8) | (this.at(3) ?? 0)) >>> 0;
    let text = this.pairCache.get(key);
    if (text === undefined) {
      text = iconv.decode(this.buf.subarray(this.start, this.start + length), this.encoding);
      // A code outside the table is still one glyph cell on paper, not two.
      if (text.includes('\uFFFD')) text = '\uFFFD';
      this.pairCache.set(key, text);
    }
    this.addText(text, true);
    return length;
  }

  private escape(): number {
    const fn = this.at(1);
    if (fn === undefined) return 0;
    const n = this.at(2);
    switch (fn) {
      case 0x40: // ESC @
        this.counters.commands += 1;
        this.line = '';
        this.lineStyle = undefined;
        this.resetModes();
        this.opts.onInit?.();
        return 2;
      case 0x61: // ESC a n
        if (n === undefined) return 0;
        // Justification only takes effect at the start of a line.
        if (this.line === '') this.style.align = ALIGNS[n] ?? this.style.align;
        return this.command(3);
      case 0x45: // ESC E n
        if (n === undefined) return 0;
        this.style.bold = (n & 1) === 1;
        return this.command(3);
      case 0x21: // ESC ! n
        if (n === undefined) return 0;
        this.style.bold = (n & 0x08) !== 0;
        this.style.ankHeight = n & 0x10 ? 2 : 1;
        this.style.ankWidth = n & 0x20 ? 2 : 1;
        return this.command(3);
      case 0x64: // ESC d n
        if (n === undefined) return 0;
        this.flushLine();
        this.feedLines += n;
        return this.command(3);
      case 0x74: // ESC t n
        if (n === undefined) return 0;
        this.codePage = CODE_PAGES[n] ?? 'cp437';
        return this.command(3);
      case 0x69: // ESC i, ESC m: legacy partial cut
      case 0x6d:
        this.cut('partial', 2);
        return this.command(2);
      case 0x2a: {
        // ESC * m nL nH d…: column bit image, one band of 8 (m 0, 1) or 24 (m 32, 33) dots
        const nL = this.at(3);
        const nH = this.at(4);
        if (n === undefined || nL === undefined || nH === undefined) return 0;
        const k = nL + nH * 256;
        const bytesPerColumn = n >= 32 ? 3 : 1;
        const total = 5 + bytesPerColumn * k;
        if (this.available < total) return 0;
        if (n !== 0 && n !== 1 && n !== 32 && n !== 33) return this.ignored(total);
        this.image(columnsToRows(this.buf.subarray(this.start + 5, this.start + total), k, bytesPerColumn));
        // The band prints with the LF that follows; that LF adds no blank line.
        this.imageInLine = true;
        return this.command(total);
      }
      case 0x44: {
        // ESC D n1…nk NUL: tab stops
        for (let i = 2; i < 2 + 33; i++) {
          const v = this.at(i);
          if (v === undefined) return 0;
          if (v === 0) return this.ignored(i + 1);
        }
        return this.ignored(2 + 33);
      }
      case 0x26: {
        // ESC & y c1 c2 [x d1…d(y×x)]…: user-defined characters
        const c1 = this.at(3);
        const c2 = this.at(4);
        if (n === undefined || c1 === undefined || c2 === undefined) return 0;
        let p = 5;
        for (let c = c1; c <= c2; c++) {
          const x = this.at(p);
          if (x === undefined) return 0;
          p += 1 + n * x;
        }
        return this.available >= p ? this.ignored(p) : 0;
      }
      case 0x28: // ESC ( fn pL pH …
        return this.lengthPrefixed(() => undefined);
    }
    return this.fixedOrUnknown(ESC, fn);
  }

  private group(): number {
    const fn = this.at(1);
    if (fn === undefined) return 0;
    const n = this.at(2);
    switch (fn) {
      case 0x21: // GS ! n
        if (n === undefined) return 0;
        this.style.ankWidth = this.style.kanjiWidth = ((n >> 4) & 7) + 1;
        this.style.ankHeight = this.style.kanjiHeight = (n & 7) + 1;
        return this.command(3);
      case 0x56: {
        // GS V m [n]
        if (n === undefined) return 0;
        if (n === 65 || n === 66 || n === 97 || n === 98 || n === 103 || n === 104) {
          if (this.at(3) === undefined) return 0;
          this.cut(n === 65 || n === 97 || n === 103 ? 'full' : 'partial', 4);
          return this.command(4);
        }
        this.cut(n === 0 || n === 48 ? 'full' : 'partial', 3);
        return this.command(3);
      }
      case 0x61: // GS a n
        if (n === undefined) return 0;
        this.opts.onAutoStatusBack?.(n);
        return this.statusPoll(3);
      case 0x28: // GS ( fn pL pH …
        return this.lengthPrefixed((cn, data) => (this.at(2) === 0x6b ? this.qr(cn, data) : undefined));
      case 0x6b: {
        // GS k m …: barcode, NUL-terminated (m ≤ 6) or counted (m ≥ 65)
        if (n === undefined) return 0;
        if (n <= 6) {
          for (let i = 3; i < this.available; i++) if (this.at(i) === 0) return this.ignored(i + 1);
          return 0;
        }
        const len = this.at(3);
        if (len === undefined) return 0;
        return this.available >= 4 + len ? this.ignored(4 + len) : 0;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…: raster image, x bytes (8x dots) wide, y dots high
        const m = this.at(3), xL = this.at(4), xH = this.at(5), yL = this.at(6), yH = this.at(7);
        if (m === undefined || xL === undefined || xH === undefined || yL === undefined || yH === undefined) return 0;
        const x = xL + xH * 256;
        const y = yL + yH * 256;
        const total = 8 + x * y;
        // A big image arrives over many reads: wait for all of it.
        if (this.available < total) return 0;
        if (n !== 0x30 && n !== 0) return this.ignored(total);
        const data = this.buf.slice(this.start + 8, this.start + total);
        // m: bit 0 double width, bit 1 double height (0–3 or '0'–'3').
        this.image(scale(data, x, y, m & 1 ? 2 : 1, m & 2 ? 2 : 1));
        return this.command(total);
      }
      case 0x2a: {
        // GS * x y d…: downloaded bit image
        const y = this.at(3);
        if (n === undefined || y === undefined) return 0;
        const total = 4 + n * y * 8;
        return this.available >= total ? this.ignored(total) : 0;
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 …: large graphics data
        const p = [this.at(3), this.at(4), this.at(5), this.at(6)];
        if (p.some((v) => v === undefined)) return 0;
        const [p1 = 0, p2 = 0, p3 = 0, p4 = 0] = p;
        const total = 7 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000;
        return this.available >= total ? this.ignored(total) : 0;
      }
      case 0x67: // GS g 0 m nL nH / GS g 2 m nL nH: maintenance counters
        return this.available >= 6 ? this.ignored(6) : 0;
    }
    return this.fixedOrUnknown(GS, fn);
  }

  private fileSep(): number {
    const fn = this.at(1);
    if (fn === undefined) return 0;
    const n = this.at(2);
    switch (fn) {
      case 0x26: // FS &
        this.chinese = true;
        return this.command(2);
      case 0x2e: // FS .
        this.chinese = false;
        return this.command(2);
      case 0x21: // FS ! n
        if (n === undefined) return 0;
        this.style.kanjiWidth = n & 0x04 ? 2 : 1;
        this.style.kanjiHeight = n & 0x08 ? 2 : 1;
        return this.command(3);
      case 0x28: // FS ( fn pL pH …
        return this.lengthPrefixed(() => undefined);
      case 0x32: // FS 2 c1 c2 d1…d72: user-defined 24×24 character
        return this.available >= 76 ? this.ignored(76) : 0;
      case 0x71: {
        // FS q n [xL xH yL yH d…]×n: NV bit images
        if (n === undefined) return 0;
        let p = 3;
        for (let i = 0; i < n; i++) {
          const xL = this.at(p), xH = this.at(p + 1), yL = this.at(p + 2), yH = this.at(p + 3);
          if (xL === undefined || xH === undefined || yL === undefined || yH === undefined) return 0;
          p += 4 + (xL + xH * 256) * (yL + yH * 256) * 8;
        }
        return this.available >= p ? this.ignored(p) : 0;
      }
    }
    return this.fixedOrUnknown(FS, fn);
  }

  private dataLink(): number {
    const fn = this.at(1);
    if (fn === undefined) return 0;
    const n = this.at(2);
    if (n === undefined) return 0;
    switch (fn) {
      case EOT: // already answered by the real-time scanner
        if (n === 7 || n === 8) return this.available >= 4 ? this.statusPoll(4) : 0;
        return this.statusPoll(3);
      case 0x05: // DLE ENQ n
        return this.command(3);
      case 0x14: {
        // DLE DC4 fn …
        const total = n === 7 ? 4 : n === 8 ? 10 : 5;
        return this.available >= total ? this.command(total) : 0;
      }
    }
    return this.unknown(DLE, fn);
  }

  /** `prefix fn pL pH data…`: GS ( x, ESC ( x, FS ( x. */
  private lengthPrefixed(handle: (cn: number, data: Uint8Array) => true | undefined): number {
    const pL = this.at(3);
    const pH = this.at(4);
    if (pL === undefined || pH === undefined) return 0;
    const total = 5 + pL + pH * 256;
    if (this.available < total) return 0;
    const data = this.buf.subarray(this.start + 5, this.start + total);
    const cn = data[0] ?? 0;
    return handle(cn, data) ? this.command(total) : this.ignored(total);
  }

  /** GS ( k with data = cn fn params…; only cn 0x31 (QR) is modelled. */
  private qr(cn: number, data: Uint8Array): true | undefined {
    if (cn !== 0x31) return undefined;
    const fn = data[1];
    const p = data[2];
    switch (fn) {
      case 0x41: // model: only model 2 is in use; nothing to track
        return true;
      case 0x43:
        if (p !== undefined && p >= 1 && p <= 16) this.qrModule = p;
        return true;
      case 0x45:
        if (p !== undefined) this.qrLevel = QR_LEVELS[p] ?? this.qrLevel;
        return true;
      case 0x50: // store: 31 50 30 d1…dk
        this.qrData = data.slice(3);
        return true;
      case 0x51: // print
        this.flushLine();
        if (this.qrData) {
          this.items.push({
            kind: 'qr',
            payload: new TextDecoder('utf-8').decode(this.qrData),
            moduleSize: this.qrModule,
            errorLevel: this.qrLevel,
            align: this.style.align,
          });
        }
        return true;
    }
    return undefined;
  }

  private fixedOrUnknown(prefix: number, fn: number): number {
    const len = FIXED_LENGTH[prefix]?.[fn];
    if (len === undefined) return this.unknown(prefix, fn);
    return this.available >= len ? this.ignored(len) : 0;
  }

  private unknown(prefix: number, fn: number): number {
    // Without a length table entry the only safe guess is prefix + function:
    // a parameter byte may then print as a stray character, but the stream
    // stays in step instead of swallowing the text that follows.
    this.counters.unknownCommands += 1;
    const recent = this.counters.recentUnknown;
    recent.push(`${prefix.toString(16).padStart(2, '0')} ${fn.toString(16).padStart(2, '0')}`);
    if (recent.length > 16) recent.shift();
    return 2;
  }

  private command(length: number): number {
    this.counters.commands += 1;
    return length;
  }

  private statusPoll(length: number): number {
    this.counters.statusBytes += length;
    this.receiptStatusBytes += length;
    return this.command(length);
  }

  private ignored(length: number): number {
    this.counters.commands += 1;
    this.counters.ignoredCommands += 1;
    return length;
  }

  private addText(text: string, kanji: boolean): void {
    if (this.lineStyle === undefined) {
      this.lineStyle = {
        align: this.style.align,
        width: kanji ? this.style.kanjiWidth : this.style.ankWidth,
        height: kanji ? this.style.kanjiHeight : this.style.ankHeight,
        bold: this.style.bold,
      };
    }
    this.line += text;
  }

  private image(picture: { widthDots: number; heightDots: number; bits: Uint8Array }): void {
    this.flushLine();
    this.items.push({ kind: 'image', ...picture, align: this.style.align });
  }

  private newline(): void {
    if (this.imageInLine && this.line === '') {
      this.imageInLine = false;
      return;
    }
    this.imageInLine = false;
    if (this.line === '') {
      this.items.push({ kind: 'text', text: '', align: this.style.align, width: this.style.ankWidth, height: this.style.ankHeight, bold: this.style.bold });
      return;
    }
    this.flushLine();
  }

  private flushLine(): void {
    if (this.line === '' || !this.lineStyle) return;
    this.items.push({ kind: 'text', text: this.line, ...this.lineStyle });
    this.line = '';
    this.lineStyle = undefined;
  }

  private cut(kind: 'full' | 'partial', length: number): void {
    this.flushLine();
    const receipt: ParsedReceipt = { items: this.items, cut: kind, bytes: this.receiptBytes + length, statusBytes: this.receiptStatusBytes, feedLines: this.feedLines };
    this.items = [];
    this.feedLines = 0;
    this.receiptStatusBytes = 0;
    // step()'s caller adds `length` after we return; start the next receipt at -length so it begins at 0.
    this.receiptBytes = -length;
    this.opts.onReceipt?.(receipt);
  }

  private resetModes(): void {
    this.style = { align: 'left', ankWidth: 1, ankHeight: 1, kanjiWidth: 1, kanjiHeight: 1, bold: false };
    this.chinese = this.chineseModeAtInit;
    this.codePage = 'cp437';
    this.qrModule = 3;
    this.qrLevel = 'L';
    this.qrData = undefined;
  }
}

/** GS v 0 data, enlarged by whole factors: every dot becomes sx × sy dots. */
function scale(data: Uint8Array, xBytes: number, rows: number, sx: number, sy: number): { widthDots: number; heightDots: number; bits: Uint8Array } {
  if (sx === 1 && sy === 1) return { widthDots: xBytes * 8, heightDots: rows, bits: data };
  const outBytes = xBytes * sx;
  const bits = new Uint8Array(outBytes * rows * sy);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < xBytes * 8; x++) {
      if (!((data[y * xBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7)))) continue;
      for (let dy = 0; dy < sy; dy++) {
        for (let dx = 0; dx < sx; dx++) {
          const ox = x * sx + dx;
          const i = (y * sy + dy) * outBytes + (ox >> 3);
          bits[i] = (bits[i] ?? 0) | (0x80 >> (ox & 7));
        }
      }
    }
  }
  return { widthDots: outBytes * 8, heightDots: rows * sy, bits };
}

/** ESC * column data (each column top to bottom, MSB = top dot) as rows padded to bytes. */
function columnsToRows(data: Uint8Array, columns: number, bytesPerColumn: number): { widthDots: number; heightDots: number; bits: Uint8Array } {
  const heightDots = bytesPerColumn * 8;
  const rowBytes = Math.ceil(columns / 8);
  const bits = new Uint8Array(rowBytes * heightDots);
  for (let c = 0; c < columns; c++) {
    for (let b = 0; b < bytesPerColumn; b++) {
      const byte = data[c * bytesPerColumn + b] ?? 0;
      for (let bit = 0; bit < 8; bit++) {
        if (!(byte & (0x80 >> bit))) continue;
        const i = (b * 8 + bit) * rowBytes + (c >> 3);
        bits[i] = (bits[i] ?? 0) | (0x80 >> (c & 7));
      }
    }
  }
  return { widthDots: columns, heightDots, bits };
}

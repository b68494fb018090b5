/**
 * The ticket-printer interface. Knows documents and device states, nothing of
 * queues: the core lays a ticket out as a ReceiptDoc and hands it over.
 */
import type { TransportState } from '../transports/types';

export type { TransportState };

export type Align = 'left' | 'center' | 'right';

export type ReceiptBlock =
  | { kind: 'text'; text: string; align?: Align; width?: number; height?: number; bold?: boolean }
  | { kind: 'qr'; payload: string; moduleSize?: number; errorLevel?: 'L' | 'M' | 'Q' | 'H'; align?: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial?: boolean };

export interface ReceiptDoc {
  blocks: ReceiptBlock[];
}

/** The two-byte encoding the printer's Chinese font reads (fixed by the model). */
export type ChineseEncoding = 'big5' | 'gb18030';

/**
 * How Chinese reaches the paper: through the printer's own font in Big5 or
 * GB18030, or, for a printer with no Chinese font, 'raster': every line with
 * a non-ASCII character is drawn on the host and sent as a GS v 0 image.
 */
export type PrinterEncoding = ChineseEncoding | 'raster';

export type PrinterState = 'ready' | 'paper-near-end' | 'paper-end' | 'cover-open' | 'offline' | 'cutter-error' | 'unknown';

export interface PrinterStatus {
  /** What the printer can do now. 'offline' also covers a link that is down: see `link`. */
  state: PrinterState;
  /** false for a one-way transport that cannot read status back (state is then 'unknown'). */
  statusReadable: boolean;
  /**
   * The link to the printer: 'disconnected' means the cable or network is gone
   * (an unplug), as opposed to 'open' with state 'offline' (the printer itself
   * is off or stopped).
   */
  link: TransportState;
  detail?: string;
}

/**
 * Something in the document the printer cannot show as asked. Never silent:
 * the core logs it (a name with a character outside the printer's font is a
 * real case, e.g. 堃 in Big5).
 */
export interface PrintWarning {
  /**
   * - unencodable-char: not in the printer's font and no raster fallback; printed as a placeholder.
   * - raster-fallback: not in the printer's font; the whole line was sent as an image instead.
   * - missing-glyph: not in any font on this computer either; the image shows an empty box.
   */
  code: 'unencodable-char' | 'raster-fallback' | 'missing-glyph' | 'control-char' | 'clamped' | 'qr-empty' | 'qr-too-long' | 'qr-realtime-sequence';
  /** Index into ReceiptDoc.blocks. */
  blockIndex: number;
  /** The offending character, for unencodable-char, raster-fallback, missing-glyph and control-char. */
  char?: string;
  message: string;
}

export interface PrintResult {
  bytes: number;
  /** Absent or empty when the document printed exactly as laid out. */
  warnings?: PrintWarning[];
}

export interface TicketPrinter {
  readonly id: string;
  print(doc: ReceiptDoc): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  close(): Promise<void>;
}

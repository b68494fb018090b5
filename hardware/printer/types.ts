/**
 * The ticket-printer interface. Knows documents and device states, nothing of
 * queues: the core lays a ticket out as a ReceiptDoc and hands it over.
 */

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

export type PrinterState = 'ready' | 'paper-near-end' | 'paper-end' | 'cover-open' | 'offline' | 'cutter-error' | 'unknown';

export interface PrinterStatus {
  state: PrinterState;
  /** false for a one-way transport that cannot read status back. */
  statusReadable: boolean;
  detail?: string;
}

/**
 * Something in the document the printer cannot show as asked. Never silent:
 * the core logs it (a name with a character outside the printer's font is a
 * real case, e.g. 堃 in Big5).
 */
export interface PrintWarning {
  code: 'unencodable-char' | 'control-char' | 'clamped' | 'qr-empty' | 'qr-too-long' | 'qr-realtime-sequence';
  /** Index into ReceiptDoc.blocks. */
  blockIndex: number;
  /** The offending character, for unencodable-char and control-char. */
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

/**
 * The kiosk's barcode / QR scanner: a citizen holds up the QR code printed on
 * a court summons (傳票) and the scanner hands the decoded text to the host.
 *
 * Only scanners that give the host raw bytes are HAL devices (USB-CDC, i.e. a
 * virtual serial port, or a real RS-232 scanner): Chinese in a QR code
 * survives them. A keyboard-wedge scanner types into the page instead and is
 * detected in the browser (renderer/components/wedge-detector.ts).
 */
import type { TransportState } from '../transports/types';

export type { TransportState };

/** One decoded scan. */
export interface ScanEvent {
  /** The code's content, without the terminator. */
  text: string;
  /** When the scan's last byte arrived (ms since the epoch, from the driver's clock). */
  at: number;
}

/**
 * What ends a scan on the wire (the scanner's configured "suffix"):
 * - `any` (default): CR, LF or CR LF; empty lines are ignored.
 * - `cr`: CR (a CR LF also ends one scan); a lone LF is content.
 * - `lf`: LF (a CR LF also ends one scan); a lone CR is content.
 * - `crlf`: only CR LF; a lone CR or LF is content (multi-line codes).
 */
export type ScanTerminator = 'any' | 'cr' | 'lf' | 'crlf';

/** How the scanner encodes the code's text: UTF-8 (current scanners) or Big5 (older Taiwanese models). */
export type ScanEncoding = 'utf-8' | 'big5';

/** A scan that was received but could not be delivered. Never silent: counted and reported. */
export interface ScanError {
  /**
   * - `too-long`: more than `maxScanBytes` without a terminator (noise, a
   *   stuck scanner, a wrong terminator setting); dropped rather than grown.
   * - `undecodable`: the bytes are not valid in the configured encoding
   *   (usually a Big5 scanner on a UTF-8 setting, or the reverse).
   */
  kind: 'too-long' | 'undecodable';
  message: string;
  /** Length in bytes of what was dropped (for too-long: at least maxScanBytes + 1). */
  bytes: number;
  at: number;
}

export interface ScannerStats {
  /** Scans delivered to listeners. */
  scans: number;
  tooLong: number;
  undecodable: number;
}

export interface BarcodeScanner {
  /** Returns the unsubscribe function. */
  onScan(listener: (scan: ScanEvent) => void): () => void;
  /** The link to the scanner; `disconnected` while it is unplugged (a reconnecting transport retries). */
  readonly state: TransportState;
  /** Returns the unsubscribe function. `error` explains a `disconnected` state when known. */
  onState(listener: (state: TransportState, error?: Error) => void): () => void;
  /** Scans dropped (over-long, undecodable). Returns the unsubscribe function. */
  onError(listener: (error: ScanError) => void): () => void;
  /** Counters for the health view. */
  readonly stats: Readonly<ScannerStats>;
  close(): Promise<void>;
}

/**
 * The number display above a counter (a 7-segment or LED module). Several
 * share one RS-485 line; each answers to its own address.
 */
import type { TransportState } from '../transports/types';

export interface CounterDisplays {
  /** The line's state: open while the displays' bus is connected. */
  readonly state: TransportState;
  /** Shows a ticket number (e.g. A012) on the display at `address`. */
  show(address: number, text: string): Promise<void>;
  /** Addresses that did not answer their last frame (protocols with replies: Modbus); absent for one-way protocols. */
  unanswered?(): number[];
  close(): Promise<void>;
}

/**
 * A vendor's framed ASCII protocol, described by configuration: most counter
 * displays sold in Taiwan take <start><address><text><checksum><end>.
 */
export interface FrameFormat {
  start: number[];
  end: number[];
  /** 'ascii2': two ASCII digits ("03"); 'byte': one binary byte. */
  address: 'ascii2' | 'byte';
  /** Over address and text. */
  checksum: 'none' | 'xor' | 'sum8';
  /** Text is right-aligned and space-padded to this many characters. */
  width: number;
}

export const DEFAULT_FRAME: FrameFormat = { start: [0x02], end: [0x03], address: 'ascii2', checksum: 'xor', width: 4 };

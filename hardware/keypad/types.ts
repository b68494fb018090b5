/**
 * The counter's caller keypad: a small box with NEXT / RECALL / SKIP … keys.
 * Several keypads share one RS-485 line, each with its own address.
 */

export const KEYPAD_KEYS = ['NEXT', 'RECALL', 'SKIP', 'TRANSFER', 'START', 'FINISH', 'CALL'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

export interface KeypadPress {
  /** The keypad's address on the line (1–99); sites map it to a counter. */
  address: number;
  key: KeypadKey;
  /** For CALL: the ticket number typed on the keypad, e.g. A012. */
  arg?: string;
}

import type { TransportState } from '../transports/types';

export interface CallerKeypads {
  /** The line's state: open while the keypads' bus is connected. */
  readonly state: TransportState;
  onPress(listener: (press: KeypadPress) => void): () => void;
  /** Lines that were not a valid press (noise on the bus, a mis-wired device). */
  onGarbage(listener: (line: string) => void): () => void;
  /** Shows a short text on a keypad's display (the number now called, OK, ERR). */
  show(address: number, text: string): Promise<void>;
  close(): Promise<void>;
}

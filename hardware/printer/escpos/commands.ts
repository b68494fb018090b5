/**
 * ESC/POS byte values shared by the encoder (what we send) and the parser
 * (what the simulated printer understands). Sources: /work/shared/PROTOCOLS.md.
 */

export const LF = 0x0a;
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/** GS ( k fn 169 parameter per level. */
export const QR_ERROR_CODE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/**
 * Byte-mode capacity of the largest QR symbol (version 40) per level: a longer
 * payload is refused by the printer, which then prints nothing at all.
 */
export const QR_MAX_BYTES: Record<QrErrorLevel, number> = { L: 2953, M: 2331, Q: 1663, H: 1273 };

/** Every DLE EOT reply looks like 0xx1xx10. */
export const STATUS_REPLY_MASK = 0x93;
export const STATUS_REPLY_FIXED = 0x12;

/** Automatic Status Back: first byte 0xx1xx00, then three bytes 0xx0xxxx. */
export const ASB_FIRST_MASK = 0x93;
export const ASB_FIRST_FIXED = 0x10;
export const ASB_NEXT_MASK = 0x90;

/**
 * GS a n bits: 0 drawer, 1 online/offline, 2 error, 3 paper sensors. The
 * driver asks for 1–3 (0x0E): a lobby printer has no cash drawer.
 */
export const ASB_ENABLE = { drawer: 0x01, online: 0x02, error: 0x04, paper: 0x08 } as const;
export const ASB_ENABLE_MASK = ASB_ENABLE.online | ASB_ENABLE.error | ASB_ENABLE.paper;

export const DLE_EOT_BITS = {
  /** n=1 printer status */
  printer: { offline: 0x08, waitingRecovery: 0x20, feedButton: 0x40 },
  /** n=2 offline cause */
  offlineCause: { coverOpen: 0x04, feedingByButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  /** n=3 error cause */
  errorCause: { recoverable: 0x04, cutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  /** n=4 paper sensors */
  paper: { nearEnd: 0x0c, end: 0x60 },
} as const;

/**
 * ASB byte bits. Byte 1 and byte 3 are from PROTOCOLS.md (Citizen manual);
 * byte 2 bit 3 (autocutter error) follows Epson's ASB table, which mirrors
 * DLE EOT 3.
 */
export const ASB_BITS = {
  byte1: { offline: 0x08, coverOpen: 0x20 },
  byte2: { cutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  byte3: { nearEnd: 0x03, end: 0x0c },
} as const;

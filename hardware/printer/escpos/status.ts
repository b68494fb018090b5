import type { PrinterStatus } from '../types';
import { ASB_BITS, DLE_EOT_BITS } from './commands';

/** A decoded status before the driver adds the link state. */
export type DecodedStatus = Omit<PrinterStatus, 'link'>;

/** The four DLE EOT reply bytes; absent when not asked or not answered. */
export interface StatusReplies {
  printer: number;
  offlineCause?: number;
  errorCause?: number;
  paper?: number;
}

const { printer: P, offlineCause: O, errorCause: E, paper: R } = DLE_EOT_BITS;

function status(state: PrinterStatus['state'], detail?: string): DecodedStatus {
  return detail === undefined ? { state, statusReadable: true } : { state, statusReadable: true, detail };
}

/**
 * Turns DLE EOT replies into one state, most serious first: a cover that is
 * open or paper that is out stops printing; near-end still prints.
 */
export function decodeStatusReplies(r: StatusReplies): DecodedStatus {
  const oc = r.offlineCause ?? 0;
  const ec = r.errorCause ?? 0;
  const paper = r.paper ?? 0;
  if (oc & O.coverOpen) return status('cover-open');
  if (oc & O.paperEndStop || (paper & R.end) === R.end) return status('paper-end');
  if (ec & E.cutter) return status('cutter-error');
  if (oc & O.error) {
    const kind = ec & E.unrecoverable ? 'unrecoverable' : ec & E.autoRecoverable ? 'auto-recoverable' : ec & E.recoverable ? 'recoverable' : 'unspecified';
    return status('offline', `printer error (${kind})`);
  }
  if (r.printer & P.offline) return status('offline', 'printer reports offline');
  if (paper & R.nearEnd) return status('paper-near-end');
  return status('ready');
}

/**
 * Turns one 4-byte Automatic Status Back frame into a state, in the same
 * order of seriousness as decodeStatusReplies. Byte 1: bit 3 offline, bit 5
 * cover open; byte 2: bit 3 autocutter, bit 5 unrecoverable, bit 6
 * auto-recoverable error; byte 3: bits 0–1 near end, bits 2–3 paper end.
 */
export function decodeAsbFrame(frame: ArrayLike<number>): DecodedStatus {
  const b1 = frame[0] ?? 0;
  const b2 = frame[1] ?? 0;
  const b3 = frame[2] ?? 0;
  if (b1 & ASB_BITS.byte1.coverOpen) return status('cover-open');
  if (b3 & ASB_BITS.byte3.end) return status('paper-end');
  if (b2 & ASB_BITS.byte2.cutter) return status('cutter-error');
  if (b2 & (ASB_BITS.byte2.unrecoverable | ASB_BITS.byte2.autoRecoverable)) {
    return status('offline', `printer error (${b2 & ASB_BITS.byte2.unrecoverable ? 'unrecoverable' : 'auto-recoverable'})`);
  }
  if (b1 & ASB_BITS.byte1.offline) return status('offline', 'printer reports offline');
  if (b3 & ASB_BITS.byte3.nearEnd) return status('paper-near-end');
  return status('ready');
}

/**
 * Summonses as scanned at the kiosk: which `kiosk.scan` snapshots are new
 * scans (the server's USB scanner), and a keyboard-wedge scanner typing into
 * the page.
 */
import type { KioskScan } from '../../../core/contract';
import { WedgeDetector, type WedgeDetectorOptions } from '../../components/wedge-detector';

/**
 * Which `kiosk.scan` snapshots are new scans: the first one a page sees is
 * the last scan before it opened (ignored); after that every other seq is a
 * new scan — a restarted server starts again from 0, which is no scan.
 */
export function createScanWatcher(onScan: (scan: KioskScan) => void) {
  let last: number | null = null;
  return (scan: KioskScan | undefined) => {
    if (!scan) return;
    const before = last;
    last = scan.seq;
    if (before === null || scan.seq === before || scan.seq === 0) return;
    onScan(scan);
  };
}

/**
 * The detector's thresholds on the kiosk. A summons a wedge can read is its
 * percent-encoded URL (the Chinese of a bare case number cannot be typed as
 * keys), so a scan is long: at least 16 characters. A kiosk PC busy drawing
 * may space a scanner's keys out a little; a person still cannot type 16
 * keys at 25 ms apart on average (a fast typist is ~100 ms).
 */
export const KIOSK_WEDGE: WedgeDetectorOptions = { minLength: 16, maxGapMs: 80, maxMeanGapMs: 25 };

/**
 * The keyboard-wedge scanner: keys typed faster than a person can are a scan
 * and are swallowed; the scanned text is looked up. Returns the remover.
 */
export function bindWedge(
  onText: (text: string) => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  options: WedgeDetectorOptions = KIOSK_WEDGE,
): () => void {
  const wedge = new WedgeDetector(options);
  const off = wedge.onScan((scan) => onText(scan.text));
  const onKey = (e: KeyboardEvent) => {
    if (wedge.feed(e)) e.preventDefault();
  };
  const onBlur = () => wedge.flush();
  target.addEventListener('keydown', onKey as EventListener, true);
  target.addEventListener('blur', onBlur);
  return () => {
    off();
    wedge.dispose();
    target.removeEventListener('keydown', onKey as EventListener, true);
    target.removeEventListener('blur', onBlur);
  };
}

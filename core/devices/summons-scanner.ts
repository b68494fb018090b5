import type { HearingLookup, KioskScan } from '../contract';
import type { BarcodeScanner } from '../../hardware/scanner/types';
import type { Hearings } from '../domain/hearings/hearings';
import { DomainError } from '../domain/errors';
import { localIso, type Clock } from '../store/clock';

/**
 * A summons' QR code holds the phone link (…/phone/hearing?c=<case>&v=<code>);
 * older summonses print "<case>|<code>". Either becomes a look-up.
 */
export function parseSummons(text: string): { caseNumber: string; code: string } | null {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    const c = url.searchParams.get('c');
    const v = url.searchParams.get('v');
    if (c && v) return { caseNumber: c, code: v };
  } catch {
    // not a URL: try the plain form
  }
  const m = /^(.+?)[|｜](\w{4,12})$/.exec(trimmed);
  return m ? { caseNumber: m[1]!.trim(), code: m[2]! } : null;
}

/**
 * The kiosk's USB-CDC scanner: a scanned summons is looked up and the result
 * published to the kiosk screen (topic kiosk.scan) — where to go and how far
 * along the room is, nothing about other cases. The scan tells which case the
 * person at the kiosk belongs to, so the topic reaches only kiosk credentials
 * on the lobby computer the scanner is wired to (TOPIC_ACCESS 'lobby-kiosk'),
 * never a board, a phone or a kiosk elsewhere on the LAN.
 */
export function bindSummonsScanner(deps: { scanner: BarcodeScanner | undefined; hearings: Hearings; clock: Clock; timeZone: string; onScan(): void }) {
  let seq = 0;
  let last: KioskScan = { seq: 0, at: null, result: null, error: null };

  function lookup(text: string): KioskScan {
    seq++;
    const at = localIso(deps.clock.now(), deps.timeZone);
    const summons = parseSummons(text);
    if (!summons) return { seq, at, result: null, error: '無法辨識此條碼，請掃描傳票上的 QR 碼 / This code is not a summons; scan the QR code on your summons.' };
    try {
      const result: HearingLookup = deps.hearings.lookup(summons.caseNumber, summons.code);
      return { seq, at, result, error: null };
    } catch (err) {
      return { seq, at, result: null, error: err instanceof DomainError ? err.message : 'Look-up failed.' };
    }
  }

  const off = deps.scanner?.onScan((scan) => {
    last = lookup(scan.text);
    deps.onScan();
  });

  return {
    snapshot: (): KioskScan => last,
    /** For the simulator panel and tests: as if the scanner had read `text`. */
    scanText(text: string): KioskScan {
      last = lookup(text);
      deps.onScan();
      return last;
    },
    stop: () => off?.(),
  };
}

import { createScanner } from '../../hardware/scanner';
import type { SiteConfig } from '../config/schema';
import { watchHearingInbox } from '../devices/hearing-inbox';
import { bindSummonsScanner } from '../devices/summons-scanner';
import type { EventBus } from '../domain/events';
import type { Hearings } from '../domain/hearings/hearings';
import type { Clock } from '../store/clock';
import type { WatchedLine } from './lines';

/**
 * The court's inputs: hearing files the case system drops in the inbox, and
 * the kiosk's summons scanner (a scan tells the kiosk where to go). Stopping
 * lets a file being read finish, then closes the scanner.
 */
export function wireCourt(deps: { site: SiteConfig; inboxDir: string; clock: Clock; bus: EventBus; hearings: Hearings; log(msg: string): void }) {
  const { site, clock, bus, hearings } = deps;
  const inbox = watchHearingInbox({ dir: deps.inboxDir, hearings, courtrooms: site.courtrooms, log: deps.log });
  const scanner = createScanner(site.scanner.driver === 'simulated' ? { driver: 'simulated' } : site.scanner, { clock });
  const summons = bindSummonsScanner({ scanner: scanner.scanner, hearings, clock, timeZone: site.timeZone, onScan: () => bus.emit('kiosk.scanned', {}) });
  const lines: WatchedLine[] = [{ id: 'scanner', kind: 'scanner', name: { zh: '傳票掃描器', en: 'Summons scanner' }, state: () => scanner.scanner?.state, link: scanner.transport }];
  return {
    scanner,
    summons,
    lines,
    async stop() {
      await inbox.stop();
      summons.stop();
      await scanner.scanner?.close();
    },
  };
}

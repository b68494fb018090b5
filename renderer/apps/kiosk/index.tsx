import { applyDocumentLang } from '../../i18n';
import { bridgeLive } from '../../features/live/slice';
import { bindWedge, createScanWatcher } from '../../features/summons/scan';
import { trackBoardTime } from '../../features/tickets/slice';
import { shellKioskCredential } from '../../client/shell';
import { startManners } from '../../components/kiosk-manners';
// The kiosk's sheet first: summons.css (the scan screens) and touch.css within it must come after it.
import '../../styles/kiosk.css';
import { KioskApp } from './KioskApp';
import { useKiosk } from './state';

export function start(): void {
  startManners();
  applyDocumentLang(useKiosk.getState().lang);
  void useKiosk.getState().loadSite();
  trackBoardTime(useKiosk);
  // kiosk.scan reaches only a kiosk credential on the lobby computer: the Electron window
  // says its credential on the socket, a provisioned browser's cookie rides the upgrade.
  bridgeLive(useKiosk, ['queue.board', 'kiosk.status', 'kiosk.scan'], { kioskCredential: shellKioskCredential });
  // Summonses: the server's scanner (topic kiosk.scan) and a keyboard-wedge scanner on this page.
  void useKiosk.getState().checkProvisioned();
  const watch = createScanWatcher((scan) => useKiosk.getState().showScan(scan));
  useKiosk.subscribe((s, prev) => {
    if (s.snapshots['kiosk.scan'] !== prev.snapshots['kiosk.scan']) watch(s.snapshots['kiosk.scan']);
  });
  bindWedge((text) => void useKiosk.getState().summonsScanned(text));
}

export const App = KioskApp;

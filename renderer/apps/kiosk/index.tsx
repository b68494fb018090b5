import { applyDocumentLang } from '../../i18n';
import { trackBoardTime } from '../../store/kiosk';
import { bridgeLive } from '../../store/slices';
import { shellKioskCredential } from '../../client/shell';
import { startManners } from '../../components/kiosk-manners';
import { KioskApp } from './KioskApp';
import { useKiosk } from './state';
import { bindWedge, createScanWatcher, useSummons } from './summonsState';

export function start(): void {
  startManners();
  applyDocumentLang(useKiosk.getState().lang);
  void useKiosk.getState().loadSite();
  trackBoardTime(useKiosk);
  // kiosk.scan reaches only a kiosk credential on the lobby computer: the Electron window
  // says its credential on the socket, a provisioned browser's cookie rides the upgrade.
  bridgeLive(useKiosk, ['queue.board', 'kiosk.status', 'kiosk.scan'], { kioskCredential: shellKioskCredential });
  // Summonses: the server's scanner (topic kiosk.scan) and a keyboard-wedge scanner on this page.
  void useSummons.getState().checkProvisioned();
  const watch = createScanWatcher((scan) => useSummons.getState().showScan(scan));
  useKiosk.subscribe((s, prev) => {
    if (s.snapshots['kiosk.scan'] !== prev.snapshots['kiosk.scan']) watch(s.snapshots['kiosk.scan']);
  });
  bindWedge((text) => void useSummons.getState().scanned(text));
}

export const App = KioskApp;

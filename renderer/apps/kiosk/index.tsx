import { applyDocumentLang } from '../../i18n';
import { trackBoardTime } from '../../store/kiosk';
import { bridgeLive } from '../../store/slices';
import { KioskApp } from './KioskApp';
import { useKiosk } from './state';

export function start(): void {
  applyDocumentLang(useKiosk.getState().lang);
  void useKiosk.getState().loadSite();
  trackBoardTime(useKiosk);
  bridgeLive(useKiosk, ['queue.board', 'kiosk.status']);
}

export const App = KioskApp;

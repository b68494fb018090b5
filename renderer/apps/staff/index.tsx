import { bridgeLive } from '../../store/slices';
import { StaffApp } from './StaffApp';
import { useStaff } from './state';

export function start(): void {
  document.documentElement.lang = 'zh-TW';
  const s = useStaff.getState();
  void s.refreshMe().catch(() => undefined);
  void s.loadSite();
  bridgeLive(useStaff, ['queue.board']);
}

export const App = StaffApp;

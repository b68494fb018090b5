import { bindStaffLive } from './live';
import { StaffApp } from './StaffApp';
import { useStaff } from './state';

export function start(): void {
  document.documentElement.lang = 'zh-TW';
  const s = useStaff.getState();
  void s.refreshMe().catch(() => undefined);
  void s.loadSite();
  bindStaffLive(useStaff);
}

export const App = StaffApp;

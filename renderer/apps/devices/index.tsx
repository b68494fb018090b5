import { bridgeLive } from '../../features/live/slice';
import { DevicesApp } from './DevicesApp';
import { useDevices } from './state';

export function start(): void {
  document.documentElement.lang = 'zh-TW';
  void useDevices.getState().loadSite();
  bridgeLive(useDevices, ['devices.sim']);
}

export const App = DevicesApp;

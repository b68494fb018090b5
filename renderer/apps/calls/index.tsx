import { fitCanvas } from '../../components/fitCanvas';
import { bridgeLive } from '../../store/slices';
import { CallsApp } from './CallsApp';
import { useCalls } from './state';

export function start(): void {
  document.documentElement.lang = 'zh-TW'; // bilingual board; English parts carry lang="en"
  fitCanvas(1920, 1080);
  void useCalls.getState().loadSite();
  bridgeLive(useCalls, ['queue.board']);
}

export const App = CallsApp;

import { provideAudioLine } from '../../audio/line';
import { fitCanvas } from '../../components/fitCanvas';
import { bridgeLive } from '../../features/live/slice';
import { CallsApp } from './CallsApp';
import { announcer, useCalls } from './state';

export function start(): void {
  document.documentElement.lang = 'zh-TW'; // bilingual board; English parts carry lang="en"
  fitCanvas(1920, 1080);
  void useCalls.getState().loadSite();
  bridgeLive(useCalls, ['queue.board']);
  // The board's one audio line: the emergency overlay plays on the announcer's
  // players and holds the calls while an emergency is active (see audio/line.ts).
  provideAudioLine(announcer);
}

export const App = CallsApp;

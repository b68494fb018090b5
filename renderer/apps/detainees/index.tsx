import { fitCanvas } from '../../components/fitCanvas';
import { bridgeLive } from '../../features/live/slice';
import { useDetaineesBoard } from './state';
import { DetaineesApp } from './DetaineesApp';

/** /detainees: the TV outside the bailiffs' office. */
export function start(): void {
  document.documentElement.lang = 'zh-TW'; // bilingual board; English parts carry lang="en"
  fitCanvas(1920, 1080);
  void useDetaineesBoard.getState().loadSite();
  bridgeLive(useDetaineesBoard, ['detainees.board']);
}

export const App = DetaineesApp;

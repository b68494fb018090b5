import { fitCanvas } from '../../components/fitCanvas';
import { namesShown, roomIdFromPath } from '../../features/hearings/board';
import { bridgeLive } from '../../features/live/slice';
import { HearingsApp } from './HearingsApp';
import { useHearingsBoard, view } from './state';

/** /hearings: every courtroom on one TV; /hearings/<room>: the TV outside one room. `?names=0`: case numbers only. */
export function start(pathname: string): void {
  document.documentElement.lang = 'zh-TW'; // bilingual board; English parts carry lang="en"
  view.roomId = roomIdFromPath(pathname);
  view.names = namesShown(location.search);
  fitCanvas(1920, 1080);
  void useHearingsBoard.getState().loadSite();
  bridgeLive(useHearingsBoard, ['hearings.board']);
}

export const App = HearingsApp;

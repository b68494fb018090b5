import { namesShown, roomIdFromPath } from '../../features/hearings/board';
import { bridgeLive } from '../../features/live/slice';
import { fitHearingsCanvas } from './canvas';
import { HearingsApp } from './HearingsApp';
import { rotateSecondsFrom } from './paging';
import { useHearingsBoard, view } from './state';

/** /hearings: every courtroom on one TV; /hearings/<room>: the TV outside one room. `?names=0`: case numbers only; `?rotate=N`: seconds a page shows. */
export function start(pathname: string): void {
  document.documentElement.lang = 'zh-TW'; // bilingual board; English parts carry lang="en"
  view.roomId = roomIdFromPath(pathname);
  view.names = namesShown(location.search);
  view.rotateMs = rotateSecondsFrom(location.search) * 1000;
  fitHearingsCanvas();
  void useHearingsBoard.getState().loadSite();
  bridgeLive(useHearingsBoard, ['hearings.board']);
}

export const App = HearingsApp;

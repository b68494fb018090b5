/**
 * The call board's voice: the store mirrors what the announcer is doing (the
 * tap-to-enable overlay, `data-announced`), and feeds it every `queue.board`
 * snapshot and connection change — bridged once, outside React.
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { Announcer, AnnouncerState } from '../../audio/announcer';
import type { LiveSlice } from '../live/slice';

export interface SoundSlice {
  /** The announcer's state: `blocked` shows the tap-to-enable overlay; `log` feeds `data-announced`. */
  sound: AnnouncerState;
  /** From a user gesture: let the board play sound again. */
  unlockSound: () => void;
}

const SILENT: AnnouncerState = { blocked: false, current: null, pending: 0, log: [] };

export function createSoundSlice(announcer: Announcer | null): StateCreator<SoundSlice, [], [], SoundSlice> {
  return () => ({
    sound: announcer?.state ?? SILENT,
    unlockSound: () => announcer?.unlock(),
  });
}

export function bindAnnouncer(store: StoreApi<SoundSlice & LiveSlice>, announcer: Announcer): void {
  announcer.subscribe(() => store.setState({ sound: announcer.state }));
  store.subscribe((s, prev) => {
    if (s.connection !== prev.connection) announcer.onConnection(s.connection);
    const board = s.snapshots['queue.board'];
    if (board && board !== prev.snapshots['queue.board']) announcer.onBoard(board);
  });
}

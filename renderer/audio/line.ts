/**
 * A screen's one audio line: the players everything on the screen sounds
 * through, and a way to hold the line for something more urgent.
 *
 * On the call board the line is the call Announcer (./announcer.ts): the
 * board's start() provides it, and the emergency broadcast
 * (components/EmergencyOverlay.tsx, components/marquee/emergency-sound.ts)
 * takes hold() of it and plays on the same players. The rule: while an
 * emergency is active the call board holds call announcements — a call being
 * spoken is cut off at once, the emergency sound plays, calls made meanwhile
 * wait (still shown on the board) and are announced after the clear under the
 * announcer's backlog rules. Nothing ever plays two sounds at once.
 */
import type { ClipPlayer, Speaker } from './announcer';

export interface AudioLine {
  readonly clips: ClipPlayer | null;
  readonly speech: Speaker | null;
  /**
   * Hold the line: whatever the owner is playing stops before this returns and
   * nothing of its own plays until every hold is released. Returns the release
   * (calling it twice is harmless).
   */
  hold(): () => void;
}

let provided: AudioLine | null = null;

/** The screen's line (the call board's announcer); set once by the screen's start(). */
export function provideAudioLine(line: AudioLine | null): void {
  provided = line;
}

/** The line the screen provided, or null (a screen with no sound of its own). */
export function audioLine(): AudioLine | null {
  return provided;
}

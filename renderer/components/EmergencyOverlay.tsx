/**
 * The emergency broadcast (earthquake, fire, evacuation, notice) over a public
 * screen: mounted once beside every public app (renderer/main.tsx), it
 * follows the public 'emergency' topic on the screen's own live socket and,
 * while an emergency is active, covers the whole screen — the kind's icon and
 * colour, the Chinese very large, the English below, when it was raised. It
 * is an overlay only: the screen underneath keeps running and is exactly as
 * before once the emergency is cleared or its end passes.
 *
 * On a board with sound (`sound`: the call board) it plays the chime three
 * times, then speaks the texts when the platform has a voice (see
 * marquee/emergency-sound.ts); what it played is in `data-announced`.
 *
 * One audio line: the sound plays on the board's own players (the call
 * Announcer, provided as the screen's AudioLine, renderer/audio/line.ts), and
 * while an emergency is active the call board holds call announcements — a
 * call being spoken is cut off at once, the emergency sound plays, and calls
 * made during the emergency are not announced until it clears (they stay
 * visible on the board; after the clear the announcer's backlog rules apply).
 * Nothing ever plays two sounds at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { Emergency } from '../../core/contract';
import { createAudioClipPlayer, createWebSpeaker } from '../audio/browser';
import { audioLine, type AudioLine } from '../audio/line';
import { siteClock } from './marquee/datetime';
import { announceEmergency } from './marquee/emergency-sound';
import { EMERGENCY_LABEL, type EmergencyKind } from './marquee/labels';
import { useLiveTopic } from './marquee/useLiveTopic';
import '../styles/marquee.css';

/** Whether `endsAt` has passed; re-renders the moment it does. */
function useEnded(endsAt: string | null | undefined): boolean {
  const end = endsAt ? Date.parse(endsAt) : NaN;
  const [, tick] = useState(0);
  useEffect(() => {
    if (!Number.isFinite(end)) return;
    const ms = end - Date.now();
    if (ms <= 0) return;
    const timer = setTimeout(() => tick((n) => n + 1), Math.min(ms + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [end]);
  return Number.isFinite(end) && Date.now() >= end;
}

let ownLine: AudioLine | null = null;
/** The screen's line (the call board's announcer); a screen that provides none gets players of its own. */
function soundLine(): AudioLine {
  const provided = audioLine();
  if (provided) return provided;
  ownLine ??= { clips: typeof Audio === 'undefined' ? null : createAudioClipPlayer(), speech: createWebSpeaker(), hold: () => () => undefined };
  return ownLine;
}

/**
 * Hold the line while the emergency is active, announce each emergency once
 * (per page), and stop at once when it goes away.
 */
function useEmergencySound(e: Emergency | null, enabled: boolean): string | null {
  const announced = useRef<number | null>(null);
  const [log, setLog] = useState<{ id: number; steps: string[] } | null>(null);
  const id = e?.id ?? null;
  const zh = e?.zh ?? '';
  const en = e?.en ?? '';
  const holding = enabled && id !== null;
  // Declared first, so it runs before the sound's effect: the call being
  // spoken is cut off before the first chime. Keyed on "an emergency is
  // active" only, so one emergency replacing another keeps calls held.
  useEffect(() => (holding ? soundLine().hold() : undefined), [holding]);
  useEffect(() => {
    if (!enabled || id === null || announced.current === id) return;
    announced.current = id;
    let finished = false;
    const line = soundLine();
    const run = announceEmergency({ zh, en }, { clips: line.clips, speech: line.speech, hold: () => line.hold() });
    void run.done.then((steps) => {
      finished = true;
      setLog({ id, steps });
    });
    return () => {
      run.cancel();
      if (!finished) announced.current = null;
    };
  }, [enabled, id, zh, en]);
  return log && log.id === id ? log.steps.join(',') : null;
}

export function EmergencyOverlay({ sound = false }: { sound?: boolean }) {
  const state = useLiveTopic('emergency');
  const active = state?.active ?? null;
  const ended = useEnded(active?.endsAt);
  const shown = active && !ended ? active : null;
  const announced = useEmergencySound(shown, sound);
  if (!shown) return null;
  return <EmergencyView emergency={shown} testId="emergency-overlay" announced={announced} />;
}

/** Text this long or longer gets a smaller size, so 300 characters still fit. */
function lengthClass(text: string, long: number, veryLong: number): string {
  const n = [...text].length;
  return n >= veryLong ? ' emergency__text--xlong' : n >= long ? ' emergency__text--long' : '';
}

/** The full-screen look of an emergency (also the staff tab's preview, `compact`). */
export function EmergencyView(props: { emergency: Pick<Emergency, 'kind' | 'zh' | 'en' | 'raisedAt' | 'endsAt'> & { id?: number }; testId?: string; announced?: string | null; compact?: boolean }) {
  const { emergency: e, testId, announced, compact = false } = props;
  const label = EMERGENCY_LABEL[e.kind];
  return (
    <div
      className={`emergency emergency--${e.kind}${compact ? ' emergency--compact' : ''}`}
      role={compact ? 'figure' : 'alertdialog'}
      aria-modal={compact ? undefined : true}
      aria-live={compact ? undefined : 'assertive'}
      aria-label={`${label.zh} ${label.en}`}
      data-testid={testId}
      data-kind={e.kind}
      data-emergency-id={e.id}
      data-announced={announced ?? undefined}
    >
      <div className="emergency__frame">
        <div className="emergency__head">
          <EmergencyIcon kind={e.kind} />
          <span className="emergency__kind">
            <span lang="zh-TW" className="emergency__kind-zh">
              {label.zh}
            </span>
            <span lang="en" className="emergency__kind-en">
              {label.en}
            </span>
          </span>
        </div>
        <p className={`emergency__zh${lengthClass(e.zh, 24, 80)}`} lang="zh-TW">
          {e.zh}
        </p>
        <p className={`emergency__en${lengthClass(e.en, 60, 160)}`} lang="en">
          {e.en}
        </p>
        <p className="emergency__time">
          <span lang="zh-TW">發布時間 {siteClock(e.raisedAt)}</span>
          <span lang="en">Issued {siteClock(e.raisedAt)}</span>
          {e.endsAt && (
            <>
              <span lang="zh-TW">預計至 {siteClock(e.endsAt)}</span>
              <span lang="en">Until {siteClock(e.endsAt)}</span>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

export function EmergencyIcon({ kind }: { kind: EmergencyKind }) {
  return (
    <svg className="emergency__icon" viewBox="0 0 64 64" aria-hidden="true" data-icon={kind}>
      {kind === 'earthquake' && (
        <>
          <path d="M12 30 32 14l20 16v22H12z" fill="none" stroke="currentColor" strokeWidth="4" strokeLinejoin="round" />
          <path d="M4 56h8l4-8 6 14 6-20 6 16 4-6h22" fill="none" stroke="currentColor" strokeWidth="4" strokeLinejoin="round" strokeLinecap="round" />
        </>
      )}
      {kind === 'fire' && (
        <path
          d="M32 4c2 10 14 16 14 32a14 14 0 0 1-28 0c0-8 4-12 6-16 1 6 4 9 6 9-2-10 0-18 2-25z"
          fill="currentColor"
        />
      )}
      {kind === 'evacuation' && (
        <>
          <rect x="6" y="6" width="26" height="52" rx="2" fill="none" stroke="currentColor" strokeWidth="4" />
          <path d="M26 32h32M46 20l12 12-12 12" fill="none" stroke="currentColor" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
        </>
      )}
      {kind === 'notice' && (
        <>
          <path d="M32 6 60 56H4z" fill="none" stroke="currentColor" strokeWidth="4" strokeLinejoin="round" />
          <path d="M32 24v16" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
          <circle cx="32" cy="48" r="3.5" fill="currentColor" />
        </>
      )}
    </svg>
  );
}

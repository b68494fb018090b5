/**
 * How a board with sound announces an emergency: the chime three times, then
 * the Chinese and the English text through the platform's speech synthesis
 * when it has a voice for them. The players are the call board's own — its
 * one audio line, the call Announcer (renderer/audio/line.ts) — injected, so
 * this is pure and testable.
 *
 * The rule on the call board: while an emergency is active the board holds
 * call announcements. A call being spoken is cut off at once (its clip or
 * utterance stopped), the emergency sound plays, and calls made during the
 * emergency are not announced until it clears (they stay visible; after the
 * clear the announcer's backlog rules apply: the newest MAX_BACKLOG, those
 * that waited longer than maxWaitMs dropped). Nothing ever plays two sounds
 * at once. The overlay holds the line for the whole emergency; this sound
 * also takes its own hold (`hold`) before its first chime, so even on its own
 * it never starts over a call.
 *
 * Every step is raced against a timeout (a clip that never ends, a voice that
 * hangs) and a failed step is skipped; `cancel()` stops it at once (the
 * emergency was cleared). The result lists what was played, in order:
 * 'chime', 'speak:zh', 'speak:en', with '!error' / '!timeout' on a failure.
 */
import { CHIME, type ClipPlayer, type Speaker, type SpeechLang } from '../../audio/announcer';

export const EMERGENCY_CHIMES = 3;

export type EmergencyStep = { kind: 'clip'; clip: string } | { kind: 'speak'; lang: SpeechLang; text: string };

export interface EmergencySoundOptions {
  clips: ClipPlayer | null;
  speech: Speaker | null;
  /** The line's hold (Announcer.hold): taken before the first step, released when done or cancelled. */
  hold?: () => () => void;
  clipTimeoutMs?: number;
  speechTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** The plan: three chimes, then each language a voice exists for. */
export function emergencySteps(text: { zh: string; en: string }, speech: Pick<Speaker, 'hasVoice'> | null, clips = true): EmergencyStep[] {
  const steps: EmergencyStep[] = clips ? Array.from({ length: EMERGENCY_CHIMES }, () => ({ kind: 'clip' as const, clip: CHIME })) : [];
  if (speech?.hasVoice('zh')) steps.push({ kind: 'speak', lang: 'zh', text: text.zh });
  if (speech?.hasVoice('en')) steps.push({ kind: 'speak', lang: 'en', text: text.en });
  return steps;
}

export interface EmergencyAnnouncement {
  /** Resolves with what was played when done (or cancelled). */
  done: Promise<string[]>;
  cancel(): void;
}

export function announceEmergency(text: { zh: string; en: string }, o: EmergencySoundOptions): EmergencyAnnouncement {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let cancelled = false;
  let stopCurrent: (() => void) | null = null;
  const log: string[] = [];

  const run = (step: EmergencyStep): Promise<'ok' | 'error' | 'timeout' | 'cancelled'> =>
    new Promise((resolve) => {
      let settled = false;
      const finish = (r: 'ok' | 'error' | 'timeout' | 'cancelled') => {
        if (settled) return;
        settled = true;
        clearTimer(handle);
        stopCurrent = null;
        resolve(r);
      };
      const stop = () => (step.kind === 'clip' ? o.clips?.stop() : o.speech?.cancel());
      const handle = setTimer(
        () => {
          stop();
          finish('timeout');
        },
        step.kind === 'clip' ? (o.clipTimeoutMs ?? 6000) : (o.speechTimeoutMs ?? 30_000),
      );
      stopCurrent = () => {
        stop();
        finish('cancelled');
      };
      let p: Promise<void>;
      try {
        p = step.kind === 'clip' ? o.clips!.play(step.clip) : o.speech!.speak(step.text, step.lang);
      } catch (err) {
        p = Promise.reject(err);
      }
      p.then(
        () => finish('ok'),
        () => finish('error'),
      );
    });

  // Synchronously, before any step: the call being spoken stops now.
  let letGo = o.hold?.() ?? null;
  /** Once: on cancel() (after the silence) or when the last step is done. */
  const release = () => {
    const fn = letGo;
    letGo = null;
    fn?.();
  };
  const done = (async () => {
    try {
      for (const step of emergencySteps(text, o.speech, o.clips !== null)) {
        if (cancelled) break;
        const name = step.kind === 'clip' ? step.clip : `speak:${step.lang}`;
        const result = await run(step);
        if (result === 'cancelled') break;
        log.push(result === 'ok' ? name : `${name}!${result}`);
      }
      return log;
    } finally {
      release();
    }
  })();

  return {
    done,
    cancel() {
      cancelled = true;
      // Silence first, then let the line go: calls never start over the emergency.
      stopCurrent?.();
      release();
    },
  };
}

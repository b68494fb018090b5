/**
 * The pieces the counter tablet and the kiosk share: five face buttons, the
 * reason chips, the submit button with its 8-second countdown, the thanks.
 * Each face differs in shape (mouth, brows), number and words, not only in
 * colour; each button is named in both languages.
 */
import { useEffect, useState } from 'react';
import { RATING_REASONS } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LANG_TAG, otherLang, t, type Lang, type StringKey } from '../../i18n';
import { AUTO_SUBMIT_SECONDS, SCORES, THANKS_SECONDS, type RateFlow, type RatingReason, type Score } from '../../features/rating/flow';
import type { RateFlowSlice } from '../../features/rating/slice';

const FACE_KEY: Record<Score, StringKey> = { 1: 'rate.face.1', 2: 'rate.face.2', 3: 'rate.face.3', 4: 'rate.face.4', 5: 'rate.face.5' };
export const REASON_KEY: Record<RatingReason, StringKey> = {
  fast: 'rate.reason.fast',
  friendly: 'rate.reason.friendly',
  clear: 'rate.reason.clear',
  slow: 'rate.reason.slow',
  unclear: 'rate.reason.unclear',
  'wait-long': 'rate.reason.wait-long',
};
/** Reasons that praise (shown with a plus) and those that complain (a minus): not colour alone. */
const GOOD_REASONS: ReadonlySet<RatingReason> = new Set(['fast', 'friendly', 'clear']);

/** Mouth curve per score: from a deep frown to a wide smile. */
const MOUTH: Record<Score, string> = {
  1: 'M30 72 Q50 52 70 72',
  2: 'M32 70 Q50 60 68 70',
  3: 'M32 66 L68 66',
  4: 'M32 62 Q50 74 68 62',
  5: 'M28 58 Q50 84 72 58 Z',
};

export function FaceIcon({ score, className }: { score: Score; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" className="face__disc" />
      {score === 1 && <path d="M26 30 L42 36 M74 30 L58 36" className="face__line" />}
      {score <= 2 ? (
        <>
          <circle cx="36" cy="42" r="5" className="face__eye" />
          <circle cx="64" cy="42" r="5" className="face__eye" />
        </>
      ) : score === 5 ? (
        <>
          <path d="M28 42 Q36 32 44 42" className="face__line" />
          <path d="M56 42 Q64 32 72 42" className="face__line" />
        </>
      ) : (
        <>
          <circle cx="36" cy="40" r="5" className="face__eye" />
          <circle cx="64" cy="40" r="5" className="face__eye" />
        </>
      )}
      <path d={MOUTH[score]} className={score === 5 ? 'face__mouth face__mouth--open' : 'face__mouth'} />
    </svg>
  );
}

export function Faces({ lang, selected, onFace, compact = false }: { lang: Lang; selected: Score | null; onFace: (s: Score) => void; compact?: boolean }) {
  const other = otherLang(lang);
  return (
    <div className={`faces${compact ? ' faces--compact' : ''}`} role="group" aria-labelledby="rate-question">
      {SCORES.map((s) => (
        <button
          key={s}
          type="button"
          className={`face face--${s}${selected === s ? ' face--on' : ''}`}
          aria-pressed={selected === s}
          onClick={() => onFace(s)}
          data-testid={`rate-face-${s}`}
        >
          <FaceIcon score={s} className="face__icon" />
          <span className="face__label">
            <span lang={LANG_TAG[lang]} className="face__primary">
              {t(lang, FACE_KEY[s])}
            </span>
            <span lang={LANG_TAG[other]} className="face__secondary">
              {t(other, FACE_KEY[s])}
            </span>
          </span>
          <span className="face__score num" aria-hidden="true">
            {s}
          </span>
          <span className="visually-hidden">{` ${s} / 5`}</span>
          {selected === s && (
            <span className="face__check" aria-hidden="true">
              ✓
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

export function Reasons({ lang, chosen, onToggle }: { lang: Lang; chosen: readonly RatingReason[]; onToggle: (r: RatingReason) => void }) {
  const other = otherLang(lang);
  return (
    <div className="reasons" role="group" aria-labelledby="rate-reasons-title">
      <Dual k="rate.reasonsTitle" lang={lang} className="reasons__title" testId="rate-reasons-title" />
      <span id="rate-reasons-title" className="visually-hidden">
        {t(lang, 'rate.reasonsTitle')}
      </span>
      <div className="reasons__chips">
        {RATING_REASONS.map((r) => {
          const on = chosen.includes(r);
          return (
            <button
              key={r}
              type="button"
              className={`chip chip--${GOOD_REASONS.has(r) ? 'good' : 'bad'}${on ? ' chip--on' : ''}`}
              aria-pressed={on}
              onClick={() => onToggle(r)}
              data-testid={`rate-reason-${r}`}
            >
              <span className="chip__mark" aria-hidden="true">
                {on ? '✓' : GOOD_REASONS.has(r) ? '+' : '−'}
              </span>
              <span lang={LANG_TAG[lang]}>{t(lang, REASON_KEY[r])}</span>
              <span lang={LANG_TAG[other]} className="chip__secondary">
                {t(other, REASON_KEY[r])}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** Seconds left before the rating goes by itself; restarts whenever the choice changes. */
export function useAutoSubmit(flow: RateFlow, submit: () => void): number | null {
  const key = flow.step === 'reasons' ? `${flow.score}:${flow.reasons.join(',')}` : null;
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (key === null) {
      setLeft(null);
      return;
    }
    const started = Date.now();
    setLeft(AUTO_SUBMIT_SECONDS);
    const tick = setInterval(() => {
      const rest = AUTO_SUBMIT_SECONDS - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, rest));
    }, 250);
    const timer = setTimeout(submit, AUTO_SUBMIT_SECONDS * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
    };
  }, [key, submit]);
  return left;
}

export function SubmitBar({ lang, left, onSubmit, disabled }: { lang: Lang; left: number | null; onSubmit: () => void; disabled?: boolean }) {
  return (
    <div className="submit-bar">
      <button type="button" className="submit-btn" onClick={onSubmit} disabled={disabled} data-testid="rate-submit">
        <Dual k="rate.submit" lang={lang} className="dual dual--inline" />
      </button>
      {left !== null && (
        <span className="submit-bar__auto" data-testid="rate-auto" aria-hidden="true">
          <span lang={LANG_TAG[lang]}>{t(lang, 'rate.autoSubmit', { n: left })}</span>
          <span lang={LANG_TAG[otherLang(lang)]} className="submit-bar__auto-secondary">
            {t(otherLang(lang), 'rate.autoSubmit', { n: left })}
          </span>
        </span>
      )}
    </div>
  );
}

/** Thanks (or a gentle failure note) for a few seconds, then `onDone`. */
export function Thanks({ lang, failed, onDone }: { lang: Lang; failed: boolean; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, THANKS_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className={`rate-thanks${failed ? ' rate-thanks--failed' : ''}`} role="status" data-testid={failed ? 'rate-failed' : 'rate-thanks'}>
      <span className="rate-thanks__mark" aria-hidden="true">
        {failed ? '!' : '♥'}
      </span>
      <Dual k={failed ? 'rate.failed' : 'rate.thanks'} lang={lang} className="rate-thanks__title" />
      <Dual k={failed ? 'common.askDesk' : 'rate.thanksHint'} lang={lang} className="rate-thanks__hint" />
    </div>
  );
}

/** The faces → reasons → submit steps of a flow (both screens). */
export function RatingSteps({ lang, flow, dispatch, submit }: { lang: Lang } & Pick<RateFlowSlice, 'flow' | 'dispatch' | 'submit'>) {
  const onSubmit = () => void submit();
  const left = useAutoSubmit(flow, submitStable(submit));
  if (flow.step !== 'faces' && flow.step !== 'reasons' && flow.step !== 'sending') return null;
  const score = flow.step === 'faces' ? null : flow.score;
  return (
    <div className={`rate-steps rate-steps--${flow.step}`} data-step={flow.step}>
      <h2 className="rate-question" id="rate-question">
        <Dual k="rate.prompt" lang={lang} className="dual" primaryClass="rate-question__primary" secondaryClass="rate-question__secondary" />
      </h2>
      {flow.step === 'faces' && <Dual k="rate.promptHint" lang={lang} className="rate-hint" primaryClass="" secondaryClass="rate-hint__secondary" />}
      <Faces lang={lang} selected={score} onFace={(s) => dispatch({ type: 'face', score: s })} compact={flow.step !== 'faces'} />
      {flow.step !== 'faces' && (
        <>
          <Reasons lang={lang} chosen={flow.reasons} onToggle={(r) => dispatch({ type: 'reason', reason: r })} />
          <SubmitBar lang={lang} left={flow.step === 'reasons' ? left : null} onSubmit={onSubmit} disabled={flow.step === 'sending'} />
        </>
      )}
    </div>
  );
}

const stable = new WeakMap<() => Promise<void>, () => void>();
/** The store's submit never changes; one wrapper per store keeps the timer effect from restarting. */
function submitStable(submit: () => Promise<void>): () => void {
  let f = stable.get(submit);
  if (!f) {
    f = () => void submit();
    stable.set(submit, f);
  }
  return f;
}

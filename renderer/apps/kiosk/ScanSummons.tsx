/**
 * The kiosk's summons screens: the "掃描傳票 Scan your summons" entry on the
 * home screen, the prompt (hold the QR code to the scanner), an on-screen
 * fallback for the case number and code, and the answer — which room, which
 * floor, how far along it is. Back home by itself after ~30 s untouched.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import type { HearingLookup } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { LANG_TAG, otherLang, t, type Lang, type StringKey } from '../../i18n';
import { floorLabel } from '../../features/hearings/board';
import { DOCKET_WORDS, composeCaseNumber, validSummons } from '../../features/summons/case-number';
import { LOOKUP_PROBLEM_TEXT } from '../../features/summons/problems';
import { StatePill } from '../hearings/parts';
import { useKiosk } from './state';
import '../../styles/hearings.css';
import '../../styles/summons.css';

/** Seconds untouched before the summons screens return home. */
export const SUMMONS_IDLE_SECONDS = 30;
/** The kiosk stands in the lobby: directions are from this floor. */
export const KIOSK_FLOOR = 1;

/**
 * The entry on the home screen (≥ 64 px tall). `compact` sits beside the
 * "choose a service" title, so the service buttons keep their room.
 */
export function ScanEntry({ lang, disabled = false, compact = false }: { lang: Lang; disabled?: boolean; compact?: boolean }) {
  const open = useKiosk((s) => s.openSummons);
  return (
    <button type="button" className={`scan-entry${compact ? ' scan-entry--compact' : ''}`} onClick={open} disabled={disabled} data-testid="scan-summons">
      <QrIcon className="scan-entry__icon" />
      <span className="scan-entry__text">
        <Dual k="kiosk.scanSummons" lang={lang} className="scan-entry__title" primaryClass="scan-entry__primary" secondaryClass="scan-entry__secondary" />
        <Dual k="kiosk.scanSummonsHint" lang={lang} className="scan-entry__hint" primaryClass="" secondaryClass="scan-entry__hint-secondary" />
      </span>
      {!compact && (
        <span className="scan-entry__arrow" aria-hidden="true">
          ›
        </span>
      )}
    </button>
  );
}

/** Instead of the service buttons on a browser that is not a provisioned kiosk. */
export function NotProvisioned({ lang }: { lang: Lang }) {
  return (
    <main className="kiosk__home kiosk__home--unprovisioned">
      <ScanEntry lang={lang} />
      <section className="kiosk-unprovisioned" role="status" data-testid="kiosk-not-provisioned">
        <span className="kiosk-unprovisioned__icon" aria-hidden="true">
          !
        </span>
        <Dual k="kiosk.notProvisioned" lang={lang} className="kiosk-unprovisioned__title" />
        <Dual k="kiosk.askAdmin" lang={lang} className="kiosk-unprovisioned__hint" />
      </section>
    </main>
  );
}

function QrIcon({ className }: { className: string }) {
  // A QR code's three finder squares and a few modules: drawn, no image file.
  return (
    <svg className={className} viewBox="0 0 28 28" aria-hidden="true">
      <g fill="currentColor">
        <path d="M2 2h8v8H2zM4 4v4h4V4zM18 2h8v8h-8zm2 2v4h4V4zM2 18h8v8H2zm2 2v4h4v-4z" fillRule="evenodd" />
        <path d="M5 5h2v2H5zM21 5h2v2h-2zM5 21h2v2H5zM13 2h2v3h-2zM12 7h3v2h-3zM13 12h3v3h-3zM18 13h3v2h-3zM23 12h3v3h-3zM12 18h2v3h-2zM16 17h3v2h-3zM20 20h3v3h-3zM24 17h2v2h-2zM15 23h3v3h-3zM24 24h2v2h-2zM2 13h3v2H2zM7 12h2v3H7z" />
      </g>
    </svg>
  );
}

/** Returns home after SUMMONS_IDLE_SECONDS without a touch; restarts on every touch and every new answer. */
function useIdleClose(active: boolean, restartKey: unknown) {
  const close = useKiosk((s) => s.closeSummons);
  const setLang = useKiosk((s) => s.setLang);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(done, SUMMONS_IDLE_SECONDS * 1000);
    function done() {
      close();
      setLang('zh-TW'); // the next citizen starts in Chinese
    }
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(done, SUMMONS_IDLE_SECONDS * 1000);
      setTick((n) => n + 1);
    };
    window.addEventListener('pointerdown', poke, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', poke, true);
    };
  }, [active, restartKey, close, setLang]);
  return tick;
}

function stop(e: MouseEvent) {
  e.stopPropagation();
}

/** The overlay: prompt, manual entry, looking, answer or problem. */
export function ScanSummons() {
  const phase = useKiosk((s) => s.summonsPhase);
  const shown = useKiosk((s) => s.summonsShown);
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  const close = useKiosk((s) => s.closeSummons);
  const tick = useIdleClose(phase !== 'closed', `${phase}:${shown}`);
  if (phase === 'closed') return null;
  return (
    <div className={`scan-overlay scan-overlay--${phase}`} role="dialog" aria-modal="true" data-testid="scan-overlay" data-phase={phase}>
      <div className="scan-overlay__top" onClick={stop}>
        <button type="button" className="scan-back" onClick={close} data-testid="scan-close">
          <span aria-hidden="true">‹</span> <Dual k="kiosk.back" lang={lang} className="dual dual--inline" />
        </button>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      <div className="scan-overlay__body">
        {phase === 'prompt' && <Prompt lang={lang} />}
        {phase === 'manual' && <Manual lang={lang} />}
        {phase === 'looking' && (
          <div className="scan-looking" role="status" data-testid="scan-looking">
            <div className="spinner spinner--big" aria-hidden="true" />
            <Dual k="kiosk.scanLooking" lang={lang} className="scan-title" />
          </div>
        )}
        {phase === 'result' && <Result lang={lang} />}
        {phase === 'problem' && <Problem lang={lang} />}
      </div>
      <div className="scan-overlay__bottom">
        <div className="kiosk-result__countdown" aria-hidden="true">
          <div className="kiosk-result__countdown-bar" key={`${phase}:${shown}:${tick}`} style={{ animationDuration: `${SUMMONS_IDLE_SECONDS}s` }} />
        </div>
      </div>
    </div>
  );
}

function Prompt({ lang }: { lang: Lang }) {
  const openManual = useKiosk((s) => s.openSummonsManual);
  return (
    <div className="scan-prompt" data-testid="scan-prompt">
      <Dual k="kiosk.scanPrompt" lang={lang} className="scan-title" />
      <div className="scan-illustration" aria-hidden="true">
        <div className="scan-illustration__paper">
          <span className="scan-illustration__lines" />
          <QrIcon className="scan-illustration__qr" />
        </div>
        <div className="scan-illustration__arrow">↓</div>
        <div className="scan-illustration__scanner" />
      </div>
      <button type="button" className="scan-manual-btn" onClick={openManual} data-testid="scan-manual">
        <Dual k="kiosk.scanManual" lang={lang} className="dual" />
      </button>
    </div>
  );
}

type FieldId = 'year' | 'number' | 'code';
const LIMITS: Record<FieldId, number> = { year: 3, number: 7, code: 12 };
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Case number and code on an on-screen keypad: a kiosk has no keyboard (and no way to type Chinese). */
function Manual({ lang }: { lang: Lang }) {
  const lookUp = useKiosk((s) => s.lookUpSummons);
  const [values, setValues] = useState<Record<FieldId, string>>({ year: '', number: '', code: '' });
  const [word, setWord] = useState<string>(DOCKET_WORDS[0]);
  const [field, setField] = useState<FieldId>('year');
  const [invalid, setInvalid] = useState(false);
  const other = otherLang(lang);

  const type = (ch: string) => {
    setInvalid(false);
    if (values[field].length >= LIMITS[field]) return;
    const value = values[field] + ch;
    setValues({ ...values, [field]: value });
    // A full year moves on to the number by itself.
    if (field === 'year' && value.length === LIMITS.year) setField('number');
  };
  const back = () => setValues((v) => ({ ...v, [field]: v[field].slice(0, -1) }));
  const clear = () => {
    setInvalid(false);
    setValues((v) => ({ ...v, [field]: '' }));
  };
  const submit = () => {
    const ref = validSummons(composeCaseNumber({ year: values.year, word, number: values.number }), values.code);
    if (!ref) {
      setInvalid(true);
      return;
    }
    void lookUp(ref);
  };

  const box = (id: FieldId, k: StringKey, testId: string) => (
    <button
      type="button"
      className={`key-field key-field--${id}${field === id ? ' key-field--active' : ''}`}
      onClick={() => setField(id)}
      aria-pressed={field === id}
      data-testid={testId}
    >
      <span className="key-field__label">
        <span lang={LANG_TAG[lang]}>{t(lang, k)}</span> <span lang={LANG_TAG[other]}>{t(other, k)}</span>
      </span>
      <span className="key-field__value num">{values[id] || '\u00a0'}</span>
    </button>
  );

  return (
    <div className="scan-manual" data-testid="scan-manual-form">
      <Dual k="summons.formHint" lang={lang} className="scan-subtitle" />
      <div className="scan-manual__case">
        <span className="scan-manual__legend">
          <span lang={LANG_TAG[lang]}>{t(lang, 'summons.caseNumber')}</span> <span lang={LANG_TAG[other]}>{t(other, 'summons.caseNumber')}</span>
        </span>
        <div className="scan-manual__row">
          {box('year', 'summons.year', 'manual-year')}
          <span className="scan-manual__glue">年度</span>
          <span className="scan-manual__word num" data-testid="manual-word-shown">
            {word}
          </span>
          <span className="scan-manual__glue">字第</span>
          {box('number', 'summons.number', 'manual-number')}
          <span className="scan-manual__glue">號</span>
        </div>
        <div className="scan-manual__words" role="group" aria-label={`${t('zh-TW', 'summons.word')} ${t('en', 'summons.word')}`}>
          {DOCKET_WORDS.map((w) => (
            <button key={w} type="button" className="word-key" aria-pressed={word === w} onClick={() => setWord(w)} data-testid={`manual-word-${w}`}>
              {w}
            </button>
          ))}
        </div>
      </div>
      <div className="scan-manual__code">{box('code', 'summons.code', 'manual-code')}</div>
      {invalid && <Dual k="summons.badFormat" lang={lang} className="scan-invalid" testId="manual-invalid" />}
      <div className="keypad" role="group" aria-label="鍵盤 Keypad">
        <div className="keypad__digits">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="keypad__key num" onClick={() => type(d)} data-testid={`key-${d}`}>
              {d}
            </button>
          ))}
        </div>
        <div className="keypad__letters">
          {LETTERS.map((l) => (
            <button key={l} type="button" className="keypad__key keypad__key--letter" disabled={field !== 'code'} onClick={() => type(l)} data-testid={`key-${l}`}>
              {l}
            </button>
          ))}
        </div>
        <div className="keypad__actions">
          <button type="button" className="keypad__key keypad__key--wide" onClick={back} aria-label="刪除 Delete" data-testid="key-back">
            ⌫
          </button>
          <button type="button" className="keypad__key keypad__key--wide" onClick={clear} data-testid="key-clear">
            <Dual k="kiosk.clear" lang={lang} className="dual" />
          </button>
          <button type="button" className="keypad__key keypad__key--go" onClick={submit} data-testid="manual-submit">
            <Dual k="summons.lookUp" lang={lang} className="dual" />
          </button>
        </div>
      </div>
    </div>
  );
}

function Result({ lang }: { lang: Lang }) {
  const result = useKiosk((s) => s.summonsResult) as HearingLookup;
  const close = useKiosk((s) => s.closeSummons);
  const other = otherLang(lang);
  const room = result.courtroom;
  const floor = floorLabel(room.floor);
  const upcoming = result.state === 'scheduled' || result.state === 'checked_in' || result.state === 'waiting';
  const hint = upcoming ? null : (`summons.hint.${result.state}` as StringKey);
  return (
    <div className="scan-result" data-testid="scan-result" data-state={result.state}>
      <Dual k="summons.goTo" lang={lang} className="scan-result__go" />
      <div className="scan-result__room" data-testid="scan-room">
        <span lang={LANG_TAG[lang]} className="scan-result__room-primary">
          {lang === 'zh-TW' ? room.name.zh : room.name.en}
        </span>
        <span lang={LANG_TAG[other]} className="scan-result__room-secondary">
          {lang === 'zh-TW' ? room.name.en : room.name.zh}
        </span>
      </div>
      <div className="scan-result__floor" data-testid="scan-floor">
        <span className="floor-badge scan-result__floor-badge">
          <span lang="zh-TW">{floor.zh}</span> <span lang="en">{floor.en}</span>
        </span>
        {room.floor === KIOSK_FLOOR ? (
          <Dual k="kiosk.floorHere" lang={lang} className="scan-result__direction" />
        ) : (
          <span className="scan-result__direction">
            <span lang={LANG_TAG[lang]}>{t(lang, 'kiosk.floorUp', { floor: lang === 'zh-TW' ? floor.zh : floor.en })}</span>
            <span lang={LANG_TAG[other]} className="dual__secondary">
              {t(other, 'kiosk.floorUp', { floor: other === 'zh-TW' ? floor.zh : floor.en })}
            </span>
          </span>
        )}
      </div>
      <div className="scan-result__progress">
        <div className="scan-result__case num" data-testid="scan-case">
          {result.caseNumber}
        </div>
        <StatePill state={result.state} className="scan-result__state" testId="scan-state" />
        {hint && <Dual k={hint} lang={lang} className="scan-result__hint" />}
        <dl className="scan-result__facts">
          <div>
            <dt>
              <Dual k="summons.scheduled" lang={lang} className="dual" />
            </dt>
            <dd className="num">{result.time}</dd>
          </div>
          {upcoming && result.estimatedStart && (
            <div>
              <dt>
                <Dual k="summons.estimated" lang={lang} className="dual" />
              </dt>
              <dd className="num" data-testid="scan-estimate">
                {result.estimatedStart}
              </dd>
            </div>
          )}
        </dl>
        {upcoming && <Dual k="summons.ahead" vars={{ n: result.ahead }} lang={lang} className="scan-result__ahead" testId="scan-ahead" />}
      </div>
      <button type="button" className="scan-home" onClick={close} data-testid="scan-done">
        <Dual k="kiosk.home" lang={lang} className="dual" />
      </button>
    </div>
  );
}

function Problem({ lang }: { lang: Lang }) {
  const problem = useKiosk((s) => s.summonsProblem) ?? 'network';
  const open = useKiosk((s) => s.openSummons);
  const openManual = useKiosk((s) => s.openSummonsManual);
  const text = LOOKUP_PROBLEM_TEXT[problem];
  return (
    <div className="scan-problem" role="alert" data-testid="scan-problem" data-problem={problem}>
      <span className="scan-problem__icon" aria-hidden="true">
        ?
      </span>
      <Dual k={text.title} lang={lang} className="scan-title" />
      {text.hint && <Dual k={text.hint} lang={lang} className="scan-subtitle" />}
      <Dual k="common.askDesk" lang={lang} className="scan-subtitle" />
      <div className="scan-problem__actions">
        <button type="button" className="scan-manual-btn" onClick={open} data-testid="scan-again">
          <Dual k="kiosk.scanAgain" lang={lang} className="dual" />
        </button>
        <button type="button" className="scan-manual-btn" onClick={openManual} data-testid="scan-manual">
          <Dual k="kiosk.scanManual" lang={lang} className="dual" />
        </button>
      </div>
    </div>
  );
}

/**
 * /phone/hearing: where and when one's own hearing is, live. The summons' QR
 * code opens /phone/hearing?c=<case number>&v=<code>; without them a form asks
 * for both. Shows this one case only — its room, state, times and how many
 * are before it — and nothing about any other case.
 */
import { useState, type FormEvent } from 'react';
import type { HearingLookup } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LANG_TAG, applyDocumentLang, otherLang, t, type Lang, type StringKey } from '../../i18n';
import { bindHearingFollow } from '../../features/hearing-follow/follow';
import { floorLabel } from '../../features/hearings/board';
import { DOCKET_WORDS, caseNumberFrom, splitCaseNumber, summonsPath, validSummons, type SummonsRef } from '../../features/summons/case-number';
import { LOOKUP_PROBLEM_TEXT, type LookupProblem } from '../../features/summons/problems';
import { StatePill } from '../hearings/parts';
import { PhoneFoot, PhoneShell, wakeWhenVisible } from './PhoneShell';
import { usePhone } from './state';
import '../../styles/phone.css';
import '../../styles/hearings.css';
import '../../styles/summons-phone.css';

/** The case and code in the page's query, or null (the form shows). */
export function summonsFromQuery(search: string): { ref: SummonsRef | null; typed: { c: string; v: string } } {
  const q = new URLSearchParams(search);
  const c = q.get('c') ?? '';
  const v = q.get('v') ?? '';
  return { ref: c && v ? validSummons(c, v) : null, typed: { c, v } };
}

let typedAtStart = { c: '', v: '' };

export function startHearingPhone(search: string): void {
  const s = usePhone.getState();
  applyDocumentLang(s.lang);
  void s.loadSite();
  const { ref, typed } = summonsFromQuery(search);
  typedAtStart = typed;
  if (ref) void s.look(ref);
  else if (typed.c || typed.v) usePhone.setState({ problem: 'invalid' });
  // Live: a change of this case's room on the public board fetches it again (debounced, spaced).
  wakeWhenVisible(bindHearingFollow(usePhone));
}

export function HearingPhone() {
  const site = usePhone((s) => s.site);
  const lang = usePhone((s) => s.lang);
  const setLang = usePhone((s) => s.setLang);
  const ref = usePhone((s) => s.ref);
  const lookup = usePhone((s) => s.lookup);
  const problem = usePhone((s) => s.problem);
  const stale = usePhone((s) => s.stale);
  const loading = usePhone((s) => s.loading);
  const updatedAt = usePhone((s) => s.lookedUpAt);
  const connection = usePhone((s) => s.connection);
  const showForm = !lookup && !(loading && ref);

  return (
    <PhoneShell site={site} lang={lang} setLang={setLang} connection={connection} title="summons.title" className="hp" testId="hearing-phone">
      {lookup && <CaseCard lookup={lookup} lang={lang} />}
      {lookup && stale && problem && <Problem problem={problem} lang={lang} compact />}
      {!lookup && problem && !loading && <Problem problem={problem} lang={lang} />}
      {loading && !lookup && <Dual k="common.loading" lang={lang} className="phone__text" testId="hearing-loading" />}

      {showForm && <SummonsForm lang={lang} initial={ref ? { c: ref.caseNumber, v: ref.code } : typedAtStart} />}

      {lookup && (
        <>
          <PhoneFoot lang={lang} updatedAt={updatedAt} timeZone={site?.timeZone}>
            <span>{t(lang, 'summons.onlyYours')}</span>
          </PhoneFoot>
          <button
            type="button"
            className="hp__another"
            data-testid="hearing-another"
            onClick={() => {
              history.replaceState(null, '', '/phone/hearing');
              typedAtStart = { c: '', v: '' };
              usePhone.getState().resetLookup();
            }}
          >
            <Dual k="summons.another" lang={lang} className="dual dual--inline" />
          </button>
        </>
      )}
    </PhoneShell>
  );
}

function CaseCard({ lookup, lang }: { lookup: HearingLookup; lang: Lang }) {
  const other = otherLang(lang);
  const room = lookup.courtroom;
  const floor = floorLabel(room.floor);
  const upcoming = lookup.state === 'scheduled' || lookup.state === 'checked_in' || lookup.state === 'waiting';
  const hint = ['in_session', 'recess', 'finished', 'postponed', 'cancelled'].includes(lookup.state) ? (`summons.hint.${lookup.state}` as StringKey) : null;
  return (
    <section className={`phone__card hp__card hp__card--${lookup.state}`} data-testid="hearing-card" data-state={lookup.state}>
      <div className="hp__case num" data-testid="hearing-case">
        {lookup.caseNumber}
      </div>
      <StatePill state={lookup.state} className="hp__state" testId="hearing-state" />
      {hint && <Dual k={hint} lang={lang} className="hp__hint" testId="hearing-hint" />}

      <div className="hp__room" data-testid="hearing-room">
        <Dual k="summons.goTo" lang={lang} className="hp__label" />
        <span className="hp__room-name" lang={LANG_TAG[lang]}>
          {lang === 'zh-TW' ? room.name.zh : room.name.en}
        </span>
        <span className="hp__room-other" lang={LANG_TAG[other]}>
          {lang === 'zh-TW' ? room.name.en : room.name.zh}
        </span>
        <span className="floor-badge hp__floor" data-testid="hearing-floor">
          <span lang="zh-TW">{floor.zh}</span> <span lang="en">{floor.en}</span>
        </span>
      </div>

      <dl className="hp__facts">
        <div>
          <dt>
            <Dual k="summons.scheduled" lang={lang} className="dual" />
          </dt>
          <dd className="num" data-testid="hearing-time">
            {lookup.time}
          </dd>
        </div>
        {upcoming && lookup.estimatedStart && (
          <div>
            <dt>
              <Dual k="summons.estimated" lang={lang} className="dual" />
            </dt>
            <dd className={`num${lookup.estimatedStart !== lookup.time ? ' hp__late' : ''}`} data-testid="hearing-estimate">
              {lookup.estimatedStart}
            </dd>
          </div>
        )}
      </dl>
      {upcoming && (
        <div className="hp__ahead" data-testid="hearing-ahead" data-ahead={lookup.ahead}>
          <Dual k="summons.ahead" vars={{ n: lookup.ahead }} lang={lang} className="hp__ahead-text" />
        </div>
      )}
    </section>
  );
}

function Problem({ problem, lang, compact = false }: { problem: LookupProblem; lang: Lang; compact?: boolean }) {
  const text = LOOKUP_PROBLEM_TEXT[problem];
  return (
    <div className={`hp__problem hp__problem--${problem}${compact ? ' hp__problem--compact' : ''}`} role="status" data-testid={`hearing-problem-${problem}`}>
      <Dual k={text.title} lang={lang} className="hp__problem-title" />
      {text.hint && <Dual k={text.hint} lang={lang} className="hp__problem-hint" />}
    </div>
  );
}

function SummonsForm({ lang, initial }: { lang: Lang; initial: { c: string; v: string } }) {
  const split = splitCaseNumber(initial.c);
  const [year, setYear] = useState(split?.year ?? '');
  const [word, setWord] = useState(split?.word ?? '偵');
  const [number, setNumber] = useState(split?.number ?? '');
  const [code, setCode] = useState(initial.v);
  const [local, setLocal] = useState(false);
  const busy = usePhone((s) => s.loading);
  const other = otherLang(lang);
  const label = (k: StringKey) => (
    <>
      <span lang={LANG_TAG[lang]}>{t(lang, k)}</span> <span lang={LANG_TAG[other]} className="hp__label-other">{t(other, k)}</span>
    </>
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ref = validSummons(caseNumberFrom('', { year, word, number }), code);
    if (!ref) {
      setLocal(true);
      return;
    }
    setLocal(false);
    history.replaceState(null, '', summonsPath(ref));
    void usePhone.getState().look(ref);
  };

  return (
    <form className="hp__form" onSubmit={submit} data-testid="hearing-form" noValidate>
      <Dual k="summons.formHint" lang={lang} className="phone__text hp__form-hint" />
      <fieldset className="hp__fieldset">
        <legend className="hp__legend">{label('summons.caseNumber')}</legend>
        <div className="hp__case-row">
          <input
            className="hp__input hp__input--year"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={3}
            value={year}
            onChange={(e) => setYear(e.target.value.replace(/\D/g, ''))}
            aria-label={`${t('zh-TW', 'summons.year')} ${t('en', 'summons.year')}`}
            placeholder="113"
            data-testid="hearing-year"
          />
          <span className="hp__glue">年度</span>
          <input
            className="hp__input hp__input--word"
            list="docket-words"
            maxLength={8}
            value={word}
            onChange={(e) => setWord(e.target.value.trim())}
            aria-label={`${t('zh-TW', 'summons.word')} ${t('en', 'summons.word')}`}
            data-testid="hearing-word"
          />
          <datalist id="docket-words">
            {DOCKET_WORDS.map((w) => (
              <option key={w} value={w} />
            ))}
          </datalist>
          <span className="hp__glue">字第</span>
          <input
            className="hp__input hp__input--number"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={7}
            value={number}
            onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))}
            aria-label={`${t('zh-TW', 'summons.number')} ${t('en', 'summons.number')}`}
            placeholder="1234"
            data-testid="hearing-number"
          />
          <span className="hp__glue">號</span>
        </div>
      </fieldset>
      <label className="hp__fieldset">
        <span className="hp__legend">{label('summons.code')}</span>
        <input
          className="hp__input hp__input--code"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={12}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/[^A-Za-z0-9]/g, ''))}
          data-testid="hearing-code"
        />
      </label>
      {local && <Problem problem="invalid" lang={lang} compact />}
      <button type="submit" className="hp__submit" disabled={busy} data-testid="hearing-submit">
        <Dual k="summons.lookUp" lang={lang} className="dual dual--inline" />
      </button>
    </form>
  );
}

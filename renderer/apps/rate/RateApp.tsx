/**
 * /rate/<counter>: the tablet on the counter, facing the citizen. Calm
 * "感謝您的光臨 Thank you for visiting" with the counter's name; when the
 * counter finishes a ticket (topic rating.prompts) it asks for a rating: five
 * faces, then optional reasons and 送出 Submit (or by itself after 8 s), then
 * thanks, then calm again. Anonymous: no number, no name, nothing personal.
 */
import { useCallback } from 'react';
import { Agency } from '../../components/Agency';
import { ConnectionMark } from '../../components/ConnectionMark';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { LANG_TAG, otherLang } from '../../i18n';
import { RatingSteps, Thanks } from './parts';
import { UnknownCounter } from './UnknownCounter';
import { useRate } from './state';
import '../../styles/rate.css';

export function RateApp() {
  const site = useRate((s) => s.site);
  const lang = useRate((s) => s.lang);
  const setLang = useRate((s) => s.setLang);
  const flow = useRate((s) => s.flow);
  const dispatch = useRate((s) => s.dispatch);
  const submit = useRate((s) => s.submit);
  const counterId = useRate((s) => s.counterId);
  const counterKey = useRate((s) => s.counterKey);
  const connection = useRate((s) => s.connection);
  const refused = useRate((s) => s.refused);
  const counter = site?.counters.find((c) => c.id === counterId) ?? null;
  const other = otherLang(lang);
  const done = useCallback(() => {
    dispatch({ type: 'done' });
    setLang('zh-TW'); // the next citizen starts in Chinese
  }, [dispatch, setLang]);

  return (
    <div className="rate" data-testid="rate" data-step={flow.step} data-lang={lang}>
      <header className="rate__head">
        <Agency site={site} />
        {counter && (
          <span className="rate__counter" data-testid="rate-counter">
            <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? counter.name.zh : counter.name.en}</span>
            <span lang={LANG_TAG[other]} className="rate__counter-secondary">
              {lang === 'zh-TW' ? counter.name.en : counter.name.zh}
            </span>
          </span>
        )}
        <LangToggle lang={lang} onChange={setLang} />
      </header>
      <main className="rate__main">
        {site && !counter ? (
          <UnknownCounter lang={lang} counterKey={counterKey} counters={site.counters} />
        ) : refused ? (
          <div className="rate-idle" data-testid="rate-not-provisioned">
            <Dual k="rate.notProvisioned" lang={lang} className="rate-idle__title" />
          </div>
        ) : flow.step === 'idle' || !site ? (
          <div className="rate-idle" data-testid="rate-idle">
            <span className="rate-idle__mark" aria-hidden="true" />
            <h2 className="rate-idle__title">
              <Dual k="rate.welcome" lang={lang} className="dual" primaryClass="rate-idle__primary" secondaryClass="rate-idle__secondary" />
            </h2>
          </div>
        ) : flow.step === 'thanks' || flow.step === 'failed' ? (
          <Thanks lang={lang} failed={flow.step === 'failed'} onDone={done} />
        ) : (
          <RatingSteps lang={lang} flow={flow} dispatch={dispatch} submit={submit} />
        )}
      </main>
      <footer className="rate__foot">
        <Dual k="rate.anonymous" lang={lang} className="rate__anon" primaryClass="" secondaryClass="rate__anon-secondary" />
        <ConnectionMark status={connection} className="conn-mark--inline" />
      </footer>
    </div>
  );
}

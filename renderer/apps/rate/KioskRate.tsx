/**
 * The kiosk's own way to rate: a small "評價服務 Rate our service" entry on
 * the home screen, then an overlay — which service → faces → reasons →
 * thanks. Sent with the kiosk credential (POST /api/ratings/kiosk); back home
 * by itself after 30 s untouched.
 */
import { useCallback, useEffect, type MouseEvent } from 'react';
import type { PublicService } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { LANG_TAG, otherLang, type Lang } from '../../i18n';
import { FaceIcon, RatingSteps, Thanks } from './parts';
import { useKiosk } from '../kiosk/state';
import '../../styles/rate.css';

/** Seconds untouched before the rating overlay closes. */
export const KIOSK_RATE_IDLE_SECONDS = 30;

export function RateEntry({ lang, disabled = false }: { lang: Lang; disabled?: boolean }) {
  const dispatch = useKiosk((s) => s.dispatch);
  return (
    <button type="button" className="rate-entry" onClick={() => dispatch({ type: 'open-kiosk' })} disabled={disabled} data-testid="kiosk-rate">
      <FaceIcon score={5} className="rate-entry__icon" />
      <span className="rate-entry__text">
        <Dual k="kiosk.rateEntry" lang={lang} className="rate-entry__title" primaryClass="rate-entry__primary" secondaryClass="rate-entry__secondary" />
        <Dual k="kiosk.rateEntryHint" lang={lang} className="rate-entry__hint" primaryClass="" secondaryClass="rate-entry__hint-secondary" />
      </span>
      <span className="rate-entry__arrow" aria-hidden="true">
        ›
      </span>
    </button>
  );
}

function stop(e: MouseEvent) {
  e.stopPropagation();
}

export function KioskRating({ lang, setLang, services }: { lang: Lang; setLang: (l: Lang) => void; services: readonly PublicService[] }) {
  const flow = useKiosk((s) => s.flow);
  const dispatch = useKiosk((s) => s.dispatch);
  const submit = useKiosk((s) => s.submit);
  const close = useCallback(() => dispatch({ type: 'done' }), [dispatch]);
  const open = flow.step !== 'idle';
  useEffect(() => {
    if (!open || flow.step === 'thanks' || flow.step === 'failed') return;
    let timer = setTimeout(close, KIOSK_RATE_IDLE_SECONDS * 1000);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(close, KIOSK_RATE_IDLE_SECONDS * 1000);
    };
    window.addEventListener('pointerdown', poke, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', poke, true);
    };
  }, [open, flow.step, close]);
  if (!open) return null;
  const other = otherLang(lang);
  return (
    <div className="kiosk-rate" role="dialog" aria-modal="true" aria-label="評價服務 Rate our service" data-testid="kiosk-rate-overlay" data-step={flow.step}>
      <div className="kiosk-rate__top" onClick={stop}>
        <button type="button" className="scan-back kiosk-rate__back" onClick={close} data-testid="kiosk-rate-close">
          <span aria-hidden="true">‹</span> <Dual k="kiosk.back" lang={lang} className="dual dual--inline" />
        </button>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      <div className="kiosk-rate__body">
        {flow.step === 'service' && (
          <div className="kiosk-rate__services">
            <h2 className="rate-question">
              <Dual k="kiosk.rateChooseService" lang={lang} className="dual" primaryClass="rate-question__primary" secondaryClass="rate-question__secondary" />
            </h2>
            {services.map((svc) => (
              <button
                key={svc.id}
                type="button"
                className="kiosk-rate__service"
                onClick={() => dispatch({ type: 'service', serviceId: svc.id })}
                data-testid={`kiosk-rate-service-${svc.id}`}
              >
                <span className="kiosk-rate__prefix" aria-hidden="true">
                  {svc.prefix}
                </span>
                <span className="kiosk-rate__names">
                  <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? svc.name.zh : svc.name.en}</span>
                  <span lang={LANG_TAG[other]} className="kiosk-rate__name-secondary">
                    {lang === 'zh-TW' ? svc.name.en : svc.name.zh}
                  </span>
                </span>
              </button>
            ))}
          </div>
        )}
        {(flow.step === 'faces' || flow.step === 'reasons' || flow.step === 'sending') && (
          <>
            <ServiceName services={services} flow={flow} lang={lang} />
            <RatingSteps lang={lang} flow={flow} dispatch={dispatch} submit={submit} />
          </>
        )}
        {(flow.step === 'thanks' || flow.step === 'failed') && <Thanks lang={lang} failed={flow.step === 'failed'} onDone={close} />}
      </div>
    </div>
  );
}

function ServiceName({ services, flow, lang }: { services: readonly PublicService[]; flow: { target: { promptId: string } | { serviceId: string } }; lang: Lang }) {
  const id = 'serviceId' in flow.target ? flow.target.serviceId : null;
  const svc = services.find((s) => s.id === id);
  if (!svc) return null;
  return (
    <p className="kiosk-rate__chosen" data-testid="kiosk-rate-chosen">
      <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? svc.name.zh : svc.name.en}</span>
      <span lang={LANG_TAG[otherLang(lang)]} className="kiosk-rate__name-secondary">
        {lang === 'zh-TW' ? svc.name.en : svc.name.zh}
      </span>
    </p>
  );
}

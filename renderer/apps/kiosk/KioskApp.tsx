import { useEffect, useRef, type MouseEvent } from 'react';
import type { IssuedTicket, PublicService } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { ConnectionMark } from '../../components/ConnectionMark';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { QrImage } from '../../components/QrImage';
import { useNow } from '../../components/useNow';
import { DEFAULT_TIME_ZONE, LANG_TAG, formatDateTime, otherLang, t, type Lang } from '../../i18n';
import { kioskCanIssue } from '../../store/kiosk';
import type { ConnectionStatus } from '../../store/live';
import { useKiosk } from './state';
import '../../styles/kiosk.css';

/** Seconds the result stays up before the kiosk returns home by itself. */
export const RESULT_SECONDS = 10;
/** Longer when the ticket did not print: the citizen has to note the number. */
export const RESULT_SECONDS_NO_PRINT = 20;
const ERROR_SECONDS = 15;
/** A foreign visitor's language choice is forgotten after this much idle time. */
const IDLE_RESET_MS = 60_000;

export function KioskApp() {
  const site = useKiosk((s) => s.site);
  const siteError = useKiosk((s) => s.siteError);
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  const phase = useKiosk((s) => s.phase);
  const connection = useKiosk((s) => s.connection);
  const canIssue = useKiosk(kioskCanIssue);
  useIdleLanguageReset(lang, setLang, phase === 'home');

  if (!site) {
    return (
      <div className="kiosk kiosk--offline" data-testid="kiosk">
        <header className="kiosk__head">
          <Agency site={null} />
          <LangToggle lang={lang} onChange={setLang} />
        </header>
        <main className="kiosk__center">
          {siteError ? (
            <>
              <Dual k="common.offline" lang={lang} className="kiosk-notice" />
              <Dual k="common.askDesk" lang={lang} className="kiosk-notice kiosk-notice--sub" />
            </>
          ) : (
            <>
              <div className="spinner" aria-hidden="true" />
              <Dual k="common.loading" lang={lang} className="kiosk-notice kiosk-notice--sub" />
            </>
          )}
        </main>
      </div>
    );
  }

  return (
    <div className="kiosk" data-testid="kiosk" data-phase={phase} data-lang={lang} data-can-issue={canIssue}>
      <header className="kiosk__head">
        <Agency site={site} />
        <LangToggle lang={lang} onChange={setLang} />
      </header>
      {canIssue ? <Home services={site.services} lang={lang} /> : <Paused lang={lang} />}
      <Footer lang={lang} timeZone={site.timeZone} connection={connection} />
      {phase === 'issuing' && <Issuing lang={lang} />}
      {phase === 'result' && <Result lang={lang} setLang={setLang} />}
      {phase === 'error' && <IssueError lang={lang} setLang={setLang} />}
    </div>
  );
}

function useIdleLanguageReset(lang: Lang, setLang: (l: Lang) => void, active: boolean) {
  useEffect(() => {
    if (!active || lang === 'zh-TW') return;
    let timer = setTimeout(() => setLang('zh-TW'), IDLE_RESET_MS);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setLang('zh-TW'), IDLE_RESET_MS);
    };
    window.addEventListener('pointerdown', poke);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', poke);
    };
  }, [lang, setLang, active]);
}

function Home({ services, lang }: { services: PublicService[]; lang: Lang }) {
  const phase = useKiosk((s) => s.phase);
  const issue = useKiosk((s) => s.issue);
  const board = useKiosk((s) => s.snapshots['queue.board']);
  const busy = phase !== 'home';
  const other = otherLang(lang);

  return (
    <main className="kiosk__home">
      <div className="kiosk__title">
        <Dual k="kiosk.chooseService" lang={lang} primaryClass="kiosk__title-primary" secondaryClass="kiosk__title-secondary" />
        <Dual k="kiosk.touchHint" lang={lang} className="kiosk__hint" primaryClass="" secondaryClass="kiosk__hint-secondary" />
      </div>
      {services.length === 0 ? (
        <Dual k="kiosk.noServices" lang={lang} className="kiosk-notice kiosk-notice--dark" />
      ) : (
        <div className={`kiosk__services kiosk__services--n${Math.min(services.length, 9)}`}>
          {services.map((svc) => {
            const waiting = board?.services.find((b) => b.serviceId === svc.id)?.waiting;
            const primary = lang === 'zh-TW' ? svc.name.zh : svc.name.en;
            const secondary = lang === 'zh-TW' ? svc.name.en : svc.name.zh;
            return (
              <button
                key={svc.id}
                type="button"
                className="service-btn"
                data-testid={`service-${svc.id}`}
                disabled={busy}
                aria-disabled={busy}
                onClick={() => void issue(svc.id)}
              >
                <span className="service-btn__prefix" aria-hidden="true">
                  {svc.prefix}
                </span>
                <span className="service-btn__names">
                  <span className="service-btn__primary" lang={LANG_TAG[lang]}>
                    {primary}
                  </span>
                  <span className="service-btn__secondary" lang={LANG_TAG[other]}>
                    {secondary}
                  </span>
                </span>
                {waiting !== undefined && (
                  <span className="service-btn__waiting" data-testid={`kiosk-waiting-${svc.id}`}>
                    <span lang={LANG_TAG[lang]}>{t(lang, 'kiosk.waiting', { n: waiting })}</span>
                    <span lang={LANG_TAG[other]} className="service-btn__waiting-secondary">
                      {t(other, 'kiosk.waiting', { n: waiting })}
                    </span>
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
    </main>
  );
}

/** The printer cannot print: no service is offered until the server says so again. */
function Paused({ lang }: { lang: Lang }) {
  return (
    <main className="kiosk__home kiosk__home--paused">
      <section className="kiosk-paused" role="alert" aria-live="assertive" data-testid="kiosk-paused">
        <span className="kiosk-paused__icon" aria-hidden="true">
          <span />
          <span />
        </span>
        <Dual k="kiosk.paused" lang={lang} className="kiosk-paused__title" />
        <Dual k="common.askDesk" lang={lang} className="kiosk-paused__desk" />
        <Dual k="kiosk.pausedResume" lang={lang} className="kiosk-paused__note" />
      </section>
    </main>
  );
}

function Footer({ lang, timeZone = DEFAULT_TIME_ZONE, connection }: { lang: Lang; timeZone?: string; connection: ConnectionStatus }) {
  const now = useNow(10_000);
  return (
    <footer className="kiosk__foot">
      <Dual k="common.askDesk" lang={lang} className="kiosk__foot-help" />
      <ConnectionMark status={connection} className="conn-mark--inline" />
      <span className="kiosk__foot-time num" lang={LANG_TAG[lang]}>
        {formatDateTime(now, lang, timeZone)}
      </span>
    </footer>
  );
}

function Issuing({ lang }: { lang: Lang }) {
  return (
    <div className="kiosk-overlay kiosk-overlay--issuing" role="status" aria-live="assertive" data-testid="issuing">
      <div className="spinner spinner--big" aria-hidden="true" />
      <Dual k="kiosk.issuing" lang={lang} className="kiosk-notice" />
    </div>
  );
}

/** Returns home after `seconds`; the returned callback returns at once. */
function useAutoReturn(seconds: number): () => void {
  const backHome = useKiosk((s) => s.backHome);
  const setLang = useKiosk((s) => s.setLang);
  useEffect(() => {
    const timer = setTimeout(() => {
      backHome();
      setLang('zh-TW'); // the next citizen starts in Chinese
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [seconds, backHome, setLang]);
  return backHome;
}

function stop(e: MouseEvent) {
  e.stopPropagation();
}

function Result({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const ticket = useKiosk((s) => s.ticket) as IssuedTicket;
  const failed = ticket.print === 'failed';
  const seconds = failed ? RESULT_SECONDS_NO_PRINT : RESULT_SECONDS;
  const back = useAutoReturn(seconds);
  const other = otherLang(lang);
  const service = { primary: lang === 'zh-TW' ? ticket.serviceName.zh : ticket.serviceName.en, secondary: lang === 'zh-TW' ? ticket.serviceName.en : ticket.serviceName.zh };
  const firstTap = useRef(Date.now());

  return (
    <div
      className={`kiosk-overlay kiosk-result${failed ? ' kiosk-result--failed' : ''}`}
      data-testid="ticket-result"
      data-print={ticket.print}
      role="dialog"
      aria-modal="true"
      aria-labelledby="ticket-number"
      onClick={() => {
        // ignore a tap that is really the tail of the issuing double-tap
        if (Date.now() - firstTap.current > 600) back();
      }}
    >
      <div className="kiosk-result__top" onClick={stop}>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      <div className="kiosk-result__main">
      <Dual k="kiosk.yourNumber" lang={lang} className="kiosk-result__label" />
      <div className="kiosk-result__number num" id="ticket-number" data-testid="ticket-number">
        {ticket.number}
      </div>
      <div className="kiosk-result__service" data-testid="ticket-service">
        <span lang={LANG_TAG[lang]}>{service.primary}</span>
        <span lang={LANG_TAG[other]} className="kiosk-result__service-secondary">
          {service.secondary}
        </span>
      </div>
      <Dual k="kiosk.ahead" vars={{ n: ticket.waitingAhead }} lang={lang} className="kiosk-result__ahead" testId="ticket-ahead" />
      </div>
      <div className="kiosk-result__side">

      {failed ? (
        <div className="kiosk-result__alert" role="alert" data-testid="print-failed">
          <Dual k="kiosk.printFailed" lang={lang} className="kiosk-result__alert-line" />
          <Dual k="common.askDesk" lang={lang} className="kiosk-result__alert-line kiosk-result__alert-line--strong" />
          <Dual k="kiosk.rememberNumber" lang={lang} className="kiosk-result__alert-line" />
        </div>
      ) : (
        <div className="kiosk-result__take" data-testid="take-ticket">
          <Dual k={ticket.print === 'queued' ? 'kiosk.printQueued' : 'kiosk.takeTicket'} lang={lang} className="kiosk-result__take-text" />
          <span className="kiosk-result__arrow" aria-hidden="true">
            ↓
          </span>
        </div>
      )}

      {ticket.phoneUrl && (
        <div className="kiosk-result__phone">
          <QrImage payload={ticket.phoneUrl} modulePx={6} alt={t(lang, 'kiosk.scanPhone')} testId="ticket-qr" className="kiosk-result__qr" />
          <Dual k="kiosk.scanPhone" lang={lang} className="kiosk-result__phone-text" />
        </div>
      )}
      </div>

      <div className="kiosk-result__bottom">
        <div className="kiosk-result__countdown" aria-hidden="true">
          <div className="kiosk-result__countdown-bar" style={{ animationDuration: `${seconds}s` }} />
        </div>
        <Dual k="kiosk.tapToReturn" lang={lang} className="kiosk-result__return" />
      </div>
    </div>
  );
}

function IssueError({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const message = useKiosk((s) => s.issueError);
  // 503 'unavailable': the printer cannot print; the server's message is for staff, the citizen reads ours.
  const paused = useKiosk((s) => s.issueErrorCode === 'unavailable');
  const back = useAutoReturn(ERROR_SECONDS);
  return (
    <div className="kiosk-overlay kiosk-error" role="alertdialog" aria-modal="true" data-testid="issue-error" data-code={paused ? 'unavailable' : undefined} onClick={back}>
      <div className="kiosk-result__top" onClick={stop}>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      <Dual k={paused ? 'kiosk.paused' : 'kiosk.errorTitle'} lang={lang} className="kiosk-error__title" />
      {message && !paused && (
        <p className="kiosk-error__message" data-testid="issue-error-message">
          {message}
        </p>
      )}
      <Dual k="common.askDesk" lang={lang} className="kiosk-error__desk" />
      <button type="button" className="kiosk-error__back" onClick={back}>
        <Dual k="kiosk.back" lang={lang} className="dual dual--inline" />
      </button>
    </div>
  );
}

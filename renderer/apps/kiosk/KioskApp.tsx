import { useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { siteUsesHearings, type IssuedTicket, type PublicService, type PublicSite } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { ConnectionMark } from '../../components/ConnectionMark';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { QrImage } from '../../components/QrImage';
import { useNow } from '../../components/useNow';
import { DEFAULT_TIME_ZONE, LANG_TAG, formatDateTime, otherLang, t, type Lang, type StringKey, type Vars } from '../../i18n';
import { kioskCanIssue } from '../../features/tickets/slice';
import type { ConnectionStatus } from '../../client/live';
import { formatHours, hoursInForce, serviceOpenNow, todaysHours } from './hours';
import { MoreBelow } from './MoreBelow';
import { NotProvisioned, ScanEntry, ScanSummons } from './ScanSummons';
import { KioskRating, RateEntry } from '../rate/KioskRate';
import { useKiosk } from './state';
import { IdleGuard, MannerToggles, useManners } from '../../components/kiosk-manners';
import '../../styles/kiosk.css';
import '../../styles/guide.css';

/** Seconds the result stays up before the kiosk returns home by itself. */
export const RESULT_SECONDS = 10;
/** Longer when the ticket did not print: the citizen has to note the number. */
export const RESULT_SECONDS_NO_PRINT = 20;
const ERROR_SECONDS = 15;
/** A foreign visitor's language choice is forgotten after this much idle time. */
const IDLE_RESET_MS = 60_000;
/** A priority choice left behind is forgotten sooner: the next citizen must not inherit it. */
const PRIORITY_IDLE_MS = 30_000;

export function KioskApp() {
  const site = useKiosk((s) => s.site);
  const siteError = useKiosk((s) => s.siteError);
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  const phase = useKiosk((s) => s.phase);
  const connection = useKiosk((s) => s.connection);
  const canIssue = useKiosk(kioskCanIssue);
  // the home screen's scrolling area, for the "more below" bar under it
  const homeRef = useRef<HTMLElement>(null);
  const provisioned = useKiosk((s) => s.provisioned);
  useIdleLanguageReset(lang, setLang, phase === 'home');
  useIdlePriorityReset(phase === 'home');

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
        <MannerToggles lang={lang} />
        <LangToggle lang={lang} onChange={setLang} />
      </header>
      {provisioned === false ? (
        <NotProvisioned lang={lang} />
      ) : canIssue ? (
        <>
          <Home services={site.services} lang={lang} timeZone={site.timeZone} scrollRef={homeRef} />
          <MoreBelow target={homeRef} lang={lang} />
        </>
      ) : (
        <Paused lang={lang} />
      )}
      <Footer lang={lang} timeZone={site.timeZone} connection={connection} />
      {phase === 'issuing' && <Issuing lang={lang} />}
      {phase === 'result' && <Result lang={lang} setLang={setLang} />}
      {phase === 'error' && <IssueError lang={lang} setLang={setLang} />}
      <ScanSummons />
      <KioskRating lang={lang} setLang={setLang} services={site.services} />
      <KioskIdle lang={lang} setLang={setLang} home={phase === 'home'} />
    </div>
  );
}

/** Kiosk manners: a citizen's language and display choices are forgotten after a quiet spell, with a warning first. */
function KioskIdle({ lang, setLang, home }: { lang: Lang; setLang: (l: Lang) => void; home: boolean }) {
  const changed = useManners((s) => s.largeText || s.highContrast);
  return <IdleGuard lang={lang} active={home && (changed || lang !== 'zh-TW')} onTimeout={() => setLang('zh-TW')} />;
}

/** The way into the self-service guide (自助服務導覽), in the citizen's language. */
function GuideEntry({ lang }: { lang: Lang }) {
  const other = otherLang(lang);
  return (
    <a className="guide-entry" href={`/guide?lang=${lang}`} data-testid="kiosk-guide-entry">
      <svg className="guide-entry__icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true">
        <path d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" fill="currentColor" />
      </svg>
      <span className="guide-entry__text">
        <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? '服務導覽：科室位置、流程、常見問題' : 'Guide: offices, procedures, FAQ'}</span>
        <span lang={LANG_TAG[other]} className="guide-entry__secondary">
          {other === 'zh-TW' ? '服務導覽：科室位置、流程、常見問題' : 'Guide: offices, procedures, FAQ'}
        </span>
      </span>
    </a>
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

function useIdlePriorityReset(active: boolean) {
  const priority = useKiosk((s) => s.priority);
  const setPriority = useKiosk((s) => s.setPriority);
  useEffect(() => {
    if (!active || !priority) return;
    let timer = setTimeout(() => setPriority(false), PRIORITY_IDLE_MS);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setPriority(false), PRIORITY_IDLE_MS);
    };
    window.addEventListener('pointerdown', poke);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', poke);
    };
  }, [active, priority, setPriority]);
}

/** Both languages of one text, the reader's first. */
function Both({ k, lang, vars, className, secondaryClass }: { k: StringKey; lang: Lang; vars?: Vars; className?: string; secondaryClass?: string }) {
  const other = otherLang(lang);
  return (
    <span className={className}>
      <span lang={LANG_TAG[lang]}>{t(lang, k, vars)}</span>
      <span lang={LANG_TAG[other]} className={secondaryClass}>
        {t(other, k, vars)}
      </span>
    </span>
  );
}

/** The 博愛 switch: one big, always-visible toggle above the services, off again after every ticket. */
function PriorityToggle({ lang, disabled }: { lang: Lang; disabled: boolean }) {
  const priority = useKiosk((s) => s.priority);
  const setPriority = useKiosk((s) => s.setPriority);
  return (
    <button
      type="button"
      className={`priority-toggle${priority ? ' priority-toggle--on' : ''}`}
      aria-pressed={priority}
      disabled={disabled}
      onClick={() => setPriority(!priority)}
      data-testid="priority-toggle"
    >
      <span className="priority-toggle__switch" aria-hidden="true">
        <span className="priority-toggle__knob">{priority ? '✓' : ''}</span>
      </span>
      <span className="priority-toggle__text">
        <Both k="kiosk.priority" lang={lang} className="priority-toggle__title" secondaryClass="priority-toggle__title-secondary" />
        <Both
          k={priority ? 'kiosk.priorityOn' : 'kiosk.priorityWho'}
          lang={lang}
          className="priority-toggle__who"
          secondaryClass="priority-toggle__who-secondary"
        />
      </span>
    </button>
  );
}

function Home({ services, lang, timeZone, scrollRef }: { services: PublicService[]; lang: Lang; timeZone: string; scrollRef: RefObject<HTMLElement | null> }) {
  const phase = useKiosk((s) => s.phase);
  const issue = useKiosk((s) => s.issue);
  const priority = useKiosk((s) => s.priority);
  const board = useKiosk((s) => s.snapshots['queue.board']);
  const boardAt = useKiosk((s) => s.boardAt);
  const now = useNow(15_000).getTime();
  const busy = phase !== 'home';
  const other = otherLang(lang);
  const summons = useKiosk(usesSummons);

  return (
    <main className="kiosk__home" ref={scrollRef}>
      <div className="kiosk__top">
        <div className="kiosk__title">
          <Dual k="kiosk.chooseService" lang={lang} primaryClass="kiosk__title-primary" secondaryClass="kiosk__title-secondary" />
          <Dual k="kiosk.touchHint" lang={lang} className="kiosk__hint" primaryClass="" secondaryClass="kiosk__hint-secondary" />
        </div>
      </div>
      {services.length > 0 && <PriorityToggle lang={lang} disabled={busy} />}
      {services.length === 0 ? (
        <Dual k="kiosk.noServices" lang={lang} className="kiosk-notice kiosk-notice--dark" />
      ) : (
        <div className={`kiosk__services kiosk__services--n${Math.min(services.length, 9)}${priority ? ' kiosk__services--priority' : ''}`}>
          {services.map((svc) => {
            const row = board?.services.find((b) => b.serviceId === svc.id);
            const hours = hoursInForce(svc, row);
            const open = serviceOpenNow(hours, row && boardAt !== null ? { open: row.open, receivedAt: boardAt } : null, now, timeZone);
            const waiting = row?.waiting;
            const estimate = row?.estimatedWaitMinutes ?? null;
            const primary = lang === 'zh-TW' ? svc.name.zh : svc.name.en;
            const secondary = lang === 'zh-TW' ? svc.name.en : svc.name.zh;
            const today = todaysHours(hours, now, timeZone);
            return (
              <button
                key={svc.id}
                type="button"
                className={`service-btn${open ? '' : ' service-btn--closed'}`}
                data-testid={`service-${svc.id}`}
                data-open={open}
                disabled={busy || !open}
                aria-disabled={busy || !open}
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
                {!open ? (
                  <span className="service-btn__closed" data-testid={`kiosk-closed-${svc.id}`}>
                    <Both k="kiosk.closed" lang={lang} className="service-btn__closed-title" secondaryClass="service-btn__waiting-secondary" />
                    {today && (
                      <span className="service-btn__hours" data-testid={`kiosk-hours-${svc.id}`}>
                        {today.length === 0 ? (
                          <Both k="kiosk.notOpenToday" lang={lang} className="service-btn__hours-line" secondaryClass="service-btn__waiting-secondary" />
                        ) : (
                          <>
                            <span lang={LANG_TAG[lang]}>{t(lang, 'kiosk.hoursToday', { hours: formatHours(today, lang) })}</span>
                            <span lang={LANG_TAG[other]} className="service-btn__waiting-secondary">
                              {t(other, 'kiosk.hoursToday', { hours: formatHours(today, other) })}
                            </span>
                          </>
                        )}
                      </span>
                    )}
                  </span>
                ) : (
                  waiting !== undefined && (
                    <span className="service-btn__waiting" data-testid={`kiosk-waiting-${svc.id}`}>
                      <span lang={LANG_TAG[lang]}>{t(lang, 'kiosk.waiting', { n: waiting })}</span>
                      {waiting > 0 && estimate !== null && (
                        <span className="service-btn__estimate" lang={LANG_TAG[lang]} data-testid={`kiosk-estimate-${svc.id}`} data-minutes={estimate}>
                          {t(lang, 'kiosk.estimate', { n: estimate })}
                        </span>
                      )}
                      <span lang={LANG_TAG[other]} className="service-btn__waiting-secondary">
                        {t(other, 'kiosk.waiting', { n: waiting })}
                        {waiting > 0 && estimate !== null && ` · ${t(other, 'kiosk.estimate', { n: estimate })}`}
                      </span>
                    </span>
                  )
                )}
                {open && priority && (
                  <span className="service-btn__badge" aria-hidden="true">
                    {t(lang, 'kiosk.priorityBadge')}
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
      {/* The other things a citizen can do here, side by side so the services keep the screen. */}
      <div className="kiosk__extras">
        {summons && <ScanEntry lang={lang} disabled={busy} compact />}
        <GuideEntry lang={lang} />
        <RateEntry lang={lang} disabled={busy} />
      </div>
    </main>
  );
}

/** A summons is scanned only where the site has hearings (a prison has none). */
function usesSummons(s: { site: PublicSite | null }): boolean {
  return s.site !== null && siteUsesHearings(s.site);
}

/** The printer cannot print: no service is offered until the server says so again. */
function Paused({ lang }: { lang: Lang }) {
  const summons = useKiosk(usesSummons);
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
      {summons && <ScanEntry lang={lang} />}
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
  // Not printed (yet): the citizen may have to note the number.
  const seconds = failed || ticket.print === 'queued' ? RESULT_SECONDS_NO_PRINT : RESULT_SECONDS;
  const back = useAutoReturn(seconds);
  const other = otherLang(lang);
  const service = { primary: lang === 'zh-TW' ? ticket.serviceName.zh : ticket.serviceName.en, secondary: lang === 'zh-TW' ? ticket.serviceName.en : ticket.serviceName.zh };
  const firstTap = useRef(Date.now());

  return (
    <div
      className={`kiosk-overlay kiosk-result${failed ? ' kiosk-result--failed' : ''}`}
      data-testid="ticket-result"
      data-print={ticket.print}
      data-priority={ticket.priority}
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
      {ticket.priority && (
        <div className="kiosk-result__priority" data-testid="ticket-priority">
          <span lang={LANG_TAG[lang]}>{t(lang, 'kiosk.priorityBadge')}</span>
          <span lang={LANG_TAG[other]}>{t(other, 'kiosk.priorityBadge')}</span>
        </div>
      )}
      <div className="kiosk-result__service" data-testid="ticket-service">
        <span lang={LANG_TAG[lang]}>{service.primary}</span>
        <span lang={LANG_TAG[other]} className="kiosk-result__service-secondary">
          {service.secondary}
        </span>
      </div>
      <Dual k="kiosk.ahead" vars={{ n: ticket.waitingAhead }} lang={lang} className="kiosk-result__ahead" testId="ticket-ahead" />
      {ticket.estimatedWaitMinutes !== null && ticket.waitingAhead > 0 && (
        <div className="kiosk-result__estimate" data-testid="ticket-estimate" data-minutes={ticket.estimatedWaitMinutes}>
          <span lang={LANG_TAG[lang]}>
            {t(lang, 'kiosk.estimateLabel')} <strong>{t(lang, 'kiosk.estimate', { n: ticket.estimatedWaitMinutes })}</strong>
          </span>
          <span lang={LANG_TAG[other]} className="kiosk-result__estimate-secondary">
            {t(other, 'kiosk.estimateLabel')} {t(other, 'kiosk.estimate', { n: ticket.estimatedWaitMinutes })}
          </span>
        </div>
      )}
      </div>
      <div className="kiosk-result__side">

      {failed ? (
        <div className="kiosk-result__alert" role="alert" data-testid="print-failed">
          <Dual k="kiosk.printFailed" lang={lang} className="kiosk-result__alert-line" />
          <Dual k="common.askDesk" lang={lang} className="kiosk-result__alert-line kiosk-result__alert-line--strong" />
          <Dual k="kiosk.rememberNumber" lang={lang} className="kiosk-result__alert-line" />
        </div>
      ) : ticket.print === 'queued' ? (
        <div className="kiosk-result__take kiosk-result__take--queued" data-testid="take-ticket" role="status">
          <Dual k="kiosk.printing" lang={lang} className="kiosk-result__take-text" testId="printing" />
          <Dual k="kiosk.printingHint" lang={lang} className="kiosk-result__take-hint" testId="printing-hint" />
        </div>
      ) : (
        <div className="kiosk-result__take" data-testid="take-ticket">
          <Dual k="kiosk.takeTicket" lang={lang} className="kiosk-result__take-text" />
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
  const unavailable = useKiosk((s) => s.issueErrorCode === 'unavailable');
  const service = useKiosk((s) => s.site?.services.find((x) => x.id === s.issueErrorService) ?? null);
  const timeZone = useKiosk((s) => s.site?.timeZone ?? DEFAULT_TIME_ZONE);
  // 503 'unavailable' for a service outside its hours says so, with today's hours.
  const row = useKiosk((s) => s.snapshots['queue.board']?.services.find((b) => b.serviceId === s.issueErrorService));
  const hours = service ? hoursInForce(service, row) : null;
  const closed = unavailable && service !== null && !serviceOpenNow(hours, null, Date.now(), timeZone);
  // Otherwise 'unavailable' means issuing is paused; the server's message is for staff, the citizen reads ours.
  const paused = unavailable && !closed;
  const back = useAutoReturn(ERROR_SECONDS);
  const today = closed && service ? todaysHours(hours, Date.now(), timeZone) : null;
  return (
    <div
      className="kiosk-overlay kiosk-error"
      role="alertdialog"
      aria-modal="true"
      data-testid="issue-error"
      data-code={unavailable ? 'unavailable' : undefined}
      data-closed={closed || undefined}
      onClick={back}
    >
      <div className="kiosk-result__top" onClick={stop}>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      <Dual k={closed ? 'kiosk.closed' : paused ? 'kiosk.paused' : 'kiosk.errorTitle'} lang={lang} className="kiosk-error__title" />
      {closed && service && (
        <p className="kiosk-error__message kiosk-error__message--info" data-testid="issue-error-message">
          {lang === 'zh-TW' ? service.name.zh : service.name.en}
          {today && (
            <>
              <br />
              {today.length === 0 ? t(lang, 'kiosk.notOpenToday') : t(lang, 'kiosk.hoursToday', { hours: formatHours(today, lang) })}
            </>
          )}
        </p>
      )}
      {message && !unavailable && (
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

import type { PhoneTicket } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LANG_TAG, otherLang, type Lang, type StringKey } from '../../i18n';
import { PhoneFoot, PhoneShell } from './PhoneShell';
import { usePhone } from './state';
import '../../styles/phone.css';

export function PhoneApp() {
  const site = usePhone((s) => s.site);
  const lang = usePhone((s) => s.lang);
  const setLang = usePhone((s) => s.setLang);
  const ticket = usePhone((s) => s.ticket);
  const notFound = usePhone((s) => s.notFound);
  const error = usePhone((s) => s.phoneError);
  const updatedAt = usePhone((s) => s.updatedAt);
  const connection = usePhone((s) => s.connection);

  return (
    <PhoneShell site={site} lang={lang} setLang={setLang} connection={connection} title="phone.title" testId="phone">
      {notFound && (
        <div className="phone__card phone__card--muted" data-testid="phone-not-found">
          <Dual k="phone.notFound" lang={lang} className="phone__big-text" />
          <Dual k="phone.notFoundHint" lang={lang} className="phone__text" />
        </div>
      )}

      {!notFound && !ticket && !error && <Dual k="common.loading" lang={lang} className="phone__text" />}

      {ticket && <TicketCard ticket={ticket} lang={lang} />}

      {error && (
        <p className="phone__error" role="status">
          <Dual k="phone.error" lang={lang} className="phone__text" />
        </p>
      )}

      {!notFound && <PhoneFoot lang={lang} updatedAt={updatedAt} timeZone={site?.timeZone} />}
    </PhoneShell>
  );
}

function TicketCard({ ticket, lang }: { ticket: PhoneTicket; lang: Lang }) {
  const other = otherLang(lang);
  const counter = ticket.counterNumber;
  return (
    <div className={`phone__card phone__card--${ticket.status}`} data-testid="phone-ticket" data-status={ticket.status}>
      <div className="phone__number num" data-testid="phone-number">
        {ticket.number}
      </div>
      <div className="phone__service">
        <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? ticket.serviceName.zh : ticket.serviceName.en}</span>
        <span lang={LANG_TAG[other]} className="phone__secondary">
          {lang === 'zh-TW' ? ticket.serviceName.en : ticket.serviceName.zh}
        </span>
      </div>

      <Dual
        k={`phone.status.${ticket.status}` as StringKey}
        lang={lang}
        className={`phone__status phone__status--${ticket.status}`}
        testId="phone-status"
      />

      {ticket.status === 'called' && counter !== null && (
        <div className="phone__go" data-testid="phone-counter" role="alert">
          <Dual k="phone.goTo" vars={{ n: counter }} lang={lang} className="phone__go-text" />
        </div>
      )}

      {ticket.status === 'serving' && counter !== null && (
        <div className="phone__at" data-testid="phone-counter">
          <Dual k="phone.servingAt" vars={{ n: counter }} lang={lang} className="phone__at-text" />
        </div>
      )}

      {ticket.status === 'skipped' && (
        <div className="phone__go phone__go--missed" data-testid="phone-skipped" role="alert">
          {counter !== null && <Dual k="phone.goTo" vars={{ n: counter }} lang={lang} className="phone__go-text" />}
          <Dual k="phone.skippedHint" lang={lang} className="phone__text phone__hint" />
        </div>
      )}

      {ticket.status === 'no_show' && <Dual k="phone.noShowHint" lang={lang} className="phone__text phone__hint" testId="phone-no-show" />}

      {ticket.status === 'waiting' && (
        <div className="phone__ahead" data-testid="phone-ahead" data-ahead={ticket.ahead}>
          <Dual k="kiosk.ahead" vars={{ n: ticket.ahead }} lang={lang} className="phone__ahead-text" />
          {ticket.estimatedWaitMinutes !== null && ticket.ahead > 0 && (
            <Dual
              k="phone.estimate"
              vars={{ n: ticket.estimatedWaitMinutes }}
              lang={lang}
              className="phone__estimate"
              testId="phone-estimate"
            />
          )}
        </div>
      )}
    </div>
  );
}

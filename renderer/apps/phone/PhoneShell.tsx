/**
 * The page both phone pages (/phone/t/<token> and /phone/hearing) stand in:
 * the agency in the reader's language first, the language switch, the page
 * title, the page's own content, and the discreet reconnecting mark.
 */
import type { ReactNode } from 'react';
import type { PublicSite } from '../../../core/contract';
import { ConnectionMark } from '../../components/ConnectionMark';
import { Dual } from '../../components/Dual';
import { LangToggle } from '../../components/LangToggle';
import { LANG_TAG, formatTime, otherLang, t, type Lang, type StringKey } from '../../i18n';
import type { ConnectionStatus } from '../../client/live';

export function PhoneShell(props: {
  site: PublicSite | null;
  lang: Lang;
  setLang: (l: Lang) => void;
  connection: ConnectionStatus;
  title: StringKey;
  /** Extra class on the page (besides `phone`). */
  className?: string;
  testId: string;
  children: ReactNode;
}) {
  const { site, lang } = props;
  const other = otherLang(lang);
  return (
    <div className={props.className ? `phone ${props.className}` : 'phone'} data-testid={props.testId}>
      <header className="phone__head">
        <div className="phone__agency">
          {site && (
            <>
              <span lang={LANG_TAG[lang]} className="phone__agency-primary">
                {lang === 'zh-TW' ? site.agency.zh : site.agency.en}
              </span>
              <span lang={LANG_TAG[other]} className="phone__agency-secondary">
                {lang === 'zh-TW' ? site.agency.en : site.agency.zh}
              </span>
            </>
          )}
        </div>
        <LangToggle lang={lang} onChange={props.setLang} className="lang-toggle--small" />
      </header>

      <main className="phone__main">
        <Dual k={props.title} lang={lang} className="phone__title" />
        {props.children}
      </main>
      <ConnectionMark status={props.connection} className="phone__conn" />
    </div>
  );
}

/** "Updated hh:mm:ss · updates by itself", and any further lines of the page. */
export function PhoneFoot({ lang, updatedAt, timeZone, children }: { lang: Lang; updatedAt: number | null; timeZone: string | undefined; children?: ReactNode }) {
  return (
    <p className="phone__foot">
      {updatedAt && <span data-testid="phone-updated">{t(lang, 'phone.updated', { time: formatTime(updatedAt, timeZone, true) })}</span>}
      <span>{t(lang, 'phone.autoRefresh')}</span>
      {children}
    </p>
  );
}

/** Follows live while the page is open: a phone that wakes (tab shown again) fetches at once. */
export function wakeWhenVisible(follow: { wake: () => void }): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') follow.wake();
  });
}

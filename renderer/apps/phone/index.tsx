import { applyDocumentLang } from '../../i18n';
import { bindPhoneLive } from '../../features/phone-ticket/follow';
import { HearingPhone, startHearingPhone } from './HearingPhone';
import { PhoneApp } from './PhoneApp';
import { wakeWhenVisible } from './PhoneShell';
import { usePhone } from './state';

/** '/phone/hearing' is the summons' hearing page; everything else under /phone is a ticket. */
export function isHearingPath(pathname: string): boolean {
  return /^\/phone\/hearing\/?$/.test(pathname);
}

let Page = PhoneApp;

/** '/phone/t/<token>' → token (or null). */
export function tokenFrom(pathname: string): string | null {
  const m = /^\/phone\/t\/([^/?#]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

export function start(pathname: string): void {
  if (isHearingPath(pathname)) {
    Page = HearingPhone;
    startHearingPhone(location.search);
    return;
  }
  applyDocumentLang(usePhone.getState().lang);
  const token = tokenFrom(pathname);
  void usePhone.getState().loadSite();
  if (!token) {
    usePhone.setState({ notFound: true });
    return;
  }
  void usePhone.getState().refresh(token);
  // Live: every change on the public board fetches this ticket again (debounced); 30 s polling besides.
  wakeWhenVisible(bindPhoneLive(usePhone, token));
}

export function App() {
  return <Page />;
}

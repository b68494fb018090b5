import { applyDocumentLang } from '../../i18n';
import { bindPhoneLive } from '../../store/phone';
import { PhoneApp } from './PhoneApp';
import { usePhone } from './state';

/** '/phone/t/<token>' → token (or null). */
export function tokenFrom(pathname: string): string | null {
  const m = /^\/phone\/t\/([^/?#]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

export function start(pathname: string): void {
  applyDocumentLang(usePhone.getState().lang);
  const token = tokenFrom(pathname);
  void usePhone.getState().loadSite();
  if (!token) {
    usePhone.setState({ notFound: true });
    return;
  }
  void usePhone.getState().refresh(token);
  // Live: every change on the public board fetches this ticket again (debounced); 30 s polling besides.
  const follow = bindPhoneLive(usePhone, token);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') follow.wake();
  });
}

export const App = PhoneApp;

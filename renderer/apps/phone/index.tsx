import { applyDocumentLang } from '../../i18n';
import { PhoneApp } from './PhoneApp';
import { usePhone } from './state';

export const REFRESH_MS = 10_000;

/** '/phone/t/<token>' → token (or null). */
export function tokenFrom(pathname: string): string | null {
  const m = /^\/phone\/t\/([^/?#]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

let token: string | null = null;

export function start(pathname: string): void {
  applyDocumentLang(usePhone.getState().lang);
  token = tokenFrom(pathname);
  void usePhone.getState().loadSite();
  if (!token) {
    usePhone.setState({ notFound: true });
    return;
  }
  const t = token;
  void usePhone.getState().refresh(t);
  setInterval(() => {
    if (document.visibilityState !== 'hidden') void usePhone.getState().refresh(t);
  }, REFRESH_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void usePhone.getState().refresh(t);
  });
}

export const App = PhoneApp;

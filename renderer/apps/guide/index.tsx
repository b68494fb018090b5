import { LANGS, type Lang } from '../../i18n';
import { startManners } from '../../components/kiosk-manners';
import { GuideApp } from './GuideApp';
import { useGuide } from './state';

export function start(): void {
  startManners();
  // The kiosk hands over its language: /guide?lang=en.
  const asked = new URLSearchParams(location.search).get('lang');
  useGuide.getState().setLang((LANGS as readonly string[]).includes(asked ?? '') ? (asked as Lang) : 'zh-TW');
  const office = new URLSearchParams(location.search).get('office');
  void useGuide
    .getState()
    .load()
    .then(() => {
      if (office && useGuide.getState().guide?.content.offices.offices.some((o) => o.id === office)) useGuide.getState().selectOffice(office);
    });
}

export const App = GuideApp;

/** Shared by /guide, /hearings, /detainees until their issues land: a polite notice, no fake data. */
import { NoticePage } from '../components/NoticePage';
import { both, type StringKey } from '../i18n';
import { create } from 'zustand';
import { createCaller } from '../client/call';
import { createSiteApi } from '../features/site/api';
import { createSiteSlice, type SiteSlice } from '../features/site/slice';
import '../styles/notice.css';

export function makeNotYetAvailable(screenKey: StringKey | null, titleKey: StringKey = 'na.title') {
  // The notice's one store: the site's name only.
  const useStore = create<SiteSlice>()(createSiteSlice(createSiteApi(createCaller())));
  const start = () => {
    void useStore.getState().loadSite();
  };
  function App() {
    const site = useStore((s) => s.site);
    const screen = screenKey ? both(screenKey) : undefined;
    const title = both(titleKey);
    const text = both('na.text');
    return (
      <NoticePage site={site} titleZh={title.zh} titleEn={title.en} subtitle={screen} testId="not-available">
        <p className="notice-page__text notice-page__text--body" lang="zh-TW">
          {text.zh}
        </p>
        <p className="notice-page__text notice-page__text--body" lang="en">
          {text.en}
        </p>
      </NoticePage>
    );
  }
  return { start, App };
}

/** The language a citizen chose on a bilingual screen (the page's lang attribute follows). */
import type { StateCreator } from 'zustand';
import { applyDocumentLang, type Lang } from '../../i18n';

export interface LangSlice {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export function createLangSlice(initial: Lang = 'zh-TW'): StateCreator<LangSlice, [], [], LangSlice> {
  return (set) => ({
    lang: initial,
    setLang: (lang) => {
      applyDocumentLang(lang);
      set({ lang });
    },
  });
}

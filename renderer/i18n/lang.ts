export const LANGS = ['zh-TW', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 tag for `lang` attributes. */
export const LANG_TAG: Record<Lang, string> = { 'zh-TW': 'zh-TW', en: 'en' };

export function otherLang(lang: Lang): Lang {
  return lang === 'zh-TW' ? 'en' : 'zh-TW';
}

/** Best guess from a browser's language list (phones); kiosks and boards start in Chinese. */
export function guessLang(languages: readonly string[] | undefined): Lang {
  for (const l of languages ?? []) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return 'zh-TW';
    if (low.startsWith('en')) return 'en';
  }
  return 'zh-TW';
}

/** Keep <html lang> in step with the language in front of the reader. */
export function applyDocumentLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = LANG_TAG[lang];
}

import type { Lang } from '../i18n';

/** Two always-visible buttons, each labelled in its own language. */
export function LangToggle({ lang, onChange, className = '' }: { lang: Lang; onChange: (l: Lang) => void; className?: string }) {
  return (
    <div className={`lang-toggle ${className}`} role="group" aria-label="語言 Language" data-testid="lang-toggle">
      <button type="button" lang="zh-TW" aria-pressed={lang === 'zh-TW'} onClick={() => onChange('zh-TW')} data-testid="lang-zh">
        中文
      </button>
      <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => onChange('en')} data-testid="lang-en">
        English
      </button>
    </div>
  );
}

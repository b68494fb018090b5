/**
 * A tablet whose address names no counter of this site (/rate/9): says so in
 * both languages and lists the site's counters by the names on their signs and
 * the address each one's tablet opens, so an installer can correct it. Nothing
 * else: no credential, no prompt, no id that is not already on a sign.
 */
import type { PublicCounter } from '../../../core/contract';
import { Dual } from '../../components/Dual';
import { LANG_TAG, otherLang, type Lang } from '../../i18n';

export function UnknownCounter({ lang, counterKey, counters }: { lang: Lang; counterKey: string | null; counters: readonly PublicCounter[] }) {
  const other = otherLang(lang);
  return (
    <div className="rate-idle rate-unknown" data-testid="rate-unknown" role="alert">
      <span className="rate-unknown__mark" aria-hidden="true">
        ?
      </span>
      <h2 className="rate-idle__title">
        <Dual k="rate.unknownCounter" vars={{ key: counterKey ?? '' }} lang={lang} className="dual" primaryClass="rate-unknown__primary" secondaryClass="rate-unknown__secondary" />
      </h2>
      <Dual k="rate.unknownCounterHint" lang={lang} className="rate-unknown__hint" primaryClass="" secondaryClass="rate-unknown__hint-secondary" />
      <section className="rate-unknown__list" aria-labelledby="rate-counters-here">
        <h3 className="rate-unknown__list-title" id="rate-counters-here">
          <Dual k="rate.countersHere" lang={lang} className="dual dual--inline" primaryClass="" secondaryClass="rate-unknown__hint-secondary" />
        </h3>
        <ul className="rate-unknown__counters" data-testid="rate-unknown-counters">
          {counters.map((c) => (
            <li key={c.id} className="rate-unknown__counter">
              <span lang={LANG_TAG[lang]}>{lang === 'zh-TW' ? c.name.zh : c.name.en}</span>
              <span lang={LANG_TAG[other]} className="rate-unknown__hint-secondary">
                {lang === 'zh-TW' ? c.name.en : c.name.zh}
              </span>
              <span className="rate-unknown__path">/rate/{c.number}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

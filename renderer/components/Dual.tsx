import { LANG_TAG, otherLang, t, type Lang, type StringKey, type Vars } from '../i18n';

/**
 * One text in both languages: the reader's chosen language first and larger,
 * the other below it (bilingual everywhere a citizen looks).
 */
export function Dual(props: {
  k: StringKey;
  lang: Lang;
  vars?: Vars;
  className?: string;
  primaryClass?: string;
  secondaryClass?: string;
  testId?: string;
}) {
  const other = otherLang(props.lang);
  return (
    <span className={props.className ?? 'dual'} data-testid={props.testId}>
      <span lang={LANG_TAG[props.lang]} className={props.primaryClass ?? 'dual__primary'}>
        {t(props.lang, props.k, props.vars)}
      </span>
      <span lang={LANG_TAG[other]} className={props.secondaryClass ?? 'dual__secondary'}>
        {t(other, props.k, props.vars)}
      </span>
    </span>
  );
}

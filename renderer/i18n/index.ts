import { STRINGS, type StringKey, type Vars } from './strings';
import type { Lang } from './lang';

export * from './lang';
export * from './dates';
export type { StringKey, Vars } from './strings';
export { STRINGS } from './strings';

function interpolate(s: string, vars: Vars): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The text for `key` in `lang`. */
export function t(lang: Lang, key: StringKey, vars: Vars = {}): string {
  const entry = STRINGS[key][lang] as string | ((v: Vars) => string);
  return typeof entry === 'function' ? entry(vars) : interpolate(entry, vars);
}

/** Both languages at once (boards, kiosk headings). */
export function both(key: StringKey, vars: Vars = {}): { zh: string; en: string } {
  return { zh: t('zh-TW', key, vars), en: t('en', key, vars) };
}

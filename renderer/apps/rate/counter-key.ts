/**
 * Which counter a tablet's address names. Staff say a counter's number the way
 * they speak it — /rate/1, /rate/01, /rate/一, /rate/１ — or copy its id (c1) or
 * its name (1號櫃台, Counter 1); all of these name the same counter, resolved
 * against the site's own counters, never guessed.
 */
import type { PublicCounter } from '../../../core/contract';

/** The part of /rate/<key> after the screen's name, decoded; null when there is none. */
export function counterKeyFromPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'rate' || !parts[1]) return null;
  try {
    const key = decodeURIComponent(parts[1]).trim();
    return key.length > 0 && key.length <= 64 ? key : null;
  } catch {
    return null; // a broken %-escape names no counter
  }
}

const DIGIT: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 參: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100 };

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 一二 → 12 (read digit by digit); null when not a Chinese numeral. */
export function chineseNumeral(text: string): number | null {
  const chars = [...text];
  if (chars.length === 0 || !chars.every((c) => c in DIGIT || c in UNIT)) return null;
  if (!chars.some((c) => c in UNIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of chars) {
    const unit = UNIT[c];
    if (unit === undefined) {
      digit = DIGIT[c]!;
      continue;
    }
    // 十 alone (or leading) is ten: 十二 = 12.
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** The counter number a key says, if it says one: "1", "01", "１", "一", "第1", "1號", "一號櫃台", "Counter 1", "window-1". */
function numberSaid(key: string): number | null {
  const bare = key
    .toLowerCase()
    .replace(/^(第|no\.?|#)/, '')
    .replace(/(號|号)?(櫃台|櫃檯|柜台|窗口)?$/, '')
    .replace(/^(counter|window)[\s_-]*/, '')
    .replace(/(號|号)$/, '')
    .trim();
  if (/^[0-9]{1,4}$/.test(bare)) return Number(bare);
  return chineseNumeral(bare);
}

const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');

/** The site's counter a key names (its id, its number however written, or its name); null when none does. */
export function counterByKey<C extends Pick<PublicCounter, 'id' | 'number' | 'name'>>(counters: readonly C[], key: string | null): C | null {
  if (!key) return null;
  const plain = key.normalize('NFKC').trim();
  const byId = counters.find((c) => c.id === plain) ?? counters.find((c) => c.id.toLowerCase() === plain.toLowerCase());
  if (byId) return byId;
  const name = squash(plain);
  const byName = counters.find((c) => squash(c.name.zh) === name || squash(c.name.en) === name);
  if (byName) return byName;
  const n = numberSaid(plain);
  return n === null ? null : (counters.find((c) => c.number === n) ?? null);
}

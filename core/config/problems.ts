/**
 * A site file's problems as an installer reads them: every problem at once, each
 * naming its field (with the id of the item it is in) and saying, in Chinese and
 * in English, what is wrong and what is allowed there.
 */
import { z } from 'zod';

export interface SiteProblem {
  /** Where, as written in the file: `counters[0] (c1).number`. */
  field: string;
  zh: string;
  en: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const TYPE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '數字', en: 'a number' },
  int: { zh: '整數', en: 'a whole number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '清單 [ ]', en: 'a list [ ]' },
  object: { zh: '設定區塊 { }', en: 'a section { }' },
  null: { zh: 'null', en: 'null' },
  undefined: { zh: '（未填）', en: '(missing)' },
};
const typeName = (t: string) => TYPE_NAMES[t] ?? { zh: t, en: t };

function kindOf(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A value as the file shows it, cut short. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `counters[0] (c1).serviceIds[2]`: list items are named by their id when they have one. */
export function fieldName(raw: unknown, path: Path): string {
  if (path.length === 0) return '(the file itself)';
  let out = '';
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      out += `[${key}]`;
      const item = valueAt(raw, path.slice(0, i + 1));
      const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
      if (typeof id === 'string' && id.length <= 40) out += ` (${id})`;
    } else {
      out += `${out ? '.' : ''}${String(key)}`;
    }
  });
  return out;
}

/** The schema that describes `path` (through defaults, optionals, pipes and lists), or null where it cannot be followed. */
function schemaAt(schema: z.ZodType, path: Path): z.ZodType | null {
  let s: z.ZodType | null = schema;
  for (const key of path) {
    s = s && unwrap(s);
    if (!s) return null;
    if (s instanceof z.ZodObject && typeof key === 'string') s = (s.shape as Record<string, z.ZodType>)[key] ?? null;
    else if (s instanceof z.ZodArray && typeof key === 'number') s = s.element as z.ZodType;
    else return null;
  }
  return s && unwrap(s);
}

function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else break;
  }
  return s;
}

/** Edit distance, for "did you mean" on a misspelt setting. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function closest(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const a of allowed) {
    const d = distance(key, a);
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best;
}

/**
 * The Chinese of the messages the site's own checks write in English (schema.ts and the
 * device sections); a message not listed here is shown in English on both lines' place.
 */
const CUSTOM: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^ids are lower-case letters, digits and dashes$/, () => 'id 只能用小寫英文字母、數字與減號（-），且以字母或數字開頭'],
  [/^time as HH:MM$/, () => '時間請寫成 HH:MM（24 小時制，例如 08:30）'],
  [/^prefix (\S+) used twice$/, (m) => `號碼字首 ${m[1]} 用了兩次：每項服務的字首必須不同`],
  [/^sign ids must be unique$/, () => '看板的 id 不可重複'],
  [/^service ids must be unique$/, () => '服務項目的 id 不可重複'],
  [/^counter (\S+) serves unknown service (\S+)$/, (m) => `櫃台 ${m[1]} 服務的項目 ${m[2]} 不在 services 清單中`],
  [/^screen path (\S+) is listed twice/, (m) => `畫面路徑 ${m[1]} 重複列出（本機視窗或其他畫面已使用）`],
  [/^a screen path looks like/, () => '畫面路徑的寫法如 /calls 或 /hearings/r1'],
  [/^a screen path starts with a screen: (.*)$/, (m) => `畫面路徑必須以下列畫面之一開頭：${m[1]}`],
  [/^a hearings screen at a site without hearings/, () => '本機關未使用開庭功能（features.hearings），不可設定開庭進度畫面'],
  [/^sign (\S+) needs its "serial" section/, (m) => `看板 ${m[1]} 使用序列埠，須有 "serial" 區塊（path 或 USB ids）`],
  [/^give the port: "path"/, () => '請寫出連接埠："path"（/dev/ttyUSB0、COM3）或 USB ids（"vendorId"、"productId"、"serialNumber"）'],
  [/^give "devicePath"/, () => '請寫出 "devicePath"（/dev/usb/lp0）或 USB ids（"vendorId"、"productId"、"serialNumber"）'],
  [/^hearings are on \(features\.hearings\) but no courtrooms are listed$/, () => '已開啟開庭功能（features.hearings），但 courtrooms 沒有列出任何法庭'],
];

function customZh(message: string): string | null {
  for (const [re, zh] of CUSTOM) {
    const m = re.exec(message);
    if (m) return zh(m);
  }
  return null;
}

const SIZE_UNIT: Readonly<Record<string, { zh: string; en: (n: number) => string }>> = {
  string: { zh: '個字', en: (n) => (n === 1 ? 'character' : 'characters') },
  array: { zh: '項', en: (n) => (n === 1 ? 'item' : 'items') },
  set: { zh: '項', en: (n) => (n === 1 ? 'item' : 'items') },
};

function describe(issue: Issue, raw: unknown, schema: z.ZodType): { zh: string; en: string } {
  const value = valueAt(raw, issue.path);
  const now = { zh: value === undefined ? '（目前未填）' : `（目前是 ${shown(value)}）`, en: value === undefined ? ' (it is missing)' : ` (it is ${shown(value)})` };
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { zh: `缺少此欄位，請填入${typeName(issue.expected).zh}`, en: `is missing; give ${typeName(issue.expected).en}` };
      const want = typeName(issue.expected);
      const got = typeName(kindOf(value));
      return { zh: `應為${want.zh}，不是${got.zh}${now.zh}`, en: `must be ${want.en}, not ${got.en}${now.en}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => shown(v));
      return {
        zh: `只能是下列之一：${allowed.join('、')}${now.zh}`,
        en: `must be one of: ${allowed.join(', ')}${now.en}`,
      };
    }
    case 'unrecognized_keys': {
      const section = schemaAt(schema, issue.path);
      const allowed = section instanceof z.ZodObject ? Object.keys(section.shape as object) : [];
      const guesses = issue.keys.map((k) => closest(k, allowed)).filter((g): g is string => g !== null);
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      const hint = guesses.length ? { zh: `（是否要寫 ${guesses.join('、')}？）`, en: ` (did you mean ${guesses.join(', ')}?)` } : { zh: '', en: '' };
      const list = allowed.length ? { zh: `；此處可用的設定：${allowed.join('、')}`, en: `; the settings allowed here: ${allowed.join(', ')}` } : { zh: '', en: '' };
      return { zh: `不認得的設定 ${names}${hint.zh}${list.zh}`, en: `has an unknown setting ${names}${hint.en}${list.en}` };
    }
    case 'too_small':
    case 'too_big': {
      const n = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const unit = SIZE_UNIT[issue.origin];
      const small = issue.code === 'too_small';
      const inclusive = issue.inclusive !== false;
      if (unit) {
        return small
          ? { zh: `至少要有 ${n} ${unit.zh}${now.zh}`, en: `must have at least ${n} ${unit.en(n)}${now.en}` }
          : { zh: `最多 ${n} ${unit.zh}${now.zh}`, en: `may have at most ${n} ${unit.en(n)}${now.en}` };
      }
      const zhBound = small ? (inclusive ? `不可小於 ${n}` : `必須大於 ${n}`) : inclusive ? `不可大於 ${n}` : `必須小於 ${n}`;
      const enBound = small ? (inclusive ? `at least ${n}` : `more than ${n}`) : inclusive ? `at most ${n}` : `less than ${n}`;
      return { zh: `${zhBound}${now.zh}`, en: `must be ${enBound}${now.en}` };
    }
    case 'not_multiple_of':
      return { zh: `必須是 ${String(issue.divisor)} 的倍數${now.zh}`, en: `must be a multiple of ${String(issue.divisor)}${now.en}` };
    case 'invalid_format': {
      const zh = customZh(issue.message);
      if (zh) return { zh: `${zh}${now.zh}`, en: `${issue.message}${now.en}` };
      const pattern = issue.format === 'regex' && 'pattern' in issue ? ` ${String(issue.pattern)}` : ` (${issue.format})`;
      return { zh: `格式不符${pattern}${now.zh}`, en: `is not in the right form${pattern}${now.en}` };
    }
    case 'invalid_union': {
      // A section whose kind (driver, protocol) is not one of those allowed: the path ends at that field.
      const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]).map((o) => shown(o)) : null;
      if (options) return { zh: `只能是下列之一：${options.join('、')}${now.zh}`, en: `must be one of: ${options.join(', ')}${now.en}` };
      return { zh: `不符合此處允許的任何一種寫法${now.zh}`, en: `matches none of the forms allowed here${now.en}` };
    }
    case 'custom': {
      const zh = customZh(issue.message);
      return { zh: zh ?? `設定有誤（英文說明：${issue.message}）`, en: issue.message };
    }
    default:
      return { zh: `設定有誤（英文說明：${issue.message}）`, en: issue.message };
  }
}

/** Every issue zod found in `raw`, for people: a field and a sentence in each language. */
export function siteProblems(issues: readonly Issue[], raw: unknown, schema: z.ZodType): SiteProblem[] {
  return issues.map((issue) => ({ field: fieldName(raw, issue.path), ...describe(issue, raw, schema) }));
}

/** The report printed when a site file cannot start the lobby: a heading in both languages, then each problem numbered. */
export function problemsReport(source: string, problems: readonly SiteProblem[]): string {
  const n = problems.length;
  const lines = [
    `站台設定 ${source} 有 ${n} 個問題，請全部修正後再啟動：`,
    `Site configuration ${source} is not valid: ${n} ${n === 1 ? 'problem' : 'problems'} to fix before the lobby can start:`,
  ];
  problems.forEach((p, i) => {
    lines.push('', `${i + 1}. ${p.field}`, `   ${p.zh}`, `   ${p.en}`);
  });
  return lines.join('\n');
}

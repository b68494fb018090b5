/**
 * The guide editor's draft rules, apart from React: a section checked by the
 * contract's own schemas (the server runs the same ones), each problem told
 * in both languages at the field it belongs to, and the small list moves
 * (add, move, remove) the forms share.
 */
import {
  GUIDE_SECTION_SCHEMAS,
  guideContentSchema,
  type Bilingual,
  type GuideContent,
  type GuideFaq,
  type GuideOffice,
  type GuideOnline,
  type GuideProcedure,
  type GuideSection,
} from '../../../core/contract';

/** A section's value as the forms edit it. */
export type SectionValue<S extends GuideSection> = GuideContent[S];

/** One field's problem, both ways. */
export type FieldErrors = ReadonlyMap<string, Bilingual>;

export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** The schema's own words for its patterns, said to staff in both languages. */
const KNOWN: { test: (m: string) => RegExpMatchArray | boolean | null; say: (m: RegExpMatchArray | null) => Bilingual }[] = [
  {
    test: (m) => m.startsWith('an id is'),
    say: () => ({ zh: '代號只能用小寫英文字母、數字或 -（最多 40 字）', en: 'Lower-case letters, digits or dashes only (at most 40)' }),
  },
  {
    test: (m) => m.startsWith('digits, spaces'),
    say: () => ({ zh: '只能填數字、空格、-、()、#、轉或分機', en: 'Digits, spaces, -, (), #, 轉 or 分機 only' }),
  },
  { test: (m) => m === 'an http(s) address', say: () => ({ zh: '網址須以 http:// 或 https:// 開頭', en: 'An address starting with http:// or https://' }) },
  { test: (m) => m.match(/^duplicate id (.+)$/), say: (m) => ({ zh: `代號 ${m?.[1]} 已被使用`, en: `The ID ${m?.[1]} is already used` }) },
  { test: (m) => m.match(/^no office (.+)$/), say: (m) => ({ zh: `沒有代號為 ${m?.[1]} 的科室`, en: `There is no office ${m?.[1]}` }) },
  { test: (m) => m.match(/^no floor (.+)$/), say: (m) => ({ zh: `沒有代號為 ${m?.[1]} 的樓層`, en: `There is no floor ${m?.[1]}` }) },
];

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  expected?: string;
}

/** A zod issue as staff should read it. */
export function sayIssue(issue: Issue): Bilingual {
  for (const k of KNOWN) {
    const m = k.test(issue.message);
    if (m) return k.say(typeof m === 'boolean' ? null : m);
  }
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return min <= 1 ? { zh: '請填寫', en: 'Required' } : { zh: `至少 ${min} 個字`, en: `At least ${min} characters` };
      if (issue.origin === 'array') return { zh: `至少要有 ${min} 項`, en: min === 1 ? 'At least one item' : `At least ${min} items` };
      return { zh: `不可小於 ${min}`, en: `At least ${min}` };
    case 'too_big':
      if (issue.origin === 'string') return { zh: `最多 ${max} 個字`, en: `At most ${max} characters` };
      if (issue.origin === 'array') return { zh: `最多 ${max} 項`, en: `At most ${max} items` };
      return { zh: `不可大於 ${max}`, en: `At most ${max}` };
    case 'invalid_type':
      return issue.expected === 'number' ? { zh: '請填數字', en: 'Enter a number' } : { zh: '請填寫', en: 'Required' };
    case 'invalid_format':
      return issue.format === 'url' ? { zh: '不是有效的網址', en: 'Not a valid address' } : { zh: '格式不符', en: 'Not in the right form' };
    default:
      return { zh: `內容有誤：${issue.message}`, en: issue.message };
  }
}

/**
 * Every problem of a section's draft, keyed by its path inside the section
 * (`3.q.en`, `offices.2.door.x`): the section's schema first, then the whole
 * guide with this draft in it (duplicate ids, a step naming a missing office).
 * A problem the whole guide finds in another section is keyed by that
 * section's name first (`procedures.1.steps.0.officeId`).
 */
export function draftErrors<S extends GuideSection>(section: S, draft: SectionValue<S>, content: GuideContent): Map<string, Bilingual> {
  const out = new Map<string, Bilingual>();
  const add = (path: PropertyKey[], issue: Issue) => {
    const key = pathKey(path);
    if (!out.has(key)) out.set(key, sayIssue(issue));
  };
  const one = GUIDE_SECTION_SCHEMAS[section].safeParse(draft);
  if (!one.success) {
    for (const i of one.error.issues) add(i.path, i as Issue);
    return out;
  }
  const whole = guideContentSchema.safeParse({ ...content, [section]: one.data });
  if (!whole.success) {
    for (const i of whole.error.issues) add(i.path[0] === section ? i.path.slice(1) : i.path.map((p, n) => (n === 0 ? `@${String(p)}` : p)), i as Issue);
  }
  return out;
}

/** How many problems lie at or under `prefix` (an item's fields, say). */
export function errorsUnder(errors: FieldErrors, prefix: string): number {
  let n = 0;
  for (const k of errors.keys()) if (k === prefix || k.startsWith(`${prefix}.`)) n++;
  return n;
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
export const replaced = <T>(list: readonly T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));

/** An id no other item has: `base-2`, `base-3`… (ids are for links and tests; staff need not invent one). */
export function freshId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

export const emptyText = (): Bilingual => ({ zh: '', en: '' });

export function newFaq(list: readonly GuideFaq[]): GuideFaq {
  return { id: freshId(list.map((f) => f.id), 'faq'), q: emptyText(), a: emptyText() };
}

export function newOnline(list: readonly GuideOnline[]): GuideOnline {
  return { id: freshId(list.map((o) => o.id), 'online'), name: emptyText(), description: emptyText(), url: 'https://' };
}

export function newProcedure(list: readonly GuideProcedure[]): GuideProcedure {
  return { id: freshId(list.map((p) => p.id), 'procedure'), title: emptyText(), summary: emptyText(), bring: [], duration: emptyText(), steps: [{ text: emptyText() }] };
}

/** A new office on a floor: a modest box in the middle of it, its door at the bottom edge. */
export function newOffice(list: readonly GuideOffice[], floor: { id: string; width: number; height: number }): GuideOffice {
  const w = Math.min(240, Math.round(floor.width / 4));
  const h = Math.min(180, Math.round(floor.height / 4));
  const x = Math.round((floor.width - w) / 2);
  const y = Math.round((floor.height - h) / 2);
  return {
    id: freshId(list.map((o) => o.id), 'office'),
    name: emptyText(),
    floor: floor.id,
    x,
    y,
    w,
    h,
    door: { x: x + Math.round(w / 2), y: y + h },
    about: emptyText(),
    hours: emptyText(),
  };
}

/**
 * An office moved so its box is centred on a tapped point, kept inside the
 * floor; its door moves with it (the door is part of the room).
 */
export function officeCentredAt(office: GuideOffice, at: { x: number; y: number }, floor: { width: number; height: number }): GuideOffice {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(hi, v)));
  const x = clamp(at.x - office.w / 2, 0, Math.max(0, floor.width - office.w));
  const y = clamp(at.y - office.h / 2, 0, Math.max(0, floor.height - office.h));
  const dx = x - office.x;
  const dy = y - office.y;
  return { ...office, x, y, door: { x: clamp(office.door.x + dx, 0, floor.width), y: clamp(office.door.y + dy, 0, floor.height) } };
}

/** The procedure steps that send people to an office: removing it would leave them pointing nowhere. */
export function stepsUsing(procedures: readonly GuideProcedure[], officeId: string): { procedure: GuideProcedure; step: number }[] {
  return procedures.flatMap((procedure) => procedure.steps.flatMap((s, i) => (s.officeId === officeId ? [{ procedure, step: i + 1 }] : [])));
}

/** What the form holds, as the schema wants it: an optional field left blank is left out. */
export function tidy<S extends GuideSection>(section: S, draft: SectionValue<S>): SectionValue<S> {
  const blank = (s: string | undefined) => s === undefined || s.trim() === '';
  if (section === 'offices') {
    const v = draft as SectionValue<'offices'>;
    return { ...v, offices: v.offices.map(({ extension, ...o }) => (blank(extension) ? o : { ...o, extension })) } as SectionValue<S>;
  }
  if (section === 'procedures') {
    return (draft as SectionValue<'procedures'>).map((p) => ({
      ...p,
      steps: p.steps.map(({ officeId, minutes, bring, ...s }) => ({
        ...s,
        ...(blank(officeId) ? {} : { officeId }),
        ...(minutes === undefined || Number.isNaN(minutes) ? {} : { minutes }),
        ...(bring && bring.length ? { bring } : {}),
      })),
    })) as SectionValue<S>;
  }
  if (section === 'faq') {
    return (draft as SectionValue<'faq'>).map(({ topics, ...f }) => (topics && topics.length ? { ...f, topics } : f)) as SectionValue<S>;
  }
  return draft;
}

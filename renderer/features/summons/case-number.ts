/**
 * Case numbers and summonses as a citizen holds them: the three parts typed at
 * the kiosk, the whole number pasted, or the QR code on the summons. Checked
 * here so a typo costs no look-up (the server checks again).
 */
import { caseNumberSchema } from '../../../core/contract';

const CODE_RE = /^[A-Za-z0-9]{4,12}$/;

export interface SummonsRef {
  caseNumber: string;
  code: string;
}

/** A case number and summons code the server would accept (checked here so a typo costs no look-up). */
export function validSummons(caseNumber: string, code: string): SummonsRef | null {
  const c = caseNumberSchema.safeParse(caseNumber);
  const v = code.trim();
  if (!c.success || !CODE_RE.test(v)) return null;
  return { caseNumber: c.data, code: v };
}

/**
 * What a summons' QR code holds: the phone link (…/phone/hearing?c=<case>&v=<code>,
 * the case number percent-encoded so a keyboard-wedge scanner can type it) or,
 * on older summonses, "<case>|<code>". Null when it is neither.
 */
export function parseSummons(text: string): SummonsRef | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.startsWith('/')) {
    try {
      const url = new URL(trimmed, 'http://summons.invalid/');
      const c = url.searchParams.get('c');
      const v = url.searchParams.get('v');
      return c && v ? validSummons(c, v) : null;
    } catch {
      return null;
    }
  }
  const m = /^(.+?)\s*[|｜]\s*([A-Za-z0-9]+)$/.exec(trimmed);
  return m ? validSummons(m[1]!, m[2]!) : null;
}

/** The phone page's address for a summons (what the QR code on it carries). */
export function summonsPath(ref: SummonsRef): string {
  return `/phone/hearing?c=${encodeURIComponent(ref.caseNumber)}&v=${encodeURIComponent(ref.code)}`;
}

export interface CaseNumberParts {
  /** ROC year, e.g. 113 */
  year: string;
  /** Docket word, e.g. 偵 or 偵緝 */
  word: string;
  number: string;
}

/** The docket words a citizen is most likely to hold at a prosecutors office. */
export const DOCKET_WORDS = ['偵', '偵緝', '他', '調偵', '相', '核交', '執'] as const;

/** 113 + 偵 + 1234 → 113年度偵字第1234號 (typed digits are kept as typed, full-width ones made half-width). */
export function composeCaseNumber(p: CaseNumberParts): string {
  const digits = (s: string) => s.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return `${digits(p.year)}年度${p.word.trim()}字第${digits(p.number)}號`;
}

/** The reverse, for a case number pasted whole; null when it is not one. */
export function splitCaseNumber(caseNumber: string): CaseNumberParts | null {
  const m = /^(\d{2,3})年度([\p{Script=Han}]{1,8})字第(\d{1,7})號$/u.exec(caseNumber.trim());
  return m ? { year: m[1]!, word: m[2]!, number: m[3]! } : null;
}

/** The case number from either a whole one typed or pasted, or its three parts. */
export function caseNumberFrom(whole: string, parts: CaseNumberParts): string {
  const w = whole.trim();
  return w ? w : composeCaseNumber(parts);
}

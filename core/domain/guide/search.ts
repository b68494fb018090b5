/**
 * FAQ search for a kiosk: Chinese has no spaces between words, so Chinese
 * text is matched by character bigrams (and whole-substring hits rank
 * higher); English by case-insensitive words (with a crude plural/stem
 * fold). A question hit weighs more than an answer hit; the item's topics
 * (the words its kiosk chips show) weigh as much as its question.
 */
import type { GuideFaq } from '../../contract';

export interface FaqHit {
  id: string;
  score: number;
  q: GuideFaq['q'];
  a: GuideFaq['a'];
}

const HAN = /\p{Script=Han}/u;
const STOP = new Set(['a', 'an', 'the', 'i', 'my', 'me', 'do', 'can', 'how', 'what', 'is', 'are', 'to', 'of', 'for', 'in', 'on', 'and', 'or', 'it', 'when', 'where', 'who']);

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Runs of Han characters in the text. */
function hanRuns(s: string): string[] {
  return s.match(/\p{Script=Han}+/gu) ?? [];
}

/** Bigrams of each Han run (a single character stands alone). */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of hanRuns(s)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('es') && /(ch|sh|x|s)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export function words(s: string): string[] {
  return (fold(s).match(/[a-z0-9]+/g) ?? []).map(stem);
}

function scoreText(text: string, query: string, qBigrams: string[], qWords: string[]): number {
  const t = fold(text);
  let score = 0;
  const han = hanRuns(query).join('');
  // The whole Chinese query as written: the strongest sign.
  if (han.length >= 1 && t.includes(han)) score += 4 + han.length;
  if (qBigrams.length) {
    const mine = new Set(bigrams(t));
    const hit = qBigrams.filter((b) => mine.has(b) || (b.length === 1 && t.includes(b))).length;
    score += (hit / qBigrams.length) * 4 * (hit > 0 ? 1 : 0);
  }
  if (qWords.length) {
    const mine = new Set(words(t));
    const hit = qWords.filter((w) => mine.has(w) || (w.length >= 4 && [...mine].some((m) => m.startsWith(w)))).length;
    score += (hit / qWords.length) * 4;
    const phrase = fold(query).replace(/[^a-z0-9 ]+/g, ' ').trim();
    if (phrase.includes(' ') && t.includes(phrase)) score += 3;
  }
  return score;
}

/** Ranked hits (best first); an empty list when nothing matches. */
export function searchFaq(faq: readonly GuideFaq[], query: string, limit = 10): FaqHit[] {
  const q = query.normalize('NFKC').trim().slice(0, 100);
  if (!q) return [];
  const qBigrams = [...new Set(bigrams(q))];
  const allWords = [...new Set(words(q))];
  const content = allWords.filter((w) => !STOP.has(w));
  const qWords = content.length ? content : allWords;
  if (!qBigrams.length && !qWords.length) return [];
  const hits: FaqHit[] = [];
  faq.forEach((f, i) => {
    const topics = f.topics ?? [];
    const score =
      2 * scoreText(f.q.zh, q, qBigrams, []) +
      scoreText(f.a.zh, q, qBigrams, []) +
      2 * scoreText(f.q.en, q, [], qWords) +
      scoreText(f.a.en, q, [], qWords) +
      (topics.length ? 2 * scoreText(topics.map((t) => t.zh).join('、'), q, qBigrams, []) + 2 * scoreText(topics.map((t) => t.en).join(', '), q, [], qWords) : 0);
    // A tiny tie-breaker keeps the site's own order among equals.
    if (score > 0.5) hits.push({ id: f.id, score: Math.round((score - i * 1e-4) * 1000) / 1000, q: f.q, a: f.a });
  });
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

export const isHan = (s: string) => HAN.test(s);

/**
 * FAQ topics: the short words the kiosk shows as tap chips, so a question is
 * found without typing (a touch kiosk has no keyboard and no Chinese input).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideFaqSchema } from '../../../../core/contract';
import { assetsDir } from '../../../../core/config/load';
import { loadGuideFile } from '../../../../core/domain/guide/guide';
import { searchFaq } from '../../../../core/domain/guide/search';

const SITES = ['taitung-prosecutors', 'hualien-prison'] as const;
const faqOf = (id: string) => loadGuideFile(join(assetsDir(), 'sites', id, 'guide', 'guide.json')).faq;

describe('FAQ topics', () => {
  it.each(SITES)('every question at %s has a topic, and the topics fit on a kiosk screen (≤ 10 chips)', (id) => {
    const faq = faqOf(id);
    for (const f of faq) expect(f.topics?.length, f.id).toBeGreaterThan(0);
    const distinct = new Set(faq.flatMap((f) => f.topics ?? []).map((t) => t.zh));
    expect(distinct.size).toBeGreaterThanOrEqual(4);
    expect(distinct.size).toBeLessThanOrEqual(10);
  });

  it('a topic is found by search in either language, as its question would be', () => {
    const faq = faqOf('taitung-prosecutors');
    expect(searchFaq(faq, '文件').map((h) => h.id)).toEqual(expect.arrayContaining(['extra-copy', 'death-certificate', 'bail-lost-receipt']));
    expect(searchFaq(faq, 'documents').map((h) => h.id)).toEqual(expect.arrayContaining(['extra-copy', 'death-certificate', 'bail-lost-receipt']));
    expect(searchFaq(faqOf('hualien-prison'), 'booking')[0]!.id).toMatch(/visit-booking|remote-visit/);
  });

  it('topics are optional, short and bilingual', () => {
    expect(guideFaqSchema.safeParse({ id: 'x', q: { zh: '問', en: 'Q' }, a: { zh: '答', en: 'A' } }).success).toBe(true);
    expect(guideFaqSchema.safeParse({ id: 'x', q: { zh: '問', en: 'Q' }, a: { zh: '答', en: 'A' }, topics: [{ zh: '停車' }] }).success).toBe(false);
    expect(guideFaqSchema.safeParse({ id: 'x', q: { zh: '問', en: 'Q' }, a: { zh: '答', en: 'A' }, topics: [{ zh: '停'.repeat(17), en: 'P' }] }).success).toBe(false);
  });
});

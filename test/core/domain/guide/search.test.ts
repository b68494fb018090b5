import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../../../core/config/load';
import { loadGuideFile } from '../../../../core/domain/guide/guide';
import { bigrams, searchFaq } from '../../../../core/domain/guide/search';

const taitung = loadGuideFile(join(assetsDir(), 'sites', 'taitung-prosecutors', 'guide', 'guide.json')).faq;
const hualien = loadGuideFile(join(assetsDir(), 'sites', 'hualien-prison', 'guide', 'guide.json')).faq;

describe('guide FAQ search', () => {
  it('splits Chinese into character bigrams (no spaces needed)', () => {
    expect(bigrams('保證金')).toEqual(['保證', '證金']);
    expect(bigrams('領回 保證金?')).toEqual(['領回', '保證', '證金']);
    expect(bigrams('錢')).toEqual(['錢']);
  });

  it('finds Chinese questions by a word inside a sentence, best match first', () => {
    const hits = searchFaq(taitung, '保證金');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.slice(0, 2).map((h) => h.id).sort()).toEqual(['bail-lost-receipt', 'bail-refund']);
    // every hit mentions it; the ranking is strictly by score
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(searchFaq(taitung, '怎麼領回保證金')[0]!.id).toBe('bail-refund');
    expect(searchFaq(taitung, '社會勞動')[0]!.id).toBe('community-service');
    expect(searchFaq(hualien, '遠距接見')[0]!.id).toBe('remote-visit');
  });

  it('finds English case-insensitively by words, ignoring filler words and plurals', () => {
    expect(searchFaq(taitung, 'BAIL')[0]!.id).toMatch(/^bail-/);
    expect(searchFaq(taitung, 'how do I get my bail back')[0]!.id).toBe('bail-refund');
    expect(searchFaq(hualien, 'remote visits')[0]!.id).toBe('remote-visit');
    expect(searchFaq(hualien, 'Parking')[0]!.id).toBe('parking');
  });

  it('returns nothing for nothing, or for text that matches nothing', () => {
    expect(searchFaq(taitung, '')).toEqual([]);
    expect(searchFaq(taitung, '   ')).toEqual([]);
    expect(searchFaq(taitung, '量子電腦')).toEqual([]);
    expect(searchFaq(taitung, 'xylophone')).toEqual([]);
    expect(searchFaq(taitung, '<script>alert(1)</script>')).toEqual([]);
  });
});

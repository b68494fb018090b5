/**
 * The staff guide editor's rules, apart from the browser: each problem the
 * contract's schemas find is told at its field in Chinese and English; a tap
 * on the floor map places an office (door and all) inside the floor; a blank
 * optional field is left out before saving.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../core/config/load';
import { loadGuideFile } from '../../core/domain/guide/guide';
import { draftErrors, errorsUnder, freshId, move, newFaq, newOffice, officeCentredAt, sayIssue, stepsUsing, tidy } from '../../renderer/apps/staff/guideDraft';

const content = loadGuideFile(join(assetsDir(), 'sites', 'taitung-prosecutors', 'guide', 'guide.json'));

describe('guide editor: problems at their fields, both languages', () => {
  it('a blank, a too-long and a badly formed field each say so in zh and en', () => {
    const faq = structuredClone(content.faq);
    faq[0]!.q.en = '   ';
    faq[1]!.a.zh = '長'.repeat(1201);
    faq[2]!.id = 'Bad ID';
    const errors = draftErrors('faq', faq, content);
    expect(errors.get('0.q.en')).toEqual({ zh: '請填寫', en: 'Required' });
    expect(errors.get('1.a.zh')).toEqual({ zh: '最多 1200 個字', en: 'At most 1200 characters' });
    expect(errors.get('2.id')).toEqual({ zh: '代號只能用小寫英文字母、數字或 -（最多 40 字）', en: 'Lower-case letters, digits or dashes only (at most 40)' });
    expect(errorsUnder(errors, '0')).toBe(1);
    expect(errorsUnder(errors, '3')).toBe(0);
  });

  it('the whole guide is checked too: a duplicate id, and an office id a procedure step still names', () => {
    const faq = [...content.faq, { ...content.faq[0]! }];
    expect(draftErrors('faq', faq, content).get(`${faq.length - 1}.id`)).toEqual({ zh: '代號 bail-refund 已被使用', en: 'The ID bail-refund is already used' });
    const offices = { ...content.offices, offices: content.offices.offices.map((o) => (o.id === 'cashier' ? { ...o, id: 'cashier-desk' } : o)) };
    const errors = draftErrors('offices', offices, content);
    const [key, said] = [...errors].find(([k]) => k.startsWith('@procedures'))!;
    expect(key).toMatch(/^@procedures\.\d+\.steps\.\d+\.officeId$/);
    expect(said).toEqual({ zh: '沒有代號為 cashier 的科室', en: 'There is no office cashier' });
  });

  it('numbers: blank, out of range; a URL that is not http(s)', () => {
    const offices = structuredClone(content.offices);
    offices.offices[0]!.x = Number.NaN;
    offices.offices[0]!.w = 5;
    const errors = draftErrors('offices', offices, content);
    expect(errors.get('offices.0.x')).toEqual({ zh: '請填數字', en: 'Enter a number' });
    expect(errors.get('offices.0.w')).toEqual({ zh: '不可小於 10', en: 'At least 10' });
    const online = structuredClone(content.online);
    online[0]!.url = 'ftp://files.example';
    expect(draftErrors('online', online, content).get('0.url')).toEqual({ zh: '網址須以 http:// 或 https:// 開頭', en: 'An address starting with http:// or https://' });
  });

  it('an unknown issue still reads in both languages, its own words kept', () => {
    expect(sayIssue({ code: 'whatever', path: [], message: 'odd' })).toEqual({ zh: '內容有誤：odd', en: 'odd' });
  });
});

describe('guide editor: placing and listing', () => {
  const floor = { id: '3f', width: 1000, height: 600 };

  it('a tap centres the office on it, its door moving with it, never outside the floor', () => {
    const office = { ...content.offices.offices.find((o) => o.id === 'volunteer-desk')! };
    const moved = officeCentredAt(office, { x: 160, y: 450 }, floor);
    expect([moved.x, moved.y]).toEqual([60, 360]);
    expect(moved.door).toEqual({ x: office.door.x + (60 - office.x), y: office.door.y + (360 - office.y) });
    const corner = officeCentredAt(office, { x: 990, y: 590 }, floor);
    expect(corner.x + corner.w).toBeLessThanOrEqual(1000);
    expect(corner.y + corner.h).toBeLessThanOrEqual(600);
  });

  it('a new office sits on the floor with a door on its edge; new ids are free ones', () => {
    const o = newOffice(content.offices.offices, floor);
    expect(o.floor).toBe('3f');
    expect(o.door.y).toBe(o.y + o.h);
    expect(freshId(['faq-1', 'faq-2'], 'faq')).toBe('faq-3');
    expect(newFaq(content.faq).id).toBe('faq-1');
  });

  it('moves stay in the list; the steps naming an office are found', () => {
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(stepsUsing(content.procedures, 'documents-section').map((u) => [u.procedure.id, u.step])).toEqual([['extra-documents', 3]]);
  });

  it('blank optional fields are left out before saving', () => {
    const offices = structuredClone(content.offices);
    offices.offices[0]!.extension = '  ';
    expect('extension' in tidy('offices', offices).offices[0]!).toBe(false);
    const faq = [{ ...newFaq([]), topics: [] }];
    expect('topics' in tidy('faq', faq)[0]!).toBe(false);
    const procedures = structuredClone(content.procedures);
    procedures[0]!.steps[0] = { text: { zh: '甲', en: 'a' }, officeId: '', minutes: Number.NaN, bring: [] };
    expect(tidy('procedures', procedures)[0]!.steps[0]).toEqual({ text: { zh: '甲', en: 'a' } });
  });
});

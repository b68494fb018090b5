import { describe, expect, it } from 'vitest';
import {
  both,
  datePartsIn,
  formatDate,
  formatDateTime,
  formatRocDate,
  formatTime,
  guessLang,
  rocYear,
  t,
} from '../../renderer/i18n';

describe('ROC dates', () => {
  // 2026-11-26 14:05 in Taipei (UTC+8)
  const instant = new Date('2026-11-26T06:05:00Z');

  it('formats the ROC date and time in Asia/Taipei', () => {
    expect(formatRocDate(instant)).toBe('民國115年11月26日');
    expect(formatDateTime(instant, 'zh-TW')).toBe('民國115年11月26日 14:05');
  });

  it('formats the Gregorian date in English', () => {
    expect(formatDateTime(instant, 'en')).toBe('26 Nov 2026 14:05');
    expect(formatDate(instant, 'en', undefined, { weekday: true })).toBe('Thursday, 26 November 2026');
  });

  it('adds the weekday in Chinese', () => {
    expect(formatDate(instant, 'zh-TW', undefined, { weekday: true })).toBe('民國115年11月26日（星期四）');
  });

  it('uses the site time zone, not the machine one, across midnight and the new year', () => {
    const newYear = new Date('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Taipei
    expect(formatDateTime(newYear, 'zh-TW', 'Asia/Taipei')).toBe('民國116年1月1日 00:30');
    expect(formatDateTime(newYear, 'zh-TW', 'UTC')).toBe('民國115年12月31日 16:30');
    expect(formatTime(newYear, 'Asia/Taipei', true)).toBe('00:30:00');
  });

  it('accepts ISO strings with an offset', () => {
    expect(formatDateTime('2026-11-26T09:07:00+08:00', 'zh-TW')).toBe('民國115年11月26日 09:07');
    expect(datePartsIn('2026-11-26T00:00:00+08:00').hour).toBe(0);
  });

  it('handles the first ROC years', () => {
    expect(rocYear(1912)).toBe('民國1年');
    expect(rocYear(1911)).toBe('民國前1年');
    expect(rocYear(2026)).toBe('民國115年');
  });
});

describe('t()', () => {
  it('interpolates and pluralises', () => {
    expect(t('zh-TW', 'common.counter', { n: 3 })).toBe('3 號櫃台');
    expect(t('en', 'common.counter', { n: 3 })).toBe('Counter 3');
    expect(t('en', 'kiosk.ahead', { n: 0 })).toBe('You are next');
    expect(t('en', 'kiosk.ahead', { n: 1 })).toBe('1 person ahead of you');
    expect(t('en', 'kiosk.ahead', { n: 4 })).toBe('4 people ahead of you');
    expect(t('zh-TW', 'kiosk.ahead', { n: 4 })).toBe('前面還有 4 人');
  });

  it('gives both languages for boards', () => {
    expect(both('calls.nowCalling')).toEqual({ zh: '現在叫號', en: 'Now calling' });
    expect(both('common.askDesk')).toEqual({ zh: '請洽服務台', en: 'Please ask at the information desk' });
  });

  it('guesses a phone language', () => {
    expect(guessLang(['en-US', 'zh-TW'])).toBe('en');
    expect(guessLang(['zh-Hant-TW'])).toBe('zh-TW');
    expect(guessLang(['fr-FR'])).toBe('zh-TW');
  });
});

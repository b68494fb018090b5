import { describe, expect, it } from 'vitest';
import { formatDay, formatDayRange } from '../../renderer/i18n';

describe('calendar days for people', () => {
  it('a server day reads as the ROC date in Chinese and the Gregorian in English, never shifted by the browser', () => {
    expect(formatDay('2026-12-07', 'zh-TW')).toBe('民國115年12月7日');
    expect(formatDay('2026-12-07', 'en')).toBe('7 December 2026');
    expect(formatDay('2026-12-07', 'zh-TW', { weekday: true })).toBe('民國115年12月7日（星期一）');
    expect(formatDay('2027-01-01', 'en', { weekday: true })).toBe('Friday, 1 January 2027');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('a range names its year and month once where they repeat', () => {
    expect(formatDayRange('2026-12-01', '2026-12-31', 'zh-TW')).toBe('民國115年12月1日至31日');
    expect(formatDayRange('2026-12-01', '2026-12-31', 'en')).toBe('1–31 December 2026');
    expect(formatDayRange('2026-11-15', '2026-12-14', 'zh-TW')).toBe('民國115年11月15日至12月14日');
    expect(formatDayRange('2026-12-15', '2027-01-14', 'zh-TW')).toBe('民國115年12月15日至民國116年1月14日');
    expect(formatDayRange('2026-11-15', '2026-12-14', 'en')).toBe('15 November 2026 – 14 December 2026');
    expect(formatDayRange('2026-12-07', '2026-12-07', 'en')).toBe('7 December 2026');
  });
});

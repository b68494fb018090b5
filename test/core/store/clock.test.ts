import { describe, expect, it } from 'vitest';
import { addDays, localDay, localIso, manualClock, rocDateTime } from '../../../core/store/clock';

describe('clock in Asia/Taipei', () => {
  it('changes day at local midnight, not UTC midnight', () => {
    // 2026-11-26 15:59:59Z is 23:59:59 in Taipei; one second later it is the 27th there.
    expect(localDay(Date.parse('2026-11-26T15:59:59Z'), 'Asia/Taipei')).toBe('2026-11-26');
    expect(localDay(Date.parse('2026-11-26T16:00:00Z'), 'Asia/Taipei')).toBe('2026-11-27');
  });

  it('formats the ROC calendar citizens read', () => {
    expect(rocDateTime(Date.parse('2026-11-26T06:05:00Z'), 'Asia/Taipei')).toBe('民國115年11月26日 14:05');
  });

  it('writes ISO times with the +08:00 offset', () => {
    expect(localIso(Date.parse('2026-11-26T06:05:09Z'), 'Asia/Taipei')).toBe('2026-11-26T14:05:09+08:00');
  });

  it('a manual clock moves only when told', () => {
    const c = manualClock('2026-11-26T00:00:00Z');
    const t0 = c.now();
    c.advance(1500);
    expect(c.now() - t0).toBe(1500);
  });
});

describe('calendar days', () => {
  it('adds days across months, years and a leap day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-26', -400)).toBe('2025-10-22');
  });
});

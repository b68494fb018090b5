import { describe, expect, it, vi } from 'vitest';
import type { StatsReport } from '../../core/contract';
import { bandScale, formatValue, labelEvery, linearScale, niceStep, niceTicks } from '../../renderer/components/charts/scale';
import { createStaffStore } from '../../renderer/apps/staff/store';
import { currentMonth, fillDays, monthOf, monthRange, rangeProblem, statsCsvUrl } from '../../renderer/features/stats/range';

describe('chart scales and ticks', () => {
  it('nice steps are 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(100, 4)).toBe(25);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.9, 3)).toBeCloseTo(0.5);
    expect(niceStep(0)).toBe(1);
  });

  it('ticks start at 0 and reach at least the maximum', () => {
    expect(niceTicks(10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(37, 4)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(5, 4).at(-1)).toBeGreaterThanOrEqual(5);
    expect(niceTicks(0, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('counts get whole-number ticks, even for tiny maxima', () => {
    expect(niceTicks(1, 4, true)).toEqual([0, 1]);
    expect(niceTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(9, 4, true).every(Number.isInteger)).toBe(true);
    expect(niceTicks(0, 4, true)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a linear scale maps the domain onto the range (inverted for SVG y)', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(5)).toBe(100);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(0);
  });

  it('bands split the width evenly with padding', () => {
    const b = bandScale(4, [0, 400], 0.5);
    expect(b.step).toBe(100);
    expect(b.width).toBe(50);
    expect(b.start(0)).toBe(25);
    expect(b.center(3)).toBe(350);
    expect(bandScale(0, [0, 100]).step).toBe(100);
  });

  it('labels thin out when bands are narrow', () => {
    expect(labelEvery(50, 44)).toBe(1);
    expect(labelEvery(20, 44)).toBe(3);
    expect(labelEvery(0, 44)).toBe(1);
  });

  it('values: integers plain, others one decimal, none as a dash', () => {
    expect(formatValue(4)).toBe('4');
    expect(formatValue(4.25)).toBe('4.3');
    expect(formatValue(4.256, 2)).toBe('4.26');
    expect(formatValue(null)).toBe('—');
  });
});

describe('months and ranges', () => {
  it('a month is its first to last day (leap years included)', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('')).toBeNull();
  });

  it('this month is the site’s month (Taipei is ahead of UTC)', () => {
    const utcLastDay = Date.parse('2026-11-30T17:00:00Z'); // 2026-12-01 01:00 in Taipei
    expect(currentMonth(utcLastDay, 'Asia/Taipei')).toBe('2026-12');
    expect(currentMonth(utcLastDay, 'UTC')).toBe('2026-11');
  });

  it('a range that is a whole month shows as that month; others as custom', () => {
    expect(monthOf({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11');
    expect(monthOf({ from: '2026-11-01', to: '2026-11-15' })).toBe('');
  });

  it('refuses the ranges the server refuses', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(rangeProblem({ from: '2026-11-30', to: '2026-11-01' })?.en).toMatch(/after/);
    expect(rangeProblem({ from: '', to: '2026-11-01' })?.en).toMatch(/both/);
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })?.en).toMatch(/both/);
    expect(rangeProblem({ from: '2024-01-01', to: '2026-01-01' })?.en).toMatch(/year/);
  });

  it('the CSV link carries the same range', () => {
    expect(statsCsvUrl({ from: '2026-11-01', to: '2026-11-30' })).toBe('/api/staff/stats.csv?from=2026-11-01&to=2026-11-30');
  });
});

describe('the statistics tab’s slice', () => {
  const report: StatsReport = {
    from: '2026-11-01',
    to: '2026-11-30',
    totals: { tickets: 3, served: 2, noShows: 1, ratings: 1, averageScore: 5 },
    perDay: [],
    perHour: [],
    byService: [],
    byCounter: [],
    scoreDistribution: [0, 0, 0, 0, 1],
    reasons: [],
  };

  it('starts on this month and loads it; a new valid range loads again; an invalid one does not', async () => {
    const urls: string[] = [];
    const fetch = vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(report), { status: 200 });
    });
    const store = createStaffStore({ fetch });
    await store.getState().openStats('Asia/Taipei', Date.parse('2026-11-26T06:00:00Z'));
    expect(store.getState().statsRange).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(store.getState().statsReport?.totals.tickets).toBe(3);
    store.getState().setStatsRange({ from: '2026-11-30', to: '2026-11-01' });
    store.getState().setStatsRange({ from: '2026-10-01', to: '2026-10-31' });
    await vi.waitFor(() => expect(store.getState().statsLoading).toBe(false));
    expect(urls).toEqual(['/api/staff/stats?from=2026-11-01&to=2026-11-30', '/api/staff/stats?from=2026-10-01&to=2026-10-31']);
  });

  it('shows the server’s message when refused', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: 'forbidden', message: 'Not allowed' }), { status: 403 }));
    const store = createStaffStore({ fetch });
    await store.getState().loadStats();
    expect(store.getState().statsError).toBe('Not allowed');
  });
});

describe('every day of the range', () => {
  it('fills the days the server left out with zeros, in order', () => {
    const rows = [{ day: '2026-11-02', n: 3 }];
    const filled = fillDays({ from: '2026-10-31', to: '2026-11-03' }, rows, (day) => ({ day, n: 0 }));
    expect(filled).toEqual([
      { day: '2026-10-31', n: 0 },
      { day: '2026-11-01', n: 0 },
      { day: '2026-11-02', n: 3 },
      { day: '2026-11-03', n: 0 },
    ]);
    expect(fillDays({ from: '2026-01-01', to: '2026-12-31' }, [], (day) => ({ day })).length).toBe(365);
  });
});

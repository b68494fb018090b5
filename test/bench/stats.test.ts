import { describe, expect, it } from 'vitest';
import { percentile, summary } from './stats';

describe('benchmark statistics', () => {
  it('uses nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(summary([5, 1, 3])).toEqual({ n: 3, median: 3, p99: 5, max: 5 });
  });
});

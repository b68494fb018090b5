import { describe, expect, it } from 'vitest';
import { chooseNext, type ServiceHeads } from '../../../core/domain/queue/ordering';
import { estimateWaitMinutes } from '../../../core/domain/queue/estimates';
import { isOpen } from '../../../core/domain/queue/hours';

const MIN = 60_000;
const rules = { priorityEvery: 2, agingMs: 20 * MIN };
const heads = (normal: number | null, priority: number | null, waited = { n: MIN, p: MIN }): ServiceHeads[] => [
  { serviceId: 's', normal: normal === null ? null : { id: normal, waitedMs: waited.n }, priority: priority === null ? null : { id: priority, waitedMs: waited.p } },
];

describe('chooseNext', () => {
  it('calls one priority ticket after every N normal ones', () => {
    expect(chooseNext(heads(1, 9), 0, rules)).toMatchObject({ id: 1, priority: false });
    expect(chooseNext(heads(1, 9), 1, rules)).toMatchObject({ id: 1, priority: false });
    expect(chooseNext(heads(1, 9), 2, rules)).toMatchObject({ id: 9, priority: true });
  });

  it('priorityEvery 0 means priority always first', () => {
    expect(chooseNext(heads(1, 9), 0, { ...rules, priorityEvery: 0 })).toMatchObject({ id: 9, priority: true });
  });

  it('a normal ticket that has waited past the ageing limit goes before a due priority ticket', () => {
    expect(chooseNext(heads(1, 9, { n: 25 * MIN, p: 2 * MIN }), 5, { ...rules, priorityEvery: 0 })).toMatchObject({ id: 1, priority: false });
    // …but not before a priority ticket that has waited even longer.
    expect(chooseNext(heads(1, 9, { n: 25 * MIN, p: 30 * MIN }), 5, rules)).toMatchObject({ id: 9, priority: true });
  });

  it('takes whichever line has someone, in the counter\'s order of preference', () => {
    const h: ServiceHeads[] = [
      { serviceId: 'first', normal: null, priority: null },
      { serviceId: 'second', normal: { id: 5, waitedMs: 0 }, priority: null },
      { serviceId: 'third', normal: { id: 6, waitedMs: 19 * MIN }, priority: null },
    ];
    expect(chooseNext(h, 0, rules)).toEqual({ id: 5, serviceId: 'second', priority: false });
    expect(chooseNext([], 0, rules)).toBeNull();
    expect(chooseNext(heads(null, 9), 0, rules)).toMatchObject({ id: 9, priority: true });
  });

  it('past the ageing limit, the longest-waiting ticket of any of the counter\'s lines goes first, priority ones too', () => {
    const h: ServiceHeads[] = [
      { serviceId: 'first', normal: { id: 1, waitedMs: 2 * MIN }, priority: { id: 2, waitedMs: 21 * MIN } },
      { serviceId: 'second', normal: { id: 3, waitedMs: 25 * MIN }, priority: null },
      { serviceId: 'third', normal: { id: 4, waitedMs: 99 * MIN }, priority: null },
    ];
    expect(chooseNext(h, 0, rules)).toEqual({ id: 4, serviceId: 'third', priority: false });
    expect(chooseNext(h.slice(0, 2), 0, rules)).toEqual({ id: 3, serviceId: 'second', priority: false });
    // A 博愛 ticket past the limit goes before a preferred service's line, even when no priority call is due.
    expect(chooseNext(h.slice(0, 1), 0, rules)).toEqual({ id: 2, serviceId: 'first', priority: true });
    // Equal waits: the counter's preferred service first.
    const tie: ServiceHeads[] = [
      { serviceId: 'first', normal: null, priority: null },
      { serviceId: 'second', normal: { id: 5, waitedMs: 30 * MIN }, priority: null },
      { serviceId: 'third', normal: { id: 6, waitedMs: 30 * MIN }, priority: null },
    ];
    expect(chooseNext(tie, 0, rules)).toMatchObject({ id: 5 });
  });
});

describe('estimated wait', () => {
  it('is people ahead × median service time ÷ counters, and null without history', () => {
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN, 5 * MIN], 4, 2)).toBe(10);
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN], 4, 2)).toBeNull();
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN, 5 * MIN], 0, 1)).toBe(0);
  });
});

describe('opening hours (Asia/Taipei)', () => {
  const weekdays = [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:00' }];
  it('opens at from, closes at to, on the listed ISO weekdays', () => {
    // 2026-11-26 is a Thursday.
    expect(isOpen(weekdays, Date.parse('2026-11-26T00:29:00Z'), 'Asia/Taipei')).toBe(false); // 08:29
    expect(isOpen(weekdays, Date.parse('2026-11-26T00:30:00Z'), 'Asia/Taipei')).toBe(true); // 08:30
    expect(isOpen(weekdays, Date.parse('2026-11-26T08:59:00Z'), 'Asia/Taipei')).toBe(true); // 16:59
    expect(isOpen(weekdays, Date.parse('2026-11-26T09:00:00Z'), 'Asia/Taipei')).toBe(false); // 17:00
    expect(isOpen(weekdays, Date.parse('2026-11-28T02:00:00Z'), 'Asia/Taipei')).toBe(false); // Saturday 10:00
    expect(isOpen(null, Date.parse('2026-11-28T02:00:00Z'), 'Asia/Taipei')).toBe(true);
  });
});

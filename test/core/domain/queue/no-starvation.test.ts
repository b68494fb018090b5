/**
 * Nobody starves across services: at every call, no ticket the counter could
 * call has waited past the site's ageing limit longer than the ticket it calls.
 * Random sites (services, counters serving random mixes in random orders of
 * preference, ordering rules) and random days (arrivals, 博愛 tickets, calls),
 * replayable by seed.
 */
import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { createQueue, type QueueSite } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';
import { seededRandom } from '../../../helpers/random';

const MIN = 60_000;
const base = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));

function randomSite(random: () => number): QueueSite {
  const pick = (n: number) => Math.floor(random() * n);
  const services = base.services.slice(0, 2 + pick(3)).map((s) => ({ ...s, hours: null }));
  const counters = Array.from({ length: 1 + pick(3) }, (_, i) => {
    const shuffled = [...services].sort(() => random() - 0.5);
    return { id: `c${i + 1}`, number: i + 1, name: { zh: `${i + 1}號`, en: `Counter ${i + 1}` }, serviceIds: shuffled.slice(0, 1 + pick(services.length)).map((s) => s.id) };
  });
  // Every service is served somewhere (a service nobody serves waits for ever, by configuration).
  for (const s of services) if (!counters.some((c) => c.serviceIds.includes(s.id))) counters[pick(counters.length)]!.serviceIds.push(s.id);
  return { ...base, services, counters, rules: { priorityEvery: pick(4), agingMinutes: 5 + pick(26), graceMinutes: 10 } };
}

interface Waiting {
  number: string;
  serviceId: string;
  issuedAt: number;
}

function day(seed: number) {
  const random = seededRandom(seed);
  const site = randomSite(random);
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T01:00:00Z');
  const queue = createQueue({ db, site, clock, bus: createEventBus() });
  const agingMs = site.rules.agingMinutes * MIN;
  const waiting = new Map<string, Waiting>();
  let calls = 0;
  let agedPassedOver = 0;
  let agedSeen = 0;
  const arrivals = 1 + random() * 1.2;
  for (let step = 0; step < 300; step++) {
    clock.advance(Math.floor(random() * 3 * MIN));
    // Some days the arrivals outrun the counters, some days the counters keep up.
    for (let k = Math.floor(random() * arrivals); k > 0; k--) {
      const service = site.services[Math.floor(random() * site.services.length)]!;
      const t = queue.issue(service.id, random() < 0.2);
      waiting.set(t.number, { number: t.number, serviceId: t.serviceId, issuedAt: clock.now() });
    }
    if (random() < 0.4) continue;
    const counter = site.counters[Math.floor(random() * site.counters.length)]!;
    const now = clock.now();
    const callable = [...waiting.values()].filter((w) => counter.serviceIds.includes(w.serviceId));
    const called = queue.act({ action: 'next', counterId: counter.id }, null).call;
    if (callable.length === 0) {
      expect(called).toBeNull();
      continue;
    }
    expect(called, 'a counter with someone to call calls').not.toBeNull();
    const chosen = waiting.get(called!.number)!;
    expect(counter.serviceIds).toContain(chosen.serviceId);
    waiting.delete(chosen.number);
    calls++;
    for (const w of callable) {
      if (w === chosen || now - w.issuedAt < agingMs) continue;
      agedSeen++;
      if (now - w.issuedAt > now - chosen.issuedAt) agedPassedOver++;
      expect(
        now - chosen.issuedAt,
        `seed ${seed}: counter ${counter.id} [${counter.serviceIds.join(',')}] called ${chosen.number} (waited ${(now - chosen.issuedAt) / MIN} min) ` +
          `while ${w.number} had waited ${(now - w.issuedAt) / MIN} min, past the ${site.rules.agingMinutes}-minute limit`,
      ).toBeGreaterThanOrEqual(now - w.issuedAt);
    }
  }
  db.close();
  return { calls, agedSeen, agedPassedOver };
}

describe('no ticket waits past the ageing limit while a counter serving it calls others', () => {
  it('holds over random sites and days, priority tickets and arrivals that outrun the counters', () => {
    let calls = 0;
    let agedSeen = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const r = day(seed);
      expect(r.agedPassedOver).toBe(0);
      calls += r.calls;
      agedSeen += r.agedSeen;
    }
    // The days were busy enough to put the rule to work.
    expect(calls).toBeGreaterThan(2500);
    expect(agedSeen).toBeGreaterThan(500);
  });
});

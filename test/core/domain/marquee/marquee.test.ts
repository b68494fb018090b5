import { describe, expect, it } from 'vitest';
import type { MarqueeMessageInput } from '../../../../core/contract';
import { listAudit } from '../../../../core/domain/audit';
import { createEventBus } from '../../../../core/domain/events';
import { createEmergencies } from '../../../../core/domain/marquee/emergency';
import { createMarquee } from '../../../../core/domain/marquee/marquee';
import { isScheduledNow } from '../../../../core/domain/marquee/schedule';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const TZ = 'Asia/Taipei';
const at = (iso: string) => Date.parse(iso);

describe('schedule', () => {
  const always = { startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null };
  it('starts at its start and stops at its end', () => {
    const s = { ...always, startsAt: at('2026-11-26T09:00:00+08:00'), endsAt: at('2026-11-30T00:00:00+08:00') };
    expect(isScheduledNow(s, at('2026-11-26T08:59:59+08:00'), TZ)).toBe(false);
    expect(isScheduledNow(s, at('2026-11-26T09:00:00+08:00'), TZ)).toBe(true);
    expect(isScheduledNow(s, at('2026-11-29T23:59:59+08:00'), TZ)).toBe(true);
    expect(isScheduledNow(s, at('2026-11-30T00:00:00+08:00'), TZ)).toBe(false);
  });

  it('shows only on its weekdays and within its hours, in Taipei time; hours may wrap midnight', () => {
    const weekdaysOffice = { ...always, days: [1, 2, 3, 4, 5], hoursFrom: '08:30', hoursTo: '17:30' };
    expect(isScheduledNow(weekdaysOffice, at('2026-11-26T10:00:00+08:00'), TZ)).toBe(true); // Thursday
    expect(isScheduledNow(weekdaysOffice, at('2026-11-26T17:30:00+08:00'), TZ)).toBe(false);
    expect(isScheduledNow(weekdaysOffice, at('2026-11-28T10:00:00+08:00'), TZ)).toBe(false); // Saturday
    const night = { ...always, hoursFrom: '22:00', hoursTo: '06:00' };
    expect(isScheduledNow(night, at('2026-11-26T23:00:00+08:00'), TZ)).toBe(true);
    expect(isScheduledNow(night, at('2026-11-27T05:59:00+08:00'), TZ)).toBe(true);
    expect(isScheduledNow(night, at('2026-11-27T12:00:00+08:00'), TZ)).toBe(false);
  });
});

function setup() {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const bus = createEventBus();
  const staff = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('desk1', '服務台', 'x', '[\"desk\"]', 0)").run().lastInsertRowid,
  );
  const marquee = createMarquee({ db, clock, bus, site: { timeZone: TZ, signIds: ['lobby-led'], speedPxPerSecond: 90 } });
  const emergencies = createEmergencies({ db, clock, bus, timeZone: TZ });
  return { db, clock, bus, staff, marquee, emergencies };
}

const msg = (over: Partial<MarqueeMessageInput> = {}): MarqueeMessageInput => ({
  zh: '本署服務時間為週一至週五 8:30–17:30',
  en: 'Open Monday to Friday, 8:30–17:30',
  category: 'news',
  priority: 3,
  startsAt: null,
  endsAt: null,
  days: [],
  hoursFrom: null,
  hoursTo: null,
  targets: ['screen:calls', 'sign:lobby-led'],
  ...over,
});

describe('marquee messages', () => {
  it('show on their targets by priority, stop by themselves, and every change is audited with who and what', () => {
    const { marquee, clock, staff, db } = setup();
    const low = marquee.create(staff, msg({ zh: '低', en: 'low', priority: 1 }));
    const high = marquee.create(staff, msg({ zh: '高', en: 'high', priority: 5, endsAt: '2026-11-26T12:00:00+08:00' }));
    marquee.create(staff, msg({ zh: '只在開庭', en: 'hearings only', targets: ['screen:hearings'] }));
    expect(marquee.board().screens.calls.map((m) => m.en)).toEqual(['high', 'low']);
    expect(marquee.activeFor('sign:lobby-led').map((m) => m.id)).toEqual([high.id, low.id]);
    expect(marquee.board().screens.hearings.map((m) => m.en)).toEqual(['hearings only']);

    clock.set('2026-11-26T12:00:00+08:00');
    expect(marquee.board().screens.calls.map((m) => m.en)).toEqual(['low']);
    expect(marquee.list().find((m) => m.id === high.id)?.active).toBe(false);

    marquee.update(staff, low.id, msg({ zh: '低（改）', en: 'low (edited)', priority: 1 }));
    marquee.remove(staff, low.id);
    expect(marquee.list().map((m) => m.id)).not.toContain(low.id);
    // Kept, not erased.
    expect((db.prepare('SELECT deleted_at FROM marquee_messages WHERE id = ?').get(low.id) as { deleted_at: number }).deleted_at).toBeGreaterThan(0);
    const audit = listAudit(db).filter((e) => e.target === `marquee:${low.id}`);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['marquee.delete', 'desk1'],
      ['marquee.update', 'desk1'],
      ['marquee.create', 'desk1'],
    ]);
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ before: { en: 'low' }, after: { en: 'low (edited)' } });
  });

  it('stores markup as the characters typed', () => {
    const { marquee, staff } = setup();
    const m = marquee.create(staff, msg({ zh: '<script>alert(1)</script>', en: '<b>bold</b> & "quoted"' }));
    expect(marquee.board().screens.calls[0]).toMatchObject({ id: m.id, zh: '<script>alert(1)</script>', en: '<b>bold</b> & "quoted"' });
  });

  it('refuses targets the site does not have', () => {
    const { marquee, staff } = setup();
    expect(() => marquee.create(staff, msg({ targets: ['sign:nowhere'] }))).toThrow(/unknown sign:nowhere/);
    expect(() => marquee.update(staff, 999, msg())).toThrow(/No message 999/);
  });
});

describe('emergency broadcast', () => {
  it('is active until cleared or its end, one at a time, raising and clearing audited', () => {
    const { emergencies, clock, staff, db, bus } = setup();
    let changes = 0;
    bus.on('emergency.changed', () => changes++);
    expect(emergencies.state().active).toBeNull();
    emergencies.raise(staff, { kind: 'earthquake', zh: '地震，請就地掩護', en: 'Earthquake: drop, cover, hold on', endsAt: null });
    const fire = emergencies.raise(staff, { kind: 'fire', zh: '火警，請疏散', en: 'Fire: please evacuate', endsAt: '2026-11-26T10:30:00+08:00' });
    expect(emergencies.state().active).toMatchObject({ id: fire.id, kind: 'fire', endsAt: '2026-11-26T10:30:00+08:00' });
    clock.set('2026-11-26T10:30:00+08:00');
    expect(emergencies.state().active).toBeNull();
    expect(() => emergencies.clear(staff)).toThrow(/No emergency/);
    emergencies.raise(staff, { kind: 'notice', zh: '系統維護', en: 'System maintenance', endsAt: null });
    emergencies.clear(staff);
    expect(emergencies.state().active).toBeNull();
    expect(changes).toBe(4);
    expect(listAudit(db).map((e) => e.action).filter((a) => a.startsWith('emergency'))).toEqual([
      'emergency.clear',
      'emergency.raise',
      'emergency.raise',
      'emergency.clear',
      'emergency.raise',
    ]);
    expect(() => emergencies.raise(staff, { kind: 'notice', zh: '過去', en: 'past', endsAt: '2026-11-26T09:00:00+08:00' })).toThrow(/already passed/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { createDetainees } from '../../../../core/domain/detainees/detainees';
import { createEventBus } from '../../../../core/domain/events';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const site = loadSite({ siteId: 'taitung-prosecutors' });

function setup(start = '2026-11-26T10:00:00+08:00', publicNames: 'masked' | 'full' = 'masked') {
  const db = openDb(':memory:');
  const clock = manualClock(start);
  const bailiff = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('bailiff1', '法警', 'x', '[\"bailiff\"]', 0)").run().lastInsertRowid,
  );
  const bus = createEventBus();
  const detainees = createDetainees({
    db,
    clock,
    bus,
    site: { timeZone: 'Asia/Taipei', ...site.detainees, shifts: site.roster.shifts, roles: site.roster.roles, publicNames },
  });
  return { db, clock, bus, bailiff, detainees };
}

describe('new detainees', () => {
  it('go forward through the stages to one final outcome; going back or an early outcome is refused', () => {
    const { detainees, bailiff } = setup();
    const d = detainees.record(bailiff, { name: '張三豐', broughtAt: '09:40', agency: '臺東縣警察局臺東分局', offence: '竊盜' });
    expect(d.stage).toBe('delivered');
    expect(() => detainees.setStage(bailiff, d.id, 'bail')).toThrow(/An outcome comes after 訊畢/);
    detainees.setStage(bailiff, d.id, 'waiting');
    expect(() => detainees.setStage(bailiff, d.id, 'delivered')).toThrow(/Stages only go forward/);
    detainees.setStage(bailiff, d.id, 'questioned');
    expect(detainees.setStage(bailiff, d.id, 'bail').stage).toBe('bail');
    expect(() => detainees.setStage(bailiff, d.id, 'released')).toThrow(/is final/);
    expect(() => detainees.setStage(bailiff, d.id, 'teleported')).toThrow();
  });

  it('the public board shows masked names and stages, never the offence; only today; purged after retention', () => {
    const { detainees, bailiff, clock, db } = setup();
    detainees.record(bailiff, { name: '張三豐', broughtAt: '09:40', agency: '臺東縣警察局臺東分局', offence: '竊盜' });
    const board = detainees.board();
    expect(board.entries).toEqual([
      { id: 1, name: '張○豐', broughtAt: '09:40', agency: '臺東縣警察局臺東分局', stage: { zh: '解送到署', en: 'Delivered' }, final: false },
    ]);
    expect(JSON.stringify(board)).not.toMatch(/張三豐|竊盜/);
    expect(JSON.stringify(listAudit(db))).not.toMatch(/張三豐|竊盜/);
    clock.advance(24 * 3600_000);
    expect(detainees.board().entries).toEqual([]);
    expect(detainees.list('2026-11-26')).toHaveLength(1);
    clock.advance(7 * 24 * 3600_000);
    expect(detainees.purge()).toBe(1);
    expect(detainees.list('2026-11-26')).toHaveLength(0);
  });

  it('the lobby\'s tick purges records past retention and tells the board once', () => {
    const { detainees, bailiff, clock, bus } = setup();
    const changes: string[] = [];
    bus.on('detainees.changed', () => changes.push(JSON.stringify(detainees.list('2026-11-26').map((d) => d.id))));
    detainees.record(bailiff, { name: '張三豐', broughtAt: '09:40', agency: '臺東縣警察局臺東分局', offence: '竊盜' });
    changes.length = 0;
    clock.advance(24 * 3600_000);
    detainees.tick(clock.now());
    expect(changes).toEqual([]);
    clock.advance(7 * 24 * 3600_000);
    detainees.tick(clock.now());
    detainees.tick(clock.now());
    expect(changes).toEqual(['[]']);
  });
});

describe('duty roster', () => {
  it('shows the shift on duty now (a night shift runs past midnight), masked unless the site chose full names', () => {
    const { detainees, bailiff, clock, db } = setup('2026-11-26T10:00:00+08:00');
    detainees.setRosterDay(bailiff, '2026-11-26', {
      entries: [
        { shiftId: 'day', roleId: 'bailiff', name: '李法警' },
        { shiftId: 'day', roleId: 'prosecutor', name: '林美華' },
        { shiftId: 'night', roleId: 'prosecutor', name: '陳志明' },
      ],
    });
    expect(detainees.board().onDuty).toEqual([
      { role: { zh: '值班檢察官', en: 'Duty prosecutor' }, shift: { zh: '日班', en: 'Day' }, name: '林○華' },
      { role: { zh: '值班法警', en: 'Duty bailiff' }, shift: { zh: '日班', en: 'Day' }, name: '李○警' },
    ]);
    clock.set('2026-11-27T02:00:00+08:00');
    expect(detainees.board().onDuty.map((d) => d.name)).toEqual(['陳○明']);
    expect(() => detainees.setRosterDay(bailiff, '2026-11-27', { entries: [{ shiftId: 'lunch', roleId: 'bailiff', name: 'x' }] })).toThrow(/no shift "lunch"/);
    expect(listAudit(db)[0]).toMatchObject({ action: 'roster.update', target: 'roster:2026-11-26' });

    const full = setup('2026-11-26T10:00:00+08:00', 'full');
    full.detainees.setRosterDay(full.bailiff, '2026-11-26', { entries: [{ shiftId: 'day', roleId: 'bailiff', name: '李法警' }] });
    expect(full.detainees.board().onDuty[0]!.name).toBe('李法警');
  });
});

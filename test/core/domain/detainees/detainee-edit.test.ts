/**
 * A bailiff corrects or removes a new detainee's record (issue 17): the public
 * board follows, masked and without the offence; the audit says who changed
 * what without keeping the full name or the offence note.
 */
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { createDetainees } from '../../../../core/domain/detainees/detainees';
import { DomainError } from '../../../../core/domain/errors';
import { createEventBus } from '../../../../core/domain/events';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

function setup(siteId: 'taitung-prosecutors' | 'hualien-prison') {
  const site = loadSite({ siteId });
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const bailiff = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('bailiff1', '法警', 'x', '[\"bailiff\"]', 0)").run().lastInsertRowid,
  );
  const bus = createEventBus();
  let changes = 0;
  bus.on('detainees.changed', () => void changes++);
  const detainees = createDetainees({
    db,
    clock,
    bus,
    site: { timeZone: 'Asia/Taipei', ...site.detainees, shifts: site.roster.shifts, roles: site.roster.roles, publicNames: 'masked' },
  });
  return { db, bailiff, detainees, site, changes: () => changes };
}

describe.each(['taitung-prosecutors', 'hualien-prison'] as const)('a new detainee’s record at %s', (siteId) => {
  it('is corrected (name, time, agency, offence) keeping its stage; the board shows the new masked name; audited without the offence', () => {
    const { detainees, bailiff, db, site, changes } = setup(siteId);
    const d = detainees.record(bailiff, { name: '張三丰', broughtAt: '09:40', agency: '臺東縣警察局臺東分局', offence: '竊盜' });
    const second = site.detainees.stages[1]!.id;
    detainees.setStage(bailiff, d.id, second);
    const seen = changes();
    const fixed = detainees.update(bailiff, d.id, { name: '張三豐', broughtAt: '09:10', agency: '臺東縣警察局臺東分局', offence: '詐欺' });
    expect(fixed).toMatchObject({ name: '張三豐', broughtAt: '09:10', offence: '詐欺', stage: second });
    expect(changes()).toBe(seen + 1);
    const board = detainees.board();
    expect(board.entries).toEqual([expect.objectContaining({ id: d.id, name: '張○豐', broughtAt: '09:10' })]);
    expect(JSON.stringify(board)).not.toContain('詐欺');
    const audit = listAudit(db).find((e) => e.action === 'detainee.update')!;
    expect(audit.target).toBe(`detainee:${d.id}`);
    expect(JSON.parse(audit.detail)).toEqual({ name: '張○豐', changed: ['name', 'broughtAt', 'offence'], broughtAt: { from: '09:40', to: '09:10' } });
    for (const secret of ['張三豐', '張三丰', '竊盜', '詐欺']) expect(audit.detail).not.toContain(secret);
  });

  it('drops the offence note when it is cleared, and saving the same record again records nothing', () => {
    const { detainees, bailiff, db } = setup(siteId);
    const d = detainees.record(bailiff, { name: '李四', broughtAt: '09:40', agency: '花蓮縣警察局', offence: '竊盜' });
    expect(detainees.update(bailiff, d.id, { name: '李四', broughtAt: '09:40', agency: '花蓮縣警察局' }).offence).toBeNull();
    detainees.update(bailiff, d.id, { name: '李四', broughtAt: '09:40', agency: '花蓮縣警察局' });
    expect(listAudit(db).filter((e) => e.action === 'detainee.update')).toHaveLength(1);
  });

  it('is deleted when entered by mistake: gone from the list and the board, audited by masked name', () => {
    const { detainees, bailiff, db, changes } = setup(siteId);
    const wrong = detainees.record(bailiff, { name: '王小明', broughtAt: '09:40', agency: '花蓮縣警察局' });
    const kept = detainees.record(bailiff, { name: '陳大文', broughtAt: '09:45', agency: '花蓮縣警察局' });
    const seen = changes();
    detainees.remove(bailiff, wrong.id);
    expect(changes()).toBe(seen + 1);
    expect(detainees.list().map((d) => d.id)).toEqual([kept.id]);
    expect(detainees.board().entries.map((e) => e.id)).toEqual([kept.id]);
    const audit = listAudit(db).find((e) => e.action === 'detainee.delete')!;
    expect(audit.target).toBe(`detainee:${wrong.id}`);
    expect(JSON.parse(audit.detail)).toMatchObject({ name: '王○明', day: '2026-11-26' });
    expect(audit.detail).not.toContain('王小明');
  });

  it('that does not exist cannot be corrected or deleted', () => {
    const { detainees, bailiff } = setup(siteId);
    expect(() => detainees.update(bailiff, 42, { name: '李四', broughtAt: '09:40', agency: '花蓮縣警察局' })).toThrow(DomainError);
    expect(() => detainees.remove(bailiff, 42)).toThrow(/No record 42/);
  });
});

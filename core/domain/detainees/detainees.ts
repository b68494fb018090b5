import type { Bilingual, Detainee, DetaineeInput, DetaineesBoard, RosterDayRequest } from '../../contract';
import { localDay, localHhmm, localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { maskName } from '../privacy/mask';
import { columnChecks, maybeRow } from '../row-check';

interface Labelled {
  id: string;
  zh: string;
  en: string;
}

export interface DetaineesSite {
  timeZone: string;
  stages: readonly Labelled[];
  outcomes: readonly Labelled[];
  retentionDays: number;
  shifts: readonly (Labelled & { from: string; to: string })[];
  roles: readonly Labelled[];
  publicNames: 'masked' | 'full';
}

const DETAINEE = columnChecks('detainees row');
const ROSTER = columnChecks('roster row');

interface Row {
  id: number;
  day: string;
  name: string;
  broughtAt: string;
  agency: string;
  offence: string | null;
  stage: string;
  updatedAt: number;
}

function rowOf(row: unknown): Row {
  const r = DETAINEE.row(row);
  return {
    id: DETAINEE.int(r.id, 'id'),
    day: DETAINEE.text(r.day, 'day'),
    name: DETAINEE.text(r.name, 'name'),
    broughtAt: DETAINEE.text(r.brought_at, 'brought_at'),
    agency: DETAINEE.text(r.agency, 'agency'),
    offence: DETAINEE.textOrNull(r.offence, 'offence'),
    stage: DETAINEE.text(r.stage, 'stage'),
    updatedAt: DETAINEE.time(r.updated_at, 'updated_at'),
  };
}

interface RosterEntry {
  shiftId: string;
  roleId: string;
  name: string;
}

function rosterEntryOf(row: unknown): RosterEntry {
  const r = ROSTER.row(row);
  return { shiftId: ROSTER.text(r.shift_id, 'shift_id'), roleId: ROSTER.text(r.role_id, 'role_id'), name: ROSTER.text(r.name, 'name') };
}

/**
 * Newly received persons (新收人犯) and the duty roster. Staff see full names
 * and the offence note; the public board gets masked names and stages only.
 * Audit rows name a person by id and masked name, so they hold no more
 * personal data than the board does once the record is purged.
 */
export function createDetainees(deps: { db: Db; clock: Clock; bus: EventBus; site: DetaineesSite }) {
  const { db, clock, bus, site } = deps;
  const stageIds = site.stages.map((s) => s.id);
  const outcomeIds = new Set(site.outcomes.map((o) => o.id));
  const label = (id: string): Bilingual => {
    const l = [...site.stages, ...site.outcomes].find((x) => x.id === id);
    return l ? { zh: l.zh, en: l.en } : { zh: id, en: id };
  };

  function today(): string {
    return localDay(clock.now(), site.timeZone);
  }

  function toDto(r: Row): Detainee {
    return {
      id: r.id,
      name: r.name,
      broughtAt: r.broughtAt,
      agency: r.agency,
      offence: r.offence,
      stage: r.stage,
      updatedAt: localIso(r.updatedAt, site.timeZone),
    };
  }

  function get(id: number): Row {
    const row = maybeRow(db.prepare('SELECT * FROM detainees WHERE id = ?').get(id), rowOf);
    if (!row) throw new DomainError('not_found', `No record ${id}.`);
    return row;
  }

  function record(actorUserId: number, input: DetaineeInput): Detainee {
    const now = clock.now();
    const row = inTransaction(db, () => {
      const id = Number(
        db
          .prepare('INSERT INTO detainees (day, name, brought_at, agency, offence, stage, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(today(), input.name, input.broughtAt, input.agency, input.offence ?? null, stageIds[0], now, now).lastInsertRowid,
      );
      writeAudit(db, clock, { actorUserId, action: 'detainee.record', target: `detainee:${id}`, detail: { name: maskName(input.name), agency: input.agency } });
      return get(id);
    });
    bus.emit('detainees.changed', {});
    return toDto(row);
  }

  /**
   * Stages go forward one at a time (a stage may be skipped forward, never
   * back); after the last stage comes one outcome, which is final.
   */
  function setStage(actorUserId: number, id: number, to: string): Detainee {
    const now = clock.now();
    const row = inTransaction(db, () => {
      const row = get(id);
      const from = row.stage;
      const fromIndex = stageIds.indexOf(from);
      const toIndex = stageIds.indexOf(to);
      const lastStage = stageIds[stageIds.length - 1];
      if (outcomeIds.has(from)) throw new DomainError('conflict', `The outcome ${label(from).zh} / ${label(from).en} is final.`);
      if (toIndex === -1 && !outcomeIds.has(to)) throw new DomainError('invalid', `stage: no stage "${to}" at this site.`);
      if (outcomeIds.has(to) && from !== lastStage) {
        throw new DomainError('conflict', `An outcome comes after ${label(lastStage!).zh} / ${label(lastStage!).en}; this person is at ${label(from).zh} / ${label(from).en}.`);
      }
      if (toIndex !== -1 && toIndex <= fromIndex) {
        throw new DomainError('conflict', `Stages only go forward: ${label(from).zh} → ${label(to).zh} is not allowed.`);
      }
      db.prepare('UPDATE detainees SET stage = ?, updated_at = ? WHERE id = ?').run(to, now, id);
      writeAudit(db, clock, { actorUserId, action: 'detainee.stage', target: `detainee:${id}`, detail: { name: maskName(row.name), from, to } });
      return get(id);
    });
    bus.emit('detainees.changed', {});
    return toDto(row);
  }

  /**
   * A bailiff's correction of what was recorded: name, time brought in,
   * agency, offence note. The stage is kept. Audited by the fields that
   * changed, the name masked and the offence never written out.
   */
  function update(actorUserId: number, id: number, input: DetaineeInput): Detainee {
    const now = clock.now();
    const { row, changed } = inTransaction(db, () => {
      const before = get(id);
      const offence = input.offence ?? null;
      const changed = [
        ...(before.name !== input.name ? ['name'] : []),
        ...(before.broughtAt !== input.broughtAt ? ['broughtAt'] : []),
        ...(before.agency !== input.agency ? ['agency'] : []),
        ...(before.offence !== offence ? ['offence'] : []),
      ];
      if (changed.length === 0) return { row: before, changed };
      db.prepare('UPDATE detainees SET name = ?, brought_at = ?, agency = ?, offence = ?, updated_at = ? WHERE id = ?').run(input.name, input.broughtAt, input.agency, offence, now, id);
      writeAudit(db, clock, {
        actorUserId,
        action: 'detainee.update',
        target: `detainee:${id}`,
        detail: {
          name: maskName(input.name),
          changed,
          ...(changed.includes('broughtAt') ? { broughtAt: { from: before.broughtAt, to: input.broughtAt } } : {}),
          ...(changed.includes('agency') ? { agency: { from: before.agency, to: input.agency } } : {}),
        },
      });
      return { row: get(id), changed };
    });
    if (changed.length) bus.emit('detainees.changed', {});
    return toDto(row);
  }

  /** A record entered by mistake (or twice): gone from the staff list and the board; the audit keeps the masked name. */
  function remove(actorUserId: number, id: number): void {
    inTransaction(db, () => {
      const row = get(id);
      db.prepare('DELETE FROM detainees WHERE id = ?').run(id);
      writeAudit(db, clock, {
        actorUserId,
        action: 'detainee.delete',
        target: `detainee:${id}`,
        detail: { name: maskName(row.name), day: row.day, agency: row.agency, stage: row.stage },
      });
    });
    bus.emit('detainees.changed', {});
  }

  function list(day = today()): Detainee[] {
    return db.prepare('SELECT * FROM detainees WHERE day = ? ORDER BY brought_at, id').all(day).map((r) => toDto(rowOf(r)));
  }

  /** Personal data is kept only as long as its purpose needs: records past retention are deleted. */
  function purge(now = clock.now()): number {
    const cutoff = localDay(now - site.retentionDays * 86_400_000, site.timeZone);
    // Asked first: a purge with nothing to purge takes no write lock (an import on a worker may hold it).
    if (!db.prepare('SELECT 1 FROM detainees WHERE day < ? LIMIT 1').get(cutoff)) return 0;
    const n = db.prepare('DELETE FROM detainees WHERE day < ?').run(cutoff).changes;
    if (n) writeAudit(db, clock, { actorUserId: null, action: 'detainee.purge', target: 'detainees', detail: { deleted: n, before: cutoff } });
    return n;
  }

  // ---- roster ----

  function rosterDay(day: string): RosterEntry[] {
    return db.prepare('SELECT shift_id, role_id, name FROM roster WHERE day = ? ORDER BY id').all(day).map(rosterEntryOf);
  }

  function setRosterDay(actorUserId: number, day: string, req: RosterDayRequest): void {
    for (const e of req.entries) {
      if (!site.shifts.some((s) => s.id === e.shiftId)) throw new DomainError('invalid', `shiftId: no shift "${e.shiftId}" at this site.`);
      if (!site.roles.some((r) => r.id === e.roleId)) throw new DomainError('invalid', `roleId: no duty role "${e.roleId}" at this site.`);
    }
    inTransaction(db, () => {
      const before = rosterDay(day);
      db.prepare('DELETE FROM roster WHERE day = ?').run(day);
      const insert = db.prepare('INSERT INTO roster (day, shift_id, role_id, name) VALUES (?, ?, ?, ?)');
      for (const e of req.entries) insert.run(day, e.shiftId, e.roleId, e.name);
      // Names masked: the audit outlives the roster (retention.auditDays), so it must not keep the names the purge removes.
      const masked = (entries: readonly RosterEntry[]) => entries.map((e) => ({ ...e, name: maskName(e.name) }));
      writeAudit(db, clock, { actorUserId, action: 'roster.update', target: `roster:${day}`, detail: { before: masked(before), after: masked(req.entries) } });
    });
    bus.emit('detainees.changed', {});
  }

  /** The shift running now; a night shift that began yesterday evening is found on yesterday's roster. */
  function onDutyNow(): DetaineesBoard['onDuty'] {
    const now = clock.now();
    const hhmm = localHhmm(now, site.timeZone);
    const day = today();
    const yesterday = localDay(now - 86_400_000, site.timeZone);
    const out: DetaineesBoard['onDuty'] = [];
    for (const shift of site.shifts) {
      const wraps = shift.from > shift.to;
      const inToday = wraps ? hhmm >= shift.from : hhmm >= shift.from && hhmm < shift.to;
      const fromYesterday = wraps && hhmm < shift.to;
      const rosterOf = inToday ? day : fromYesterday ? yesterday : null;
      if (!rosterOf) continue;
      for (const e of rosterDay(rosterOf).filter((x) => x.shiftId === shift.id)) {
        const role = site.roles.find((r) => r.id === e.roleId);
        out.push({
          role: role ? { zh: role.zh, en: role.en } : { zh: e.roleId, en: e.roleId },
          shift: { zh: shift.zh, en: shift.en },
          name: site.publicNames === 'full' ? e.name : maskName(e.name),
        });
      }
    }
    // Keep the site's role order: prosecutor, clerk, bailiffs.
    return out.sort((a, b) => site.roles.findIndex((r) => r.zh === a.role.zh) - site.roles.findIndex((r) => r.zh === b.role.zh));
  }

  /** Public: today's records only, masked; the offence never leaves the staff pages. */
  function board(): DetaineesBoard {
    return {
      date: today(),
      entries: list().map((d) => ({
        id: d.id,
        name: maskName(d.name),
        broughtAt: d.broughtAt,
        agency: d.agency,
        stage: label(d.stage),
        final: outcomeIds.has(d.stage),
      })),
      onDuty: onDutyNow(),
    };
  }

  return {
    record,
    update,
    remove,
    setStage,
    list,
    purge,
    /** Time-driven work for the lobby's scheduler: records past retention go, and the board hears of it. */
    tick(now: number): void {
      if (purge(now)) bus.emit('detainees.changed', {});
    },
    rosterDay,
    setRosterDay,
    board,
  };
}

export type Detainees = ReturnType<typeof createDetainees>;

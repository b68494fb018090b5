import { EMERGENCY_KINDS, type Emergency, type EmergencyState, type RaiseEmergencyRequest } from '../../contract';
import { localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { columnChecks, maybeRow } from '../row-check';

interface Row {
  id: number;
  kind: Emergency['kind'];
  zh: string;
  en: string;
  raisedAt: number;
  endsAt: number | null;
}

const EMERGENCY = columnChecks('emergencies row');

function rowOf(row: unknown): Row {
  const r = EMERGENCY.row(row);
  return {
    id: EMERGENCY.int(r.id, 'id'),
    kind: EMERGENCY.oneOf(r.kind, EMERGENCY_KINDS, 'kind'),
    zh: EMERGENCY.text(r.text_zh, 'text_zh'),
    en: EMERGENCY.text(r.text_en, 'text_en'),
    raisedAt: EMERGENCY.time(r.raised_at, 'raised_at'),
    endsAt: EMERGENCY.timeOrNull(r.ends_at, 'ends_at'),
  };
}

/**
 * An emergency (earthquake, fire, evacuation, a system notice) takes over every
 * screen and sign until an admin clears it or its end passes. One at a time:
 * raising a new one replaces the old, and both are audited.
 */
export function createEmergencies(deps: { db: Db; clock: Clock; bus: EventBus; timeZone: string }) {
  const { db, clock, bus, timeZone } = deps;

  function activeRow(now: number): Row | undefined {
    return maybeRow(db.prepare('SELECT * FROM emergencies WHERE cleared_at IS NULL AND (ends_at IS NULL OR ends_at > ?) ORDER BY id DESC LIMIT 1').get(now), rowOf);
  }

  function toDto(r: Row): Emergency {
    return {
      id: r.id,
      kind: r.kind,
      zh: r.zh,
      en: r.en,
      raisedAt: localIso(r.raisedAt, timeZone),
      endsAt: r.endsAt === null ? null : localIso(r.endsAt, timeZone),
    };
  }

  function raise(actorUserId: number, req: RaiseEmergencyRequest): Emergency {
    const now = clock.now();
    const endsAt = req.endsAt === null ? null : Date.parse(req.endsAt);
    if (endsAt !== null && endsAt <= now) throw new DomainError('invalid', 'endsAt: the end has already passed');
    const row = inTransaction(db, () => {
      const previous = activeRow(now);
      if (previous) {
        db.prepare('UPDATE emergencies SET cleared_by = ?, cleared_at = ? WHERE id = ?').run(actorUserId, now, previous.id);
        writeAudit(db, clock, { actorUserId, action: 'emergency.clear', target: `emergency:${previous.id}`, detail: { replacedBy: 'new emergency' } });
      }
      const id = Number(
        db
          .prepare('INSERT INTO emergencies (kind, text_zh, text_en, raised_by, raised_at, ends_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(req.kind, req.zh, req.en, actorUserId, now, endsAt).lastInsertRowid,
      );
      writeAudit(db, clock, { actorUserId, action: 'emergency.raise', target: `emergency:${id}`, detail: { ...req } });
      return rowOf(db.prepare('SELECT * FROM emergencies WHERE id = ?').get(id));
    });
    bus.emit('emergency.changed', {});
    return toDto(row);
  }

  function clear(actorUserId: number): void {
    const now = clock.now();
    inTransaction(db, () => {
      const active = activeRow(now);
      if (!active) throw new DomainError('conflict', 'No emergency is active.');
      db.prepare('UPDATE emergencies SET cleared_by = ?, cleared_at = ? WHERE id = ?').run(actorUserId, now, active.id);
      writeAudit(db, clock, { actorUserId, action: 'emergency.clear', target: `emergency:${active.id}` });
    });
    bus.emit('emergency.changed', {});
  }

  function state(): EmergencyState {
    const row = activeRow(clock.now());
    return { active: row ? toDto(row) : null };
  }

  return { raise, clear, state };
}

export type Emergencies = ReturnType<typeof createEmergencies>;

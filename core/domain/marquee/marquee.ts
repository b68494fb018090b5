import type { MarqueeBoard, MarqueeMessage, MarqueeMessageInput } from '../../contract';
import { MARQUEE_CATEGORIES, MARQUEE_SCREENS } from '../../contract';
import { localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { columnChecks, maybeRow } from '../row-check';
import { isScheduledNow, type Schedule } from './schedule';

interface Row {
  id: number;
  zh: string;
  en: string;
  category: MarqueeMessage['category'];
  priority: number;
  schedule: Schedule;
  targets: string[];
  updatedAt: number;
  updatedBy: string | null;
}

const MESSAGE = columnChecks('marquee_messages row');

function rowOf(row: unknown): Row {
  const r = MESSAGE.row(row);
  return {
    id: MESSAGE.int(r.id, 'id'),
    zh: MESSAGE.text(r.text_zh, 'text_zh'),
    en: MESSAGE.text(r.text_en, 'text_en'),
    category: MESSAGE.oneOf(r.category, MARQUEE_CATEGORIES, 'category'),
    priority: MESSAGE.int(r.priority, 'priority'),
    schedule: {
      startsAt: MESSAGE.timeOrNull(r.starts_at, 'starts_at'),
      endsAt: MESSAGE.timeOrNull(r.ends_at, 'ends_at'),
      days: MESSAGE.jsonInts(r.days, 'days'),
      hoursFrom: MESSAGE.textOrNull(r.hours_from, 'hours_from'),
      hoursTo: MESSAGE.textOrNull(r.hours_to, 'hours_to'),
    },
    targets: MESSAGE.jsonStrings(r.targets, 'targets'),
    updatedAt: MESSAGE.time(r.updated_at, 'updated_at'),
    updatedBy: MESSAGE.textOrNull(r.updated_by_name, 'updated_by_name'),
  };
}

const SELECT = `SELECT m.*, u.username AS updated_by_name FROM marquee_messages m LEFT JOIN users u ON u.id = m.updated_by`;

export interface MarqueeSite {
  timeZone: string;
  /** Ids of the LED signs the site has, for validating targets. */
  signIds: readonly string[];
  speedPxPerSecond: number;
}

/**
 * Staff messages for the on-screen band and the LED signs. Every create,
 * edit and delete is audited with who, when, and the text before and after;
 * a deleted message is kept, only hidden.
 */
export function createMarquee(deps: { db: Db; clock: Clock; bus: EventBus; site: MarqueeSite }) {
  const { db, clock, bus, site } = deps;
  const knownTargets = new Set([...MARQUEE_SCREENS.map((s) => `screen:${s}`), ...site.signIds.map((id) => `sign:${id}`)]);

  function toDto(r: Row, now: number): MarqueeMessage {
    const { schedule } = r;
    return {
      id: r.id,
      zh: r.zh,
      en: r.en,
      category: r.category,
      priority: r.priority,
      startsAt: schedule.startsAt === null ? null : localIso(schedule.startsAt, site.timeZone),
      endsAt: schedule.endsAt === null ? null : localIso(schedule.endsAt, site.timeZone),
      days: [...schedule.days],
      hoursFrom: schedule.hoursFrom,
      hoursTo: schedule.hoursTo,
      targets: r.targets,
      active: isScheduledNow(schedule, now, site.timeZone),
      updatedAt: localIso(r.updatedAt, site.timeZone),
      updatedBy: r.updatedBy,
    };
  }

  function checkTargets(input: MarqueeMessageInput): void {
    const unknown = input.targets.filter((t) => !knownTargets.has(t));
    if (unknown.length) throw new DomainError('invalid', `targets: unknown ${unknown.join(', ')}`);
  }

  function columns(input: MarqueeMessageInput) {
    return [
      input.zh,
      input.en,
      input.category,
      input.priority,
      input.startsAt === null ? null : Date.parse(input.startsAt),
      input.endsAt === null ? null : Date.parse(input.endsAt),
      JSON.stringify([...new Set(input.days)].sort()),
      input.hoursFrom,
      input.hoursTo,
      JSON.stringify([...new Set(input.targets)]),
    ] as const;
  }

  function get(id: number): Row {
    const row = maybeRow(db.prepare(`${SELECT} WHERE m.id = ? AND m.deleted_at IS NULL`).get(id), rowOf);
    if (!row) throw new DomainError('not_found', `No message ${id}.`);
    return row;
  }

  function create(actorUserId: number, input: MarqueeMessageInput): MarqueeMessage {
    checkTargets(input);
    const now = clock.now();
    const msg = inTransaction(db, () => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO marquee_messages (text_zh, text_en, category, priority, starts_at, ends_at, days, hours_from, hours_to, targets,
             created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...columns(input), actorUserId, now, actorUserId, now).lastInsertRowid,
      );
      writeAudit(db, clock, { actorUserId, action: 'marquee.create', target: `marquee:${id}`, detail: { after: input } });
      return toDto(get(id), now);
    });
    bus.emit('marquee.changed', {});
    return msg;
  }

  function update(actorUserId: number, id: number, input: MarqueeMessageInput): MarqueeMessage {
    checkTargets(input);
    const now = clock.now();
    const msg = inTransaction(db, () => {
      const before = toDto(get(id), now);
      db.prepare(
        `UPDATE marquee_messages SET text_zh = ?, text_en = ?, category = ?, priority = ?, starts_at = ?, ends_at = ?, days = ?,
         hours_from = ?, hours_to = ?, targets = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
      ).run(...columns(input), actorUserId, now, id);
      writeAudit(db, clock, { actorUserId, action: 'marquee.update', target: `marquee:${id}`, detail: { before, after: input } });
      return toDto(get(id), now);
    });
    bus.emit('marquee.changed', {});
    return msg;
  }

  function remove(actorUserId: number, id: number): void {
    inTransaction(db, () => {
      const before = toDto(get(id), clock.now());
      db.prepare('UPDATE marquee_messages SET deleted_at = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(clock.now(), actorUserId, clock.now(), id);
      writeAudit(db, clock, { actorUserId, action: 'marquee.delete', target: `marquee:${id}`, detail: { before } });
    });
    bus.emit('marquee.changed', {});
  }

  /** All messages not deleted, for staff: scheduled, showing and expired ones. */
  function list(): MarqueeMessage[] {
    const now = clock.now();
    return db
      .prepare(`${SELECT} WHERE m.deleted_at IS NULL ORDER BY m.priority DESC, m.id DESC`)
      .all()
      .map((r) => toDto(rowOf(r), now));
  }

  /** What shows now on one target, highest priority first, then newest. */
  function activeFor(target: string): MarqueeMessage[] {
    return list().filter((m) => m.active && m.targets.includes(target));
  }

  function board(): MarqueeBoard {
    const pick = (screen: string) => activeFor(`screen:${screen}`).map((m) => ({ id: m.id, zh: m.zh, en: m.en, category: m.category }));
    return { speedPxPerSecond: site.speedPxPerSecond, screens: { calls: pick('calls'), hearings: pick('hearings'), detainees: pick('detainees') } };
  }

  /** A fingerprint of what shows now: schedules start and end without a command, so the lobby polls this. */
  function activeKey(): string {
    return list()
      .filter((m) => m.active)
      .map((m) => `${m.id}@${m.updatedAt}`)
      .join(',');
  }

  return { create, update, remove, list, activeFor, board, activeKey };
}

export type Marquee = ReturnType<typeof createMarquee>;

import {
  HEARING_STATES,
  HEARING_TRANSITIONS,
  PERSON_ROLES,
  IN_ROOM_HEARING_STATES,
  UPCOMING_HEARING_STATES,
  type Bilingual,
  type Hearing,
  type HearingInput,
  type HearingLookup,
  type HearingState,
  type HearingsBoard,
  type PublicHearing,
} from '../../contract';
import { localDay, localHhmm, localIso, localToEpoch, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { runSteps, stepsOffThread, type SqlStep, type StepChanges } from '../../store/off-thread';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { maskName } from '../privacy/mask';
import { columnChecks, maybeRow } from '../row-check';
import { courtroomFinder, unknownCourtroom } from './courtrooms';
import { estimateRoom, type RoomHearing } from './estimates';
import { canMove, canUndo, HEARING_STATE_NAMES, undoNames } from './transitions';

export interface HearingsSite {
  timeZone: string;
  courtrooms: readonly { id: string; name: Bilingual; floor: number }[];
  hearingMinutes: number;
}

interface Row {
  id: number;
  day: string;
  time: string;
  courtroom_id: string;
  case_number: string;
  division: string;
  prosecutor: string;
  state: HearingState;
  started_at: number | null;
  finished_at: number | null;
}

interface PersonRow {
  hearing_id: number;
  name: string;
  role: Hearing['persons'][number]['role'];
  code: string | null;
}

const HEARING = columnChecks('hearings row');
const PERSON = columnChecks('hearing_persons row');

function hearingOf(row: unknown): Row {
  const r = HEARING.row(row);
  return {
    id: HEARING.int(r.id, 'id'),
    day: HEARING.text(r.day, 'day'),
    time: HEARING.text(r.time, 'time'),
    courtroom_id: HEARING.text(r.courtroom_id, 'courtroom_id'),
    case_number: HEARING.text(r.case_number, 'case_number'),
    division: HEARING.text(r.division, 'division'),
    prosecutor: HEARING.text(r.prosecutor, 'prosecutor'),
    state: HEARING.oneOf(r.state, HEARING_STATES, 'state'),
    started_at: HEARING.timeOrNull(r.started_at, 'started_at'),
    finished_at: HEARING.timeOrNull(r.finished_at, 'finished_at'),
  };
}

function personOf(row: unknown): PersonRow {
  const r = PERSON.row(row);
  return {
    hearing_id: PERSON.int(r.hearing_id, 'hearing_id'),
    name: PERSON.text(r.name, 'name'),
    role: PERSON.oneOf(r.role, PERSON_ROLES, 'role'),
    code: PERSON.textOrNull(r.code, 'code'),
  };
}

const NEXT_SHOWN = 5;

export function createHearings(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  site: HearingsSite;
  /** The database file (and Electron's addon) for imports written on a worker thread. */
  offThread?: { file: string; nativeBinding?: string | undefined };
}) {
  const { db, clock, bus, site } = deps;
  const rooms = new Map(site.courtrooms.map((r) => [r.id, r]));
  const findRoom = courtroomFinder(site.courtrooms);

  const stmts = {
    byDay: db.prepare('SELECT * FROM hearings WHERE day = ? ORDER BY courtroom_id, time, id'),
    byId: db.prepare('SELECT * FROM hearings WHERE id = ?'),
    personsOfDay: db.prepare('SELECT p.* FROM hearing_persons p JOIN hearings h ON h.id = p.hearing_id WHERE h.day = ? ORDER BY p.id'),
    persons: db.prepare('SELECT * FROM hearing_persons WHERE hearing_id = ? ORDER BY id'),
    find: db.prepare('SELECT id FROM hearings WHERE day = ? AND courtroom_id = ? AND case_number = ?'),
    insert: db.prepare(
      `INSERT INTO hearings (day, time, courtroom_id, case_number, division, prosecutor, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
    ),
    insertPerson: db.prepare('INSERT INTO hearing_persons (hearing_id, name, role, code) VALUES (?, ?, ?, ?)'),
    deletePersons: db.prepare('DELETE FROM hearing_persons WHERE hearing_id = ?'),
    update: db.prepare('UPDATE hearings SET day = ?, time = ?, courtroom_id = ?, case_number = ?, division = ?, prosecutor = ?, updated_at = ? WHERE id = ?'),
    inRoom: db.prepare(`SELECT * FROM hearings WHERE day = ? AND courtroom_id = ? AND id <> ? AND state IN (${IN_ROOM_HEARING_STATES.map((st) => `'${st}'`).join(', ')}) LIMIT 1`),
    move: db.prepare('UPDATE hearings SET state = ?, started_at = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state = ?'),
    lookup: db.prepare(
      `SELECT h.* FROM hearings h JOIN hearing_persons p ON p.hearing_id = h.id
       WHERE h.case_number = ? AND p.code = ? ORDER BY h.day DESC, h.id DESC LIMIT 1`,
    ),
  };

  function today(): string {
    return localDay(clock.now(), site.timeZone);
  }

  // A day's times repeat (a few hundred distinct ones for thousands of hearings) and each zone
  // conversion asks Intl: remembered, a board of 5,000 hearings builds in ms, not a fifth of a second.
  const epochOf = new Map<string, number>();
  function scheduledAt(day: string, time: string): number {
    const key = `${day} ${time}`;
    let at = epochOf.get(key);
    if (at === undefined) {
      if (epochOf.size > 10_000) epochOf.clear();
      at = localToEpoch(day, time, site.timeZone);
      epochOf.set(key, at);
    }
    return at;
  }

  function roomHearing(r: Row): RoomHearing {
    return { id: r.id, scheduledAt: scheduledAt(r.day, r.time), state: r.state, startedAt: r.started_at, finishedAt: r.finished_at };
  }

  function estimatesFor(rows: readonly Row[]): Map<string, ReturnType<typeof estimateRoom>> {
    const byRoom = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byRoom.get(r.courtroom_id);
      if (list) list.push(r);
      else byRoom.set(r.courtroom_id, [r]);
    }
    const now = clock.now();
    return new Map([...byRoom].map(([room, rs]) => [room, estimateRoom(rs.map(roomHearing), now, site.hearingMinutes * 60_000)]));
  }

  /** A day's persons by hearing, in the order read (one pass, not a scan per hearing). */
  function personsByHearing(persons: readonly PersonRow[]): Map<number, PersonRow[]> {
    const by = new Map<number, PersonRow[]>();
    for (const p of persons) {
      const list = by.get(p.hearing_id);
      if (list) list.push(p);
      else by.set(p.hearing_id, [p]);
    }
    return by;
  }

  /** The input with its room as an id: staff may name it (第一偵查庭, Investigation Court 1) or give the id. */
  function checkRow(input: HearingInput): HearingInput {
    // Most rows (an import's, already read by name) carry the id: no need to read a name.
    if (rooms.has(input.courtroomId)) return input;
    const room = findRoom(input.courtroomId);
    if (!room) throw new DomainError('invalid', unknownCourtroom(input.courtroomId, site.courtrooms));
    return room.id === input.courtroomId ? input : { ...input, courtroomId: room.id };
  }

  function alreadyThere(input: HearingInput): DomainError {
    const room = rooms.get(input.courtroomId);
    return new DomainError(
      'conflict',
      `${input.caseNumber} is already on ${input.date} in ${room?.name.en ?? input.courtroomId} / ${input.caseNumber} 已排於 ${input.date} ${room?.name.zh ?? input.courtroomId}.`,
    );
  }

  /**
   * An import as plain SQL steps, one body for both ways it runs (on this
   * connection, or on a worker's: importRowsOffThread). The rows are staged
   * in temp tables, then applied set-wise: a hearing is added or updated by
   * day, room and case number; one that has started keeps its time and state;
   * its persons are replaced; the last of duplicate rows wins. The audit row is
   * in the same transaction.
   */
  function importSteps(actorUserId: number | null, given: readonly HearingInput[], source: string): SqlStep[] {
    const inputs = given.map(checkRow);
    const now = clock.now();
    const key = 'h.day = i.day AND h.courtroom_id = i.courtroom_id AND h.case_number = i.case_number';
    const upcoming = UPCOMING_HEARING_STATES.map((st) => `'${st}'`).join(', ');
    return [
      {
        sql: `CREATE TEMP TABLE IF NOT EXISTS import_h (seq INTEGER PRIMARY KEY, day TEXT, time TEXT, courtroom_id TEXT, case_number TEXT, division TEXT, prosecutor TEXT, is_new INTEGER)`,
      },
      { sql: 'CREATE TEMP TABLE IF NOT EXISTS import_p (seq INTEGER, ord INTEGER, name TEXT, role TEXT, code TEXT)' },
      { sql: 'DELETE FROM temp.import_h' },
      { sql: 'DELETE FROM temp.import_p' },
      { sql: 'INSERT INTO temp.import_h (seq, day, time, courtroom_id, case_number, division, prosecutor) VALUES (?, ?, ?, ?, ?, ?, ?)', rows: inputs.map((x, seq) => [seq, x.date, x.time, x.courtroomId, x.caseNumber, x.division, x.prosecutor]) },
      { sql: 'INSERT INTO temp.import_p (seq, ord, name, role, code) VALUES (?, ?, ?, ?, ?)', rows: inputs.flatMap((x, seq) => x.persons.map((p, ord) => [seq, ord, p.name, p.role, p.code ?? null])) },
      // A hearing listed twice: the later row is the one that counts, as if applied in order.
      { sql: 'DELETE FROM temp.import_h WHERE seq NOT IN (SELECT max(seq) FROM temp.import_h GROUP BY day, courtroom_id, case_number)' },
      { sql: `UPDATE temp.import_h AS i SET is_new = NOT EXISTS (SELECT 1 FROM hearings h WHERE ${key})` },
      { sql: `UPDATE hearings AS h SET time = i.time, division = i.division, prosecutor = i.prosecutor, updated_at = ? FROM temp.import_h i WHERE ${key} AND h.state IN (${upcoming})`, params: [now] },
      { sql: `DELETE FROM hearing_persons WHERE hearing_id IN (SELECT h.id FROM hearings h JOIN temp.import_h i ON ${key})` },
      {
        sql: `INSERT INTO hearings (day, time, courtroom_id, case_number, division, prosecutor, state, updated_at)
              SELECT day, time, courtroom_id, case_number, division, prosecutor, 'scheduled', ? FROM temp.import_h WHERE is_new ORDER BY seq`,
        params: [now],
      },
      {
        sql: `INSERT INTO hearing_persons (hearing_id, name, role, code)
              SELECT h.id, p.name, p.role, p.code FROM temp.import_p p JOIN temp.import_h i ON i.seq = p.seq JOIN hearings h ON ${key} ORDER BY p.seq, p.ord`,
      },
      // Rows beyond the new hearings updated one already there (counted as the row-by-row import did).
      {
        sql: `INSERT INTO audit (at, actor_user_id, action, target, detail)
              SELECT ?, ?, 'hearings.import', ?, json_object('imported', n, 'updated', ? - n) FROM (SELECT count(*) AS n FROM temp.import_h WHERE is_new)`,
        params: [now, actorUserId, `hearings:${source}`, inputs.length],
      },
      { sql: 'DELETE FROM temp.import_h' },
      { sql: 'DELETE FROM temp.import_p' },
    ];
  }

  /** Which step's changes are the new hearings (the INSERT INTO hearings). */
  const NEW_HEARINGS_STEP = 10;

  function counted(changes: StepChanges, total: number): { imported: number; updated: number } {
    const imported = changes[NEW_HEARINGS_STEP] ?? 0;
    return { imported, updated: total - imported };
  }

  /** All rows or none: an import either lands whole or is refused whole. */
  function importRows(actorUserId: number | null, inputs: readonly HearingInput[], source: string): { imported: number; updated: number } {
    const steps = importSteps(actorUserId, inputs, source);
    const result = counted(inTransaction(db, () => runSteps(db, steps)), inputs.length);
    bus.emit('hearings.changed', {});
    return result;
  }

  /**
   * The same import in one transaction on a worker's connection (a file-backed
   * database): tens of ms of index work for a large file, which the devices'
   * loop should not wait through. Without a file (tests' :memory:) it runs here.
   */
  async function importRowsOffThread(actorUserId: number | null, inputs: readonly HearingInput[], source: string): Promise<{ imported: number; updated: number }> {
    const off = deps.offThread;
    if (!off) return importRows(actorUserId, inputs, source);
    const steps = importSteps(actorUserId, inputs, source);
    const result = counted(await stepsOffThread(off.file, steps, off.nativeBinding ? { nativeBinding: off.nativeBinding } : {}), inputs.length);
    bus.emit('hearings.changed', {});
    return result;
  }

  function create(actorUserId: number, given: HearingInput): Hearing {
    const now = clock.now();
    const input = checkRow(given);
    const id = inTransaction(db, () => {
      if (stmts.find.get(input.date, input.courtroomId, input.caseNumber)) throw alreadyThere(input);
      const id = Number(stmts.insert.run(input.date, input.time, input.courtroomId, input.caseNumber, input.division, input.prosecutor, now).lastInsertRowid);
      for (const p of input.persons) stmts.insertPerson.run(id, p.name, p.role, p.code ?? null);
      writeAudit(db, clock, { actorUserId, action: 'hearing.create', target: `hearing:${id}`, detail: { caseNumber: input.caseNumber, date: input.date } });
      return id;
    });
    bus.emit('hearings.changed', {});
    return get(id);
  }

  /**
   * One tap of a bailiff or clerk: checked in, in session, recess, finished …
   * 庭畢 tapped too soon may be taken back on the hearing's own day (an undo,
   * audited as such): back in session, or back to waiting to be called again.
   */
  function move(actorUserId: number, id: number, to: HearingState): Hearing {
    const now = clock.now();
    inTransaction(db, () => {
      const row = maybeRow(stmts.byId.get(id), hearingOf);
      if (!row) throw new DomainError('not_found', `No hearing ${id}.`);
      const undo = canUndo(row.state, to);
      if (!canMove(row.state, to) && !undo) {
        const allowed = [...HEARING_TRANSITIONS[row.state].map((s) => HEARING_STATE_NAMES[s]), ...undoNames(row.state)].join(', ') || 'none';
        throw new DomainError('conflict', `${row.case_number} is ${HEARING_STATE_NAMES[row.state]}; it cannot become ${HEARING_STATE_NAMES[to]}. Allowed: ${allowed}.`);
      }
      if (undo) checkUndo(row, to);
      // Back to waiting, it starts again when called; back in session, it keeps its start. Either way it has not finished.
      const startedAt = undo ? (to === 'in_session' ? row.started_at : null) : to === 'in_session' && row.started_at === null ? now : row.started_at;
      const finishedAt = undo ? null : to === 'finished' ? now : row.finished_at;
      stmts.move.run(to, startedAt, finishedAt, now, id, row.state);
      writeAudit(db, clock, {
        actorUserId,
        action: undo ? 'hearing.undo' : 'hearing.state',
        target: `hearing:${id}`,
        detail: { caseNumber: row.case_number, from: row.state, to },
      });
    });
    bus.emit('hearings.changed', {});
    return get(id);
  }

  /** An undo is for a slip on the day: never another day's record, never two hearings in one room at once. */
  function checkUndo(row: Row, to: HearingState): void {
    if (row.day !== today()) {
      throw new DomainError('conflict', `${row.case_number}: 庭畢 can be undone only on the day of the hearing (${row.day}) / 庭畢僅能於開庭當日復原。`);
    }
    if (to !== 'in_session') return;
    const other = maybeRow(stmts.inRoom.get(row.day, row.courtroom_id, row.id), hearingOf);
    if (other) {
      const room = rooms.get(row.courtroom_id);
      throw new DomainError(
        'conflict',
        `${other.case_number} is ${HEARING_STATE_NAMES[other.state]} in ${room?.name.en ?? row.courtroom_id}; undo to 候訊 waiting instead / ${room?.name.zh ?? row.courtroom_id}目前由 ${other.case_number} 使用，請改復原為候訊。`,
      );
    }
  }

  /**
   * A clerk's correction: time, room, case number, division, prosecutor and
   * persons, checked as a new hearing is (the room by name or id). The state
   * is kept. Audited by what changed: values for the case's own facts, only
   * the word for names (the audit outlives the hearing's personal data).
   */
  function update(actorUserId: number, id: number, given: HearingInput): Hearing {
    const now = clock.now();
    const input = checkRow(given);
    const changed = inTransaction(db, () => {
      const row = maybeRow(stmts.byId.get(id), hearingOf);
      if (!row) throw new DomainError('not_found', `No hearing ${id}.`);
      const clash = maybeRow(stmts.find.get(input.date, input.courtroomId, input.caseNumber), (r) => HEARING.int(HEARING.row(r).id, 'id'));
      if (clash !== undefined && clash !== id) throw alreadyThere(input);
      const before = { date: row.day, time: row.time, courtroomId: row.courtroom_id, caseNumber: row.case_number, division: row.division };
      const after = { date: input.date, time: input.time, courtroomId: input.courtroomId, caseNumber: input.caseNumber, division: input.division };
      const facts = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
      const personsBefore = stmts.persons.all(id).map(personOf).map((p) => ({ name: p.name, role: p.role, code: p.code }));
      const personsAfter = input.persons.map((p) => ({ name: p.name, role: p.role, code: p.code ?? null }));
      const fields = [
        ...facts,
        ...(row.prosecutor !== input.prosecutor ? ['prosecutor'] : []),
        ...(JSON.stringify(personsBefore) !== JSON.stringify(personsAfter) ? ['persons'] : []),
      ];
      if (fields.length === 0) return fields;
      stmts.update.run(input.date, input.time, input.courtroomId, input.caseNumber, input.division, input.prosecutor, now, id);
      stmts.deletePersons.run(id);
      for (const p of input.persons) stmts.insertPerson.run(id, p.name, p.role, p.code ?? null);
      writeAudit(db, clock, {
        actorUserId,
        action: 'hearing.update',
        target: `hearing:${id}`,
        detail: {
          caseNumber: input.caseNumber,
          changed: fields,
          from: Object.fromEntries(facts.map((k) => [k, before[k]])),
          to: Object.fromEntries(facts.map((k) => [k, after[k]])),
          persons: personsAfter.length,
        },
      });
      return fields;
    });
    if (changed.length) bus.emit('hearings.changed', {});
    return get(id);
  }

  /**
   * A hearing imported or entered by mistake, with its persons (names, summons
   * codes: ON DELETE CASCADE). Audited by case number and counts, not names.
   */
  function remove(actorUserId: number, id: number): void {
    inTransaction(db, () => {
      const row = maybeRow(stmts.byId.get(id), hearingOf);
      if (!row) throw new DomainError('not_found', `No hearing ${id}.`);
      const persons = stmts.persons.all(id).length;
      db.prepare('DELETE FROM hearings WHERE id = ?').run(id);
      writeAudit(db, clock, { actorUserId, action: 'hearing.delete', target: `hearing:${id}`, detail: { caseNumber: row.case_number, date: row.day, courtroomId: row.courtroom_id, persons } });
    });
    bus.emit('hearings.changed', {});
  }

  function toDto(r: Row, persons: readonly PersonRow[], estimate: number | undefined): Hearing {
    return {
      id: r.id,
      date: r.day,
      time: r.time,
      courtroomId: r.courtroom_id,
      caseNumber: r.case_number,
      division: r.division,
      prosecutor: r.prosecutor,
      persons: persons.map((p) => ({ name: p.name, role: p.role, code: p.code })),
      state: r.state,
      startedAt: r.started_at === null ? null : localIso(r.started_at, site.timeZone),
      finishedAt: r.finished_at === null ? null : localIso(r.finished_at, site.timeZone),
      estimatedStart: estimate === undefined ? null : localHhmm(estimate, site.timeZone),
    };
  }

  function get(id: number): Hearing {
    const row = maybeRow(stmts.byId.get(id), hearingOf);
    if (!row) throw new DomainError('not_found', `No hearing ${id}.`);
    const sameRoom = stmts.byDay.all(row.day).map(hearingOf).filter((r) => r.courtroom_id === row.courtroom_id);
    const est = estimatesFor(sameRoom).get(row.courtroom_id)?.starts.get(id);
    return toDto(row, stmts.persons.all(id).map(personOf), est);
  }

  /** Staff view: everything, full names included. */
  function list(day = today()): Hearing[] {
    const rows = stmts.byDay.all(day).map(hearingOf);
    const persons = personsByHearing(stmts.personsOfDay.all(day).map(personOf));
    const est = estimatesFor(rows);
    return rows.map((r) => toDto(r, persons.get(r.id) ?? [], est.get(r.courtroom_id)?.starts.get(r.id)));
  }

  /** Public view: masked names, no prosecutor's name, no summons codes. */
  function board(): HearingsBoard {
    const day = today();
    const rows = stmts.byDay.all(day).map(hearingOf);
    const persons = personsByHearing(stmts.personsOfDay.all(day).map(personOf));
    const est = estimatesFor(rows);
    const pub = (r: Row): PublicHearing => {
      const e = est.get(r.courtroom_id)?.starts.get(r.id);
      return {
        id: r.id,
        caseNumber: r.case_number,
        division: r.division,
        time: r.time,
        state: r.state,
        estimatedStart: e === undefined ? null : localHhmm(e, site.timeZone),
        startedAt: r.started_at === null ? null : localHhmm(r.started_at, site.timeZone),
        persons: (persons.get(r.id) ?? []).map((p) => maskName(p.name)),
      };
    };
    return {
      date: day,
      rooms: site.courtrooms.map((room) => {
        const rs = rows.filter((r) => r.courtroom_id === room.id);
        const current = rs.find((r) => IN_ROOM_HEARING_STATES.includes(r.state));
        const upcoming = rs.filter((r) => UPCOMING_HEARING_STATES.includes(r.state));
        return {
          courtroomId: room.id,
          name: room.name,
          floor: room.floor,
          current: current ? pub(current) : null,
          next: upcoming.slice(0, NEXT_SHOWN).map(pub),
          waiting: upcoming.filter((r) => r.state === 'checked_in' || r.state === 'waiting').length,
          delayMinutes: est.get(room.id)?.delayMinutes ?? 0,
        };
      }),
    };
  }

  /**
   * The phone page and the kiosk scan: a case number and the summons' code
   * find that one hearing; anything else finds nothing, and says nothing about why.
   */
  function lookup(caseNumber: string, code: string): HearingLookup {
    const row = maybeRow(stmts.lookup.get(caseNumber, code), hearingOf);
    if (!row) throw new DomainError('not_found', '查無此案件，請確認案號與驗證碼 / No hearing matches this case number and code.');
    const room = rooms.get(row.courtroom_id);
    const sameRoom = stmts.byDay.all(row.day).map(hearingOf).filter((r) => r.courtroom_id === row.courtroom_id);
    const est = estimatesFor(sameRoom).get(row.courtroom_id)?.starts.get(row.id);
    const mine = roomHearing(row);
    const ahead = sameRoom.filter((r) => r.id !== row.id && (IN_ROOM_HEARING_STATES.includes(r.state) || UPCOMING_HEARING_STATES.includes(r.state)))
      .map(roomHearing)
      .filter((h) => h.scheduledAt < mine.scheduledAt || (h.scheduledAt === mine.scheduledAt && h.id < mine.id) || IN_ROOM_HEARING_STATES.includes(h.state)).length;
    return {
      caseNumber: row.case_number,
      courtroom: { id: row.courtroom_id, name: room?.name ?? { zh: row.courtroom_id, en: row.courtroom_id }, floor: room?.floor ?? 1 },
      time: row.time,
      state: row.state,
      estimatedStart: est === undefined ? null : localHhmm(est, site.timeZone),
      ahead: UPCOMING_HEARING_STATES.includes(row.state) ? ahead : 0,
    };
  }

  return { importRows, importRowsOffThread, create, update, move, remove, list, get, board, lookup, today };
}

export type Hearings = ReturnType<typeof createHearings>;

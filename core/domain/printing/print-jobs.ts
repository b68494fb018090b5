import { printJobSchema, type PrintJob } from '../../contract';
import { localDay, localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { columnChecks, intValue, maybeRow } from '../row-check';

const JOB = columnChecks('print_jobs row');
const KINDS = printJobSchema.shape.kind.options;
const STATUSES = printJobSchema.shape.status.options;

/** A job with its ticket's number and service; created when, in epoch ms. */
type JobRecord = Omit<PrintJob, 'createdAt'> & { createdAt: number };

function jobOf(row: unknown): JobRecord {
  const r = JOB.row(row);
  return {
    id: JOB.int(r.id, 'id'),
    ticketNumber: JOB.text(r.number, 'number'),
    serviceId: JOB.text(r.service_id, 'service_id'),
    kind: JOB.oneOf(r.kind, KINDS, 'kind'),
    status: JOB.oneOf(r.status, STATUSES, 'status'),
    attempts: JOB.int(r.attempts, 'attempts'),
    createdAt: JOB.time(r.created_at, 'created_at'),
    error: JOB.textOrNull(r.error, 'error'),
  };
}

const JOB_SELECT = `SELECT j.id, j.ticket_id, j.kind, j.status, j.attempts, j.created_at, j.error, t.number, t.service_id
  FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id`;

/**
 * The print jobs' ledger. A job moves pending → printing → printed | failed and
 * never back: once bytes went to the printer it is never sent again by itself,
 * and a job that did not print stays visible to staff until someone reprints.
 */
export function createPrintJobs(deps: { db: Db; clock: Clock; bus: EventBus; timeZone: string }) {
  const { db, clock, bus, timeZone } = deps;
  const stmts = {
    insert: db.prepare(`INSERT INTO print_jobs (ticket_id, kind, requested_by, created_at, status) VALUES (?, ?, ?, ?, 'pending')`),
    start: db.prepare(`UPDATE print_jobs SET status = 'printing', attempts = attempts + 1 WHERE id = ? AND status IN ('pending','printing')`),
    printed: db.prepare(`UPDATE print_jobs SET status = 'printed', bytes = ?, error = NULL, finished_at = ? WHERE id = ? AND status = 'printing'`),
    failed: db.prepare(`UPDATE print_jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status IN ('pending','printing')`),
    byId: db.prepare(`${JOB_SELECT} WHERE j.id = ?`),
    // The latest job per ticket decides: a failed ticket job followed by a printed reprint is done.
    failedSince: db.prepare(
      `${JOB_SELECT} WHERE j.status = 'failed' AND t.day = ?
       AND NOT EXISTS (SELECT 1 FROM print_jobs k WHERE k.ticket_id = j.ticket_id AND k.id > j.id)
       ORDER BY j.id DESC LIMIT 50`,
    ),
    pending: db.prepare(`SELECT COUNT(*) FROM print_jobs WHERE status IN ('pending','printing')`).pluck(),
    interrupted: db.prepare(`UPDATE print_jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('pending','printing')`),
  };

  function toDto(r: JobRecord): PrintJob {
    return { ...r, createdAt: localIso(r.createdAt, timeZone) };
  }

  function changed(): void {
    bus.emit('print.jobs.changed', {});
  }

  return {
    create(ticketId: number, kind: 'ticket' | 'reprint', requestedBy: number | null): number {
      const id = Number(stmts.insert.run(ticketId, kind, requestedBy, clock.now()).lastInsertRowid);
      changed();
      return id;
    },
    /** A reprint is a staff change to what a citizen holds: it is audited with the job. */
    createReprint(ticketId: number, number: string, actorUserId: number): number {
      return inTransaction(db, () => {
        const id = Number(stmts.insert.run(ticketId, 'reprint', actorUserId, clock.now()).lastInsertRowid);
        writeAudit(db, clock, { actorUserId, action: 'ticket.reprint', target: `ticket:${number}`, detail: { jobId: id } });
        changed();
        return id;
      });
    },
    start(id: number): void {
      stmts.start.run(id);
    },
    printed(id: number, bytes: number): void {
      stmts.printed.run(bytes, clock.now(), id);
      changed();
    },
    failed(id: number, error: string): void {
      stmts.failed.run(error, clock.now(), id);
      changed();
    },
    get(id: number): PrintJob | null {
      const row = maybeRow(stmts.byId.get(id), jobOf);
      return row ? toDto(row) : null;
    },
    /** Today's tickets whose latest job failed: what staff should reprint. */
    failedToday(): PrintJob[] {
      return stmts.failedSince.all(localDay(clock.now(), timeZone)).map((r) => toDto(jobOf(r)));
    },
    pendingCount(): number {
      return intValue(stmts.pending.get(), 'print jobs pending');
    },
    /**
     * After a crash a job left pending or printing may or may not have
     * printed; printing it again could hand out a duplicate, so it is failed
     * with a reason and left for staff to reprint.
     */
    failInterrupted(): number {
      const n = stmts.interrupted.run('interrupted by a restart; reprint if the ticket did not come out', clock.now()).changes;
      if (n) changed();
      return n;
    },
  };
}

export type PrintJobs = ReturnType<typeof createPrintJobs>;

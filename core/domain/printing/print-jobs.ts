import type { PrintJob } from '../../contract';
import { localDay, localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';

interface JobRow {
  id: number;
  ticket_id: number;
  kind: 'ticket' | 'reprint';
  status: PrintJob['status'];
  attempts: number;
  created_at: number;
  error: string | null;
  number: string;
  service_id: string;
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
    pending: db.prepare(`SELECT COUNT(*) AS n FROM print_jobs WHERE status IN ('pending','printing')`),
    interrupted: db.prepare(`UPDATE print_jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('pending','printing')`),
  };

  function toDto(r: JobRow): PrintJob {
    return {
      id: r.id,
      ticketNumber: r.number,
      serviceId: r.service_id,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      createdAt: localIso(r.created_at, timeZone),
      error: r.error,
    };
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
      const row = stmts.byId.get(id) as JobRow | undefined;
      return row ? toDto(row) : null;
    },
    /** Today's tickets whose latest job failed: what staff should reprint. */
    failedToday(): PrintJob[] {
      return (stmts.failedSince.all(localDay(clock.now(), timeZone)) as JobRow[]).map(toDto);
    },
    pendingCount(): number {
      return (stmts.pending.get() as { n: number }).n;
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

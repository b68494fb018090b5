import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../contract';
import { writeAudit } from '../../domain/audit';
import { DomainError } from '../../domain/errors';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

/** How long a reprint request waits for the printer before answering with the job as it stands. */
const REPRINT_WAIT_MS = 3000;

export function deviceRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.reprint, async ({ body: { number }, staff }) => {
    const ticket = s.queue.ticketByNumber(number);
    const jobId = s.jobs.createReprint(ticket.id, ticket.number, staff.id);
    await s.printQueue.raceWait(s.printQueue.submit(jobId, ticket.id), REPRINT_WAIT_MS);
    return { job: s.jobs.get(jobId)! };
  });

  serve(app, ROUTES.forgetScreen, ({ body: { id }, staff }) => {
    const result = s.screens.forget(id);
    if ('refused' in result) {
      throw result.refused === 'open'
        ? new DomainError('conflict', 'This screen is connected now; it can be forgotten once it stops.')
        : new DomainError('conflict', 'This screen is listed in the site file (expectedScreens or screens); remove it there.');
    }
    if (result.forgotten) writeAudit(s.db, s.clock, { actorUserId: staff.id, action: 'screen.forget', target: id, detail: {} });
    return result;
  });

  serve(app, ROUTES.simPrinterFault, ({ body: { fault }, staff }) => {
    s.simPanel.setFault(fault);
    writeAudit(s.db, s.clock, { actorUserId: staff.id, action: 'device.sim-fault', target: 'printer:simulated', detail: { fault } });
    return { fault };
  });

  serve(app, ROUTES.simKeypadPress, async ({ body }) => {
    await s.simPanel.pressKey(body);
    return OK;
  });

  serve(app, ROUTES.simSign, ({ body: { id, offline }, staff }) => {
    s.simPanel.setSignOffline(id, offline);
    writeAudit(s.db, s.clock, { actorUserId: staff.id, action: 'device.sim-sign', target: `sign:${id}`, detail: { offline } });
    return { id, offline };
  });

  serve(app, ROUTES.simScan, async ({ body: { text } }) => {
    await s.simPanel.scan(text);
    return OK;
  });
}

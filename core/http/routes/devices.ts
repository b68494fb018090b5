import type { FastifyInstance } from 'fastify';
import { API, reprintRequestSchema, simFaultRequestSchema, simKeypadRequestSchema, simSignRequestSchema, simScanRequestSchema, type ReprintResponse } from '../../contract';
import { writeAudit } from '../../domain/audit';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import type { HttpServices } from '../services';

/** How long a reprint request waits for the printer before answering with the job as it stands. */
const REPRINT_WAIT_MS = 3000;

export function deviceRoutes(app: FastifyInstance, s: HttpServices): void {
  app.post(API.staffReprint, async (req): Promise<ReprintResponse> => {
    const user = staffOf(req);
    const { number } = parse(reprintRequestSchema, req.body);
    const ticket = s.queue.ticketByNumber(number);
    const jobId = s.jobs.createReprint(ticket.id, ticket.number, user.id);
    await s.printQueue.raceWait(s.printQueue.submit(jobId, ticket.id), REPRINT_WAIT_MS);
    return { job: s.jobs.get(jobId)! };
  });

  app.post(API.simPrinterFault, async (req) => {
    const user = staffOf(req);
    const { fault } = parse(simFaultRequestSchema, req.body);
    s.simPanel.setFault(fault);
    writeAudit(s.db, s.clock, { actorUserId: user.id, action: 'device.sim-fault', target: 'printer:simulated', detail: { fault } });
    return { fault };
  });

  app.post(API.simKeypadPress, async (req) => {
    const press = parse(simKeypadRequestSchema, req.body);
    await s.simPanel.pressKey(press);
    return { ok: true };
  });

  app.post(API.simSign, async (req) => {
    const user = staffOf(req);
    const { id, offline } = parse(simSignRequestSchema, req.body);
    s.simPanel.setSignOffline(id, offline);
    writeAudit(s.db, s.clock, { actorUserId: user.id, action: 'device.sim-sign', target: `sign:${id}`, detail: { offline } });
    return { id, offline };
  });

  app.post(API.simScan, async (req) => {
    staffOf(req);
    await s.simPanel.scan(parse(simScanRequestSchema, req.body).text);
    return { ok: true };
  });
}

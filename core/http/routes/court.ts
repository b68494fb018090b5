import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  API,
  detaineeInputSchema,
  detaineeStageRequestSchema,
  hearingImportRequestSchema,
  hearingInputSchema,
  hearingLookupQuerySchema,
  hearingTransitionSchema,
  rosterDayRequestSchema,
} from '../../contract';
import { readHearingsFile } from '../../domain/hearings/import-file';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { HttpServices } from '../services';

const idParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });
const dayQuery = z.strictObject({ date: z.iso.date().optional() });
const dayParams = z.strictObject({ date: z.iso.date() });
const rosterQuery = z.strictObject({ date: z.iso.date() });

/** Hearings, new detainees and the roster: bailiffs and clerks change them; the public reads masked boards. */
export function courtRoutes(app: FastifyInstance, s: HttpServices): void {
  // A summons code is short; guessing is slowed per address.
  const lookups = createRateLimiter({ limit: 20, windowMs: 10 * 60_000, message: '查詢次數過多，請稍後再試 / Too many look-ups; please try again later.' });

  app.get(API.phoneHearing, async (req) => {
    lookups.hit(req.ip);
    const { c, v } = parse(hearingLookupQuerySchema, req.query);
    return s.hearings.lookup(c, v);
  });

  app.get(API.staffHearings, async (req) => {
    const { date } = parse(dayQuery, req.query);
    return { hearings: s.hearings.list(date) };
  });

  app.post(API.staffHearings, async (req, reply) => {
    const user = staffOf(req);
    return reply.status(201).send({ hearing: s.hearings.create(user.id, parse(hearingInputSchema, req.body)) });
  });

  // The one route that takes a file: its own, larger limit.
  app.post(API.staffHearingsImport, { bodyLimit: 9 * 1024 * 1024 }, async (req) => {
    const user = staffOf(req);
    const { format, contentBase64 } = parse(hearingImportRequestSchema, req.body);
    const { inputs, encoding } = readHearingsFile(Buffer.from(contentBase64, 'base64'), format, s.site.courtrooms.map((r) => r.id));
    return { ...s.hearings.importRows(user.id, inputs, `upload:${format}`), encoding };
  });

  app.post(API.staffHearingStatePattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    return { hearing: s.hearings.move(user.id, id, parse(hearingTransitionSchema, req.body).to) };
  });

  app.get(API.staffDetainees, async (req) => {
    const { date } = parse(dayQuery, req.query);
    return { detainees: s.detainees.list(date) };
  });

  app.post(API.staffDetainees, async (req, reply) => {
    const user = staffOf(req);
    return reply.status(201).send({ detainee: s.detainees.record(user.id, parse(detaineeInputSchema, req.body)) });
  });

  app.post(API.staffDetaineeStagePattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    return { detainee: s.detainees.setStage(user.id, id, parse(detaineeStageRequestSchema, req.body).stage) };
  });

  app.get(API.staffRoster, async (req) => {
    const { date } = parse(rosterQuery, req.query);
    return { date, entries: s.detainees.rosterDay(date), shifts: s.site.roster.shifts, roles: s.site.roster.roles };
  });

  app.put(API.staffRosterDayPattern, async (req) => {
    const user = staffOf(req);
    const { date } = parse(dayParams, req.params);
    s.detainees.setRosterDay(user.id, date, parse(rosterDayRequestSchema, req.body));
    return { date, entries: s.detainees.rosterDay(date) };
  });
}

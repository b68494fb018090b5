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
  type StaffDetainees,
} from '../../contract';
import { readHearingsFileInTurns } from '../../domain/hearings/import-file';
import { kioskToken } from '../kiosk-auth';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { HttpServices } from '../services';

const idParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });
const dayQuery = z.strictObject({ date: z.iso.date().optional() });
const dayParams = z.strictObject({ date: z.iso.date() });
const rosterQuery = z.strictObject({ date: z.iso.date() });

/**
 * Budgets for the hearing look-up (case number + summons code). A phone is
 * slowed per address against guessing. A provisioned kiosk looks up every
 * summons scanned or typed in the lobby, all from the lobby PC's one address
 * (shared with the boards and the staff screens), so it has its own budget
 * per kiosk: enough for a busy morning (one every two seconds, sustained),
 * still far too few to guess a code.
 */
export const HEARING_LOOKUP_LIMITS = { windowMs: 10 * 60_000, perAddress: 20, perKiosk: 300 } as const;
const TOO_MANY_LOOKUPS = '查詢次數過多，請稍後再試 / Too many look-ups; please try again later.';

/** Hearings, new detainees and the roster: bailiffs and clerks change them; the public reads masked boards. */
export function courtRoutes(app: FastifyInstance, s: HttpServices): void {
  // A summons code is short; guessing is slowed per address, or per kiosk for a kiosk's own look-ups.
  const { windowMs, perAddress, perKiosk } = HEARING_LOOKUP_LIMITS;
  const byAddress = createRateLimiter({ limit: perAddress, windowMs, message: TOO_MANY_LOOKUPS });
  const byKiosk = createRateLimiter({ limit: perKiosk, windowMs, message: TOO_MANY_LOOKUPS });

  app.get(API.phoneHearing, async (req) => {
    // Only a valid credential moves a request off the address budget: a made-up or revoked one counts as a phone.
    const kiosk = s.kiosks.kioskFor(kioskToken(req));
    if (kiosk) byKiosk.hit(String(kiosk.id));
    else byAddress.hit(req.ip);
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
    // Read in turns of a few ms (the printer and the live screens share this loop); stored in one transaction.
    const { inputs, encoding } = await readHearingsFileInTurns(Buffer.from(contentBase64, 'base64'), format, s.site.courtrooms.map((r) => r.id));
    return { ...(await s.hearings.importRowsOffThread(user.id, inputs, `upload:${format}`)), encoding };
  });

  app.post(API.staffHearingStatePattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    return { hearing: s.hearings.move(user.id, id, parse(hearingTransitionSchema, req.body).to) };
  });

  app.delete(API.staffHearingPattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    s.hearings.remove(user.id, id);
    return { deleted: id };
  });

  // The site's own stages and outcomes travel with the list: the staff screen keeps no copy of them.
  app.get(API.staffDetainees, async (req): Promise<StaffDetainees> => {
    const { date } = parse(dayQuery, req.query);
    return { detainees: s.detainees.list(date), stages: s.site.detainees.stages, outcomes: s.site.detainees.outcomes };
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

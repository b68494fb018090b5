import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROUTES } from '../../contract';
import { readHearingsFileInTurns } from '../../domain/hearings/import-file';
import { kioskToken } from '../kiosk-auth';
import { createRateLimiter } from '../rate-limit';
import { serve } from '../serve-route';
import type { HttpServices } from '../services';

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

  // Counted before the query is checked: a malformed look-up spends the budget like any other.
  const spendLookup = async (req: FastifyRequest): Promise<void> => {
    // Only a valid credential moves a request off the address budget: a made-up or revoked one counts as a phone.
    const kiosk = s.kiosks.useKiosk(kioskToken(req));
    if (kiosk) byKiosk.hit(String(kiosk.id));
    else byAddress.hit(req.ip);
  };
  serve(app, ROUTES.lookupHearing, ({ query: { c, v } }) => s.hearings.lookup(c, v), { preValidation: spendLookup });

  serve(app, ROUTES.listHearings, ({ query: { date } }) => ({ hearings: s.hearings.list(date) }));

  serve(app, ROUTES.createHearing, ({ body, staff }) => ({ hearing: s.hearings.create(staff.id, body) }));

  // The one route that takes a file (its own, larger body limit in the table).
  serve(app, ROUTES.importHearings, async ({ body: { format, contentBase64 }, staff }) => {
    // Read in turns of a few ms (the printer and the live screens share this loop); stored in one transaction.
    const { inputs, encoding } = await readHearingsFileInTurns(Buffer.from(contentBase64, 'base64'), format, s.site.courtrooms);
    return { ...(await s.hearings.importRowsOffThread(staff.id, inputs, `upload:${format}`)), encoding };
  });

  serve(app, ROUTES.updateHearing, ({ params: { id }, body, staff }) => ({ hearing: s.hearings.update(staff.id, id, body) }));

  serve(app, ROUTES.moveHearing, ({ params: { id }, body: { to }, staff }) => ({ hearing: s.hearings.move(staff.id, id, to) }));

  serve(app, ROUTES.deleteHearing, ({ params: { id }, staff }) => {
    s.hearings.remove(staff.id, id);
    return { deleted: id };
  });

  // The site's own stages and outcomes travel with the list: the staff screen keeps no copy of them.
  serve(app, ROUTES.listDetainees, ({ query: { date } }) => ({
    detainees: s.detainees.list(date),
    stages: s.site.detainees.stages,
    outcomes: s.site.detainees.outcomes,
  }));

  serve(app, ROUTES.recordDetainee, ({ body, staff }) => ({ detainee: s.detainees.record(staff.id, body) }));

  serve(app, ROUTES.updateDetainee, ({ params: { id }, body, staff }) => ({ detainee: s.detainees.update(staff.id, id, body) }));

  serve(app, ROUTES.deleteDetainee, ({ params: { id }, staff }) => {
    s.detainees.remove(staff.id, id);
    return { deleted: id };
  });

  serve(app, ROUTES.setDetaineeStage, ({ params: { id }, body: { stage }, staff }) => ({ detainee: s.detainees.setStage(staff.id, id, stage) }));

  serve(app, ROUTES.rosterDay, ({ query: { date } }) => ({
    date,
    entries: s.detainees.rosterDay(date),
    shifts: s.site.roster.shifts,
    roles: s.site.roster.roles,
  }));

  serve(app, ROUTES.saveRosterDay, ({ params: { date }, body, staff }) => {
    s.detainees.setRosterDay(staff.id, date, body);
    return { date, entries: s.detainees.rosterDay(date) };
  });
}

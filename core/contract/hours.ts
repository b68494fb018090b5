/**
 * Opening hours as an admin edits them: per service, per weekday, windows from–to (a day
 * with none is closed), or none at all (open whenever the lobby runs). Stored by the lobby
 * over the site file's hours, which stay the default to go back to.
 */
import { z } from 'zod';
import { bilingualSchema, openingHoursDtoSchema } from './dto';

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const hhmmSchema = z.string().regex(HHMM, 'a time as HH:MM (00:00–23:59)');
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** ISO weekdays, 1 = Monday … 7 = Sunday (as in the site file). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Tickets are issued from `from` until just before `to`, on each of `days`. */
export const hoursWindowSchema = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: hhmmSchema,
    to: hhmmSchema,
  })
  .refine((w) => minutes(w.from) < minutes(w.to), { message: 'a window closes after it opens (from before to, on the same day)', path: ['to'] });
export type HoursWindow = z.infer<typeof hoursWindowSchema>;

/** A service's hours from now on; null: whenever the lobby runs. Windows on one day may not overlap. */
export const setHoursRequestSchema = z
  .strictObject({ hours: z.array(hoursWindowSchema).max(50).nullable() })
  .superRefine((r, ctx) => {
    for (const day of WEEKDAYS) {
      const windows = (r.hours ?? []).filter((w) => w.days.includes(day)).sort((a, b) => minutes(a.from) - minutes(b.from));
      for (let i = 1; i < windows.length; i++) {
        if (minutes(windows[i]!.from) < minutes(windows[i - 1]!.to)) {
          ctx.addIssue({ code: 'custom', message: `two windows overlap on weekday ${day} (${windows[i - 1]!.from}–${windows[i - 1]!.to}, ${windows[i]!.from}–${windows[i]!.to})`, path: ['hours'] });
        }
      }
    }
  });
export type SetHoursRequest = z.infer<typeof setHoursRequestSchema>;

export const serviceParamsSchema = z.strictObject({ serviceId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a service id') });

export const serviceHoursSchema = z.object({
  serviceId: z.string(),
  name: bilingualSchema,
  /** In force now; null: whenever the lobby runs. */
  hours: z.array(openingHoursDtoSchema).nullable(),
  /** What the site file says, to go back to. */
  fileHours: z.array(openingHoursDtoSchema).nullable(),
  /** Set by an admin (not the site file's). */
  edited: z.boolean(),
  /** When an admin last set them (site time); null when the site file's. */
  updatedAt: z.string().nullable(),
});
export type ServiceHours = z.infer<typeof serviceHoursSchema>;

export const hoursListResponseSchema = z.object({ services: z.array(serviceHoursSchema) });
export const serviceHoursResponseSchema = z.object({ service: serviceHoursSchema });

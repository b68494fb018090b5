import { z } from 'zod';
import { SCREEN_PATHS, bilingualSchema, siteUsesHearings } from '../contract';
// Each device's section is defined beside its driver (hardware/<device>/config.ts): one copy of its options.
import { printerConfigSchema } from '../../hardware/printer/config';
import { signConfigSchema } from '../../hardware/sign/config';
import { scannerConfigSchema } from '../../hardware/scanner/config';
import { keypadConfigSchema } from '../../hardware/keypad/config';
import { counterDisplayConfigSchema } from '../../hardware/counter-display/config';

export { printerConfigSchema, signConfigSchema, scannerConfigSchema, keypadConfigSchema, counterDisplayConfigSchema };

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'time as HH:MM');

export const openingHoursSchema = z.strictObject({
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1),
  from: hhmm,
  to: hhmm,
});

/**
 * How the queue orders tickets. Priority (博愛) tickets — elderly, disabled,
 * pregnant — go first once every `priorityEvery` normal calls. Once any ticket
 * waiting at a counter has waited `agingMinutes`, the longest-waiting one goes
 * first, across all the counter's services and priority or not, so none starves
 * (core/domain/queue/ordering.ts).
 */
export const queueRulesSchema = z.strictObject({
  priorityEvery: z.number().int().min(0).max(20).default(2),
  agingMinutes: z.number().int().min(1).max(240).default(20),
  /** A skipped (no-show) ticket can still be served this long after it was skipped. */
  graceMinutes: z.number().int().min(0).max(120).default(10),
});

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lower-case letters, digits and dashes');

export const serviceConfigSchema = z.strictObject({
  id: idSchema,
  /** One capital letter printed before the number (A001). */
  prefix: z.string().regex(/^[A-Z]$/),
  name: bilingualSchema,
  description: bilingualSchema.optional(),
  /** When tickets are issued; absent = whenever the lobby runs. */
  hours: z.array(openingHoursSchema).optional(),
  /** true: numbers restart at 001 at local midnight and yesterday's waiting tickets expire; false: the queue carries over. */
  dailyReset: z.boolean().default(true),
});

export const counterConfigSchema = z.strictObject({
  id: idSchema,
  number: z.number().int().min(1).max(999),
  name: bilingualSchema,
  /** Services this counter calls, most preferred first. */
  serviceIds: z.array(idSchema).min(1),
});

export const screenRoleSchema = z.enum(['kiosk', 'calls', 'staff', 'devices', 'guide', 'hearings', 'detainees']);

export const screenConfigSchema = z.strictObject({
  role: screenRoleSchema,
  /** Display by Electron display id, or by position index in the display list (0 = primary). */
  display: z.union([z.strictObject({ id: z.number().int() }), z.strictObject({ index: z.number().int().min(0) })]).default({ index: 0 }),
  /** kiosk: locked touch screen; fullscreen: a TV; window: an ordinary window. */
  mode: z.enum(['kiosk', 'fullscreen', 'window']).default('window'),
  /** Extra path after the role's path, e.g. a courtroom id. */
  path: z.string().regex(/^[a-z0-9/-]*$/).default(''),
});

/** The path a screen's window loads: its role's page, then the configured extra path. */
export function screenPathOf(s: Pick<ScreenConfig, 'role' | 'path'>): string {
  const extra = s.path.replace(/^\/+|\/+$/g, '');
  return `/${s.role}${extra ? `/${extra}` : ''}`;
}

/** The pages a screen meant to be up can show (a phone's page is no such screen). */
const LAN_SCREENS: readonly string[] = Object.entries(SCREEN_PATHS).flatMap(([name, path]) => (name === 'phone' ? [] : [path]));

/**
 * A screen on another computer of the LAN (a TV outside a courtroom, a board in the
 * hall) that is meant to be up: staff are alarmed when it stops. The lobby PC's own
 * windows (`screens`) are meant to be up too; any other page opened on the LAN is
 * listed quietly and forgotten.
 */
export const expectedScreenSchema = z.strictObject({
  /** The path the screen opens, e.g. "/hearings/r1" (a screen role's page, then any extra path). */
  path: z
    .string()
    .max(120)
    .regex(/^\/[a-z]+(\/[A-Za-z0-9_-]+)*$/, 'a screen path looks like /calls or /hearings/r1')
    .refine((p) => LAN_SCREENS.some((s) => p === s || p.startsWith(`${s}/`)), { message: `a screen path starts with a screen: ${LAN_SCREENS.join(', ')}` }),
  /** What staff call it, e.g. 第一偵查庭門口 / Room 1 door. */
  name: bilingualSchema,
});

/**
 * What a site uses of the lobby. A prison has no hearings: its kiosk offers no summons
 * scan, and it has no hearing boards or hearings tab (siteUsesHearings).
 */
export const featuresSchema = z.strictObject({
  /** Hearings (開庭進度): the summons scan, the hearing boards, the hearings tab. Absent: used when the site lists courtrooms. */
  hearings: z.boolean().optional(),
});

/** Caller keypads and counter number displays; the address of each is its counter's number. */
export const queueDevicesSchema = z.strictObject({
  keypads: keypadConfigSchema,
  counterDisplays: counterDisplayConfigSchema,
});

const labelled = z.strictObject({ id: idSchema, zh: z.string().min(1), en: z.string().min(1) });

/**
 * A newly received person's processing: stages in order, then one of the
 * outcomes after the last stage. Both configurable per site.
 */
export const detaineesConfigSchema = z.strictObject({
  stages: z.array(labelled).min(1),
  outcomes: z.array(labelled).min(1),
  /** Days a record is kept before it is purged (personal data: only as long as needed). */
  retentionDays: z.number().int().min(1).max(365),
});

export const rosterConfigSchema = z.strictObject({
  shifts: z.array(labelled.extend({ from: hhmm, to: hhmm })).min(1),
  roles: z.array(labelled).min(1),
  /**
   * Whether the public board shows duty staff's full names. DOMAIN.md says no
   * public surface carries a full personal name, so the default masks them; an
   * agency that decides its officials' names on duty are public sets 'full'.
   */
  publicNames: z.enum(['masked', 'full']).default('masked'),
});

/**
 * How long each kind of personal data is kept (DOMAIN.md: only as long as its
 * purpose needs), in days; the nightly maintenance purges what is older, in the
 * live database and in every kept backup, before the night's copy is made.
 * README "Personal data" explains each default. Detainees keep their own
 * setting, detainees.retentionDays.
 */
export const retentionConfigSchema = z.strictObject({
  /**
   * A hearing with its persons' full names and summons codes, counted from the
   * hearing's day: boards and the phone look-up need only today and coming days;
   * a week more lets staff answer a citizen about last week's list.
   */
  hearingsDays: z.number().int().min(1).max(365).default(7),
  /** The duty roster's names, counted from the roster's day: the board shows today's; a month lets staff answer who was on duty. */
  rosterDays: z.number().int().min(1).max(365).default(31),
  /** The case system's files in <data>/inbox/hearings/done and refused (and the notes beside them), counted from the file's time. */
  inboxFilesDays: z.number().int().min(1).max(365).default(7),
  /** The lobby's own log files in <data>/logs (request lines carry addresses), counted from the file's last write. */
  logsDays: z.number().int().min(1).max(365).default(14),
  /** A closed ticket's phone link (the QR token), counted from the ticket's day; the ticket row stays for statistics without it. */
  ticketTokensDays: z.number().int().min(1).max(365).default(1),
  /** Staff sessions, kiosk provisioning codes and revoked kiosk credentials, counted from when they ended. */
  expiredCredentialsDays: z.number().int().min(1).max(365).default(1),
  /** The audit log (who changed what, when): accountability records, so a year. */
  auditDays: z.number().int().min(30).max(3650).default(365),
});
export type RetentionConfig = z.infer<typeof retentionConfigSchema>;

export const DEFAULT_RETENTION: RetentionConfig = {
  hearingsDays: 7,
  rosterDays: 31,
  inboxFilesDays: 7,
  logsDays: 14,
  ticketTokensDays: 1,
  expiredCredentialsDays: 1,
  auditDays: 365,
};

const DEFAULT_DETAINEES = {
  stages: [
    { id: 'delivered', zh: '解送到署', en: 'Delivered' },
    { id: 'waiting', zh: '候訊', en: 'Awaiting questioning' },
    { id: 'questioning', zh: '訊問中', en: 'Being questioned' },
    { id: 'questioned', zh: '訊畢', en: 'Questioning finished' },
  ],
  outcomes: [
    { id: 'bail', zh: '交保', en: 'Released on bail' },
    { id: 'custody-release', zh: '責付', en: 'Released to custody of a guardian' },
    { id: 'residence', zh: '限制住居', en: 'Residence restricted' },
    { id: 'released', zh: '請回', en: 'Released' },
    { id: 'detention-request', zh: '聲請羈押', en: 'Detention requested' },
    { id: 'other', zh: '其他', en: 'Other' },
  ],
  retentionDays: 7,
};

const DEFAULT_ROSTER = {
  shifts: [
    { id: 'day', zh: '日班', en: 'Day', from: '08:00', to: '17:30' },
    { id: 'night', zh: '夜班', en: 'Night', from: '17:30', to: '08:00' },
  ],
  roles: [
    { id: 'prosecutor', zh: '值班檢察官', en: 'Duty prosecutor' },
    { id: 'clerk', zh: '值班書記官', en: 'Duty clerk' },
    { id: 'bailiff', zh: '值班法警', en: 'Duty bailiff' },
  ],
  publicNames: 'masked' as const,
};

/**
 * The core listens on 127.0.0.1 only (screens on this computer) unless the site
 * opens it to the building's LAN for TVs, counter PCs and phones. Open to the LAN,
 * the port speaks HTTPS (plain HTTP only from this computer's own windows; from the
 * LAN it redirects), with the agency's certificate or one the lobby makes itself.
 */
export const networkConfigSchema = z.strictObject({
  openToLan: z.boolean().default(false),
  port: z.number().int().min(1).max(65535).default(8080),
  /**
   * The addresses to listen on when open to the LAN, e.g. ["192.168.1.10"] for the
   * counter network's card only; default every interface. The lobby's own windows
   * always reach it on 127.0.0.1.
   */
  listen: z.array(z.union([z.ipv4(), z.ipv6()])).min(1).max(8).optional(),
  /** PEM files of the agency's certificate (with its chain) and key; default a self-signed one in <data>/tls. */
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  /**
   * A screen that stopped (its socket closed) is listed, and alarms staff if it is an
   * unattended board, for this long; then it is forgotten (moved, retired, or never real).
   */
  screenForgetMinutes: z.number().int().min(1).max(7 * 24 * 60).default(10),
  /**
   * Live sockets one LAN address may hold at once (a TV wall on one PC opens several);
   * past it a new one is refused. The lobby PC's own windows (loopback) are not counted.
   */
  liveConnectionsPerAddress: z.number().int().min(1).max(10_000).default(50),
});
export type NetworkConfig = z.infer<typeof networkConfigSchema>;

/**
 * What the site-wide checks below read, loosely: they also run on a file whose other fields
 * have problems (each reported at once), but only when the parts they read have this shape.
 * A new check reading another part adds that part here.
 */
const crossCheckShape = z.object({
  services: z.array(z.object({ id: z.string(), prefix: z.string() })),
  counters: z.array(z.object({ id: z.string(), serviceIds: z.array(z.string()) })),
  courtrooms: z.array(z.unknown()),
  features: z.object({ hearings: z.boolean().optional() }),
  signs: z.array(z.object({ id: z.unknown() })),
  screens: z.array(z.object({ role: z.string(), path: z.string() })),
  expectedScreens: z.array(z.object({ path: z.string() })),
});

export const siteConfigSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(['prosecutors-office', 'prison']),
    agency: bilingualSchema,
    timeZone: z.literal('Asia/Taipei').default('Asia/Taipei'),
    /** Base URL phones on the LAN use to reach this lobby (QR codes). Defaults to the LAN address when open to the LAN. */
    publicBaseUrl: z.url().optional(),
    network: networkConfigSchema.default({ openToLan: false, port: 8080, screenForgetMinutes: 10, liveConnectionsPerAddress: 50 }),
    services: z.array(serviceConfigSchema).min(1),
    counters: z.array(counterConfigSchema).min(1),
    courtrooms: z.array(z.strictObject({ id: idSchema, name: bilingualSchema, floor: z.number().int() })).default([]),
    features: featuresSchema.default({}),
    offices: z
      .array(
        z.strictObject({
          id: idSchema,
          name: bilingualSchema,
          floor: z.number().int(),
          summary: bilingualSchema,
          extension: z.string().optional(),
        }),
      )
      .default([]),
    ticket: z
      .strictObject({ footer: bilingualSchema })
      .default({ footer: { zh: '請留意叫號，過號請洽櫃台', en: 'Please listen for your number' } }),
    printer: printerConfigSchema.default({ driver: 'simulated', encoding: 'big5' }),
    queue: queueRulesSchema.default({ priorityEvery: 2, agingMinutes: 20, graceMinutes: 10 }),
    queueDevices: queueDevicesSchema.default({
      keypads: { driver: 'simulated' },
      counterDisplays: { driver: 'simulated', protocol: { kind: 'framed', format: { start: [2], end: [3], address: 'ascii2', checksum: 'xor', width: 4 } } },
    }),
    signs: z.array(signConfigSchema).default([]),
    scanner: scannerConfigSchema.default({ driver: 'simulated' }),
    /** Tickets one kiosk may issue per minute: a rush at opening time, not a script emptying the range. */
    kiosk: z.strictObject({ ticketsPerMinute: z.number().int().min(1).max(100_000).default(30) }).default({ ticketsPerMinute: 30 }),
    /** The nightly online backup of the database (into <data>/backups unless a folder is given). */
    backup: z
      .strictObject({ at: hhmm.default('02:30'), keepDays: z.number().int().min(1).max(365).default(14), dir: z.string().min(1).optional() })
      .default({ at: '02:30', keepDays: 14 }),
    detainees: detaineesConfigSchema.default(DEFAULT_DETAINEES),
    retention: retentionConfigSchema.default(DEFAULT_RETENTION),
    roster: rosterConfigSchema.default(DEFAULT_ROSTER),
    /** Typical hearing length before the room has a history today (minutes), for estimated starts. */
    hearingMinutes: z.number().int().min(5).max(240).default(20),
    marquee: z.strictObject({ speedPxPerSecond: z.number().min(20).max(400).default(90) }).default({ speedPxPerSecond: 90 }),
    /** The word spoken after the counter number: 櫃台 / counter, or 窗口 / window. */
    counterWord: bilingualSchema.default({ zh: '櫃台', en: 'counter' }),
    screens: z.array(screenConfigSchema).default([
      { role: 'kiosk', display: { index: 0 }, mode: 'window', path: '' },
      { role: 'calls', display: { index: 1 }, mode: 'window', path: '' },
    ]),
    /** Screens on other computers that are meant to be up (see expectedScreenSchema). */
    expectedScreens: z.array(expectedScreenSchema).max(200).default([]),
  })
  .superRefine((site, ctx) => {
    const serviceIds = new Set(site.services.map((s) => s.id));
    const prefixes = new Set<string>();
    for (const s of site.services) {
      if (prefixes.has(s.prefix)) ctx.addIssue({ code: 'custom', message: `prefix ${s.prefix} used twice`, path: ['services'] });
      prefixes.add(s.prefix);
    }
    const signIds = site.signs.map((s) => s.id);
    if (new Set(signIds).size !== signIds.length) ctx.addIssue({ code: 'custom', message: 'sign ids must be unique', path: ['signs'] });
    if (serviceIds.size !== site.services.length) ctx.addIssue({ code: 'custom', message: 'service ids must be unique', path: ['services'] });
    const windowPaths = new Set(site.screens.map(screenPathOf));
    const screenPaths = new Set<string>();
    site.expectedScreens.forEach((e, i) => {
      // One path, one screen: two screens on one path could not be told apart (give each its own extra path, e.g. /calls/hall-2).
      if (screenPaths.has(e.path) || windowPaths.has(e.path)) {
        ctx.addIssue({ code: 'custom', message: `screen path ${e.path} is listed twice (a window of this computer or another screen)`, path: ['expectedScreens', i, 'path'] });
      }
      screenPaths.add(e.path);
    });
    if (!siteUsesHearings(site)) {
      // A screen for hearings at a site without them would stand empty.
      site.screens.forEach((sc, i) => {
        if (sc.role === 'hearings') ctx.addIssue({ code: 'custom', message: 'a hearings screen at a site without hearings (features.hearings)', path: ['screens', i, 'role'] });
      });
      site.expectedScreens.forEach((e, i) => {
        if (e.path === '/hearings' || e.path.startsWith('/hearings/')) {
          ctx.addIssue({ code: 'custom', message: 'a hearings screen at a site without hearings (features.hearings)', path: ['expectedScreens', i, 'path'] });
        }
      });
    } else if (site.courtrooms.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'hearings are on (features.hearings) but no courtrooms are listed', path: ['courtrooms'] });
    }
    for (const c of site.counters) {
      for (const id of c.serviceIds) {
        if (!serviceIds.has(id)) ctx.addIssue({ code: 'custom', message: `counter ${c.id} serves unknown service ${id}`, path: ['counters'] });
      }
    }
    // Run beside the fields' own problems, not after them: an installer hears of every problem at once.
  }, { when: (payload) => crossCheckShape.safeParse(payload.value).success });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
export type CounterConfig = z.infer<typeof counterConfigSchema>;
export type ScreenConfig = z.infer<typeof screenConfigSchema>;
export type PrinterConfig = z.infer<typeof printerConfigSchema>;
export type QueueRules = z.infer<typeof queueRulesSchema>;
export type SignConfig = z.infer<typeof signConfigSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;

import { z } from 'zod';

/** Text a citizen reads: always both languages. */
export const bilingualSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof bilingualSchema>;

export const ROLES = ['admin', 'counter', 'desk', 'bailiff', 'clerk'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** How a role is named to people (staff screens and the audit log's sentences). */
export const ROLE_WORDS: { readonly [R in Role]: { zh: string; en: string } } = {
  admin: { zh: '系統管理員', en: 'Administrator' },
  counter: { zh: '櫃台人員', en: 'Counter' },
  desk: { zh: '服務台', en: 'Information desk' },
  bailiff: { zh: '法警', en: 'Bailiff' },
  clerk: { zh: '書記官', en: 'Clerk' },
};

// ---- shapes many routes share ------------------------------------------------

/** A row id in a path (`/api/staff/users/:id`). */
export const idParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });
/** A change that takes no input: anything sent is a mistake or a probe. */
export const emptyBodySchema = z.strictObject({}).optional();
/** The answer of a change with nothing to report. */
export const okResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okResponseSchema>;

export const healthResponseSchema = z.object({ ok: z.literal(true), time: z.string() });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

// ---- public site information -------------------------------------------------

export const openingHoursDtoSchema = z.object({ days: z.array(z.number().int()), from: z.string(), to: z.string() });
export type OpeningHoursDto = z.infer<typeof openingHoursDtoSchema>;

export const publicServiceSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  name: bilingualSchema,
  /** null = open whenever the lobby runs. */
  hours: z.array(openingHoursDtoSchema).nullable(),
  dailyReset: z.boolean(),
});
export type PublicService = z.infer<typeof publicServiceSchema>;

export const publicCounterSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: bilingualSchema,
  serviceIds: z.array(z.string()),
});
export type PublicCounter = z.infer<typeof publicCounterSchema>;

export const publicSiteSchema = z.object({
  id: z.string(),
  kind: z.enum(['prosecutors-office', 'prison']),
  agency: bilingualSchema,
  timeZone: z.string(),
  services: z.array(publicServiceSchema),
  counters: z.array(publicCounterSchema),
  courtrooms: z.array(z.object({ id: z.string(), name: bilingualSchema, floor: z.number().int() })),
  /** LED signs: alpha shows Latin text only (the English), onbon-bx shows Chinese. */
  signs: z.array(z.object({ id: z.string(), name: bilingualSchema, protocol: z.enum(['alpha', 'onbon-bx']) })),
  /** What the site uses (see siteUsesHearings); absent from an older server: everything. */
  features: z.object({ hearings: z.boolean().optional() }).optional(),
});
export type PublicSite = z.infer<typeof publicSiteSchema>;

/**
 * Whether a site has hearings (a summons scan on the kiosk, hearing boards, the hearings
 * tab): as its features say, else when it lists courtrooms (a prison lists none).
 */
export function siteUsesHearings(site: { features?: { hearings?: boolean | undefined } | undefined; courtrooms: readonly unknown[] }): boolean {
  return site.features?.hearings ?? site.courtrooms.length > 0;
}

// ---- queue -------------------------------------------------------------------

export const issueTicketRequestSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  /** 博愛: elderly, disabled or pregnant. */
  priority: z.boolean().default(false),
});
export type IssueTicketRequest = z.infer<typeof issueTicketRequestSchema>;

export const ticketStatusSchema = z.enum(['waiting', 'called', 'serving', 'done', 'skipped', 'no_show', 'expired']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const printOutcomeSchema = z.enum(['printed', 'failed', 'queued']);
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

/** What the kiosk shows after a tap (and the ticket carries). */
export const issuedTicketSchema = z.object({
  number: z.string(),
  serviceId: z.string(),
  serviceName: bilingualSchema,
  waitingAhead: z.number().int(),
  priority: z.boolean(),
  /** From recent service times; null until the service has a history. */
  estimatedWaitMinutes: z.number().int().nullable(),
  issuedAt: z.string(),
  /** The ticket's page for a phone; null where phones cannot reach the lobby (the ticket then has no QR code). */
  phoneUrl: z.string().nullable(),
  print: printOutcomeSchema,
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const callNextRequestSchema = z.strictObject({
  counterId: z.string().min(1).max(64),
});
export type CallNextRequest = z.infer<typeof callNextRequestSchema>;

export const announcementSchema = z.object({
  zh: z.string(),
  en: z.string(),
  /** Sound files under /sounds/ (without .wav), in playing order. */
  clips: z.array(z.string().regex(/^[a-z0-9/-]+$/)),
});
export type Announcement = z.infer<typeof announcementSchema>;

export const callSchema = z.object({
  /** Grows with every call, recalls included: a board announces each new id once. */
  id: z.number().int(),
  number: z.string(),
  serviceId: z.string(),
  counterId: z.string(),
  counterNumber: z.number().int(),
  calledAt: z.string(),
  recall: z.boolean(),
  priority: z.boolean(),
  announcement: announcementSchema,
});
export type Call = z.infer<typeof callSchema>;

export const callNextResponseSchema = z.object({ call: callSchema.nullable() });
export type CallNextResponse = z.infer<typeof callNextResponseSchema>;

const ticketNumberSchema = z.string().regex(/^[A-Z][0-9]{3}$/, 'a ticket number looks like A012');
const counterIdSchema = z.string().min(1).max(64);

/** Everything a counter does, one request shape per action. */
export const counterActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('next'), counterId: counterIdSchema }),
  z.strictObject({ action: z.literal('recall'), counterId: counterIdSchema }),
  z.strictObject({ action: z.literal('call-number'), counterId: counterIdSchema, number: ticketNumberSchema }),
  z.strictObject({ action: z.literal('skip'), counterId: counterIdSchema }),
  z.strictObject({
    action: z.literal('transfer'),
    counterId: counterIdSchema,
    toServiceId: z.string().min(1).max(64).optional(),
    toCounterId: counterIdSchema.optional(),
    position: z.enum(['front', 'back']),
  }),
  z.strictObject({ action: z.literal('start'), counterId: counterIdSchema }),
  z.strictObject({ action: z.literal('finish'), counterId: counterIdSchema }),
]);
export type CounterAction = z.infer<typeof counterActionSchema>;

export const counterTicketSchema = z.object({
  number: z.string(),
  serviceId: z.string(),
  status: z.enum(['called', 'serving']),
  priority: z.boolean(),
  calledAt: z.string(),
  servingAt: z.string().nullable(),
  recalls: z.number().int(),
});
export type CounterTicket = z.infer<typeof counterTicketSchema>;

export const counterActionResponseSchema = z.object({
  current: counterTicketSchema.nullable(),
  /** The call this action made (next, recall, call-number), for the console. */
  call: callSchema.nullable(),
});
export type CounterActionResponse = z.infer<typeof counterActionResponseSchema>;

/** Topic `queue.staff`: staff only — the consoles' view of every counter and line. */
export const queueStaffSchema = z.object({
  counters: z.array(z.object({ counterId: z.string(), current: counterTicketSchema.nullable() })),
  lines: z.array(
    z.object({
      serviceId: z.string(),
      waiting: z.array(
        z.object({ number: z.string(), priority: z.boolean(), waitingSince: z.string(), onlyCounterId: z.string().nullable() }),
      ),
      waitingTotal: z.number().int(),
      skipped: z.array(z.object({ number: z.string(), skippedAt: z.string(), graceUntil: z.string() })),
    }),
  ),
});
export type QueueStaff = z.infer<typeof queueStaffSchema>;

/** Topic `queue.board`: public, carries ticket numbers only. */
export const queueBoardSchema = z.object({
  day: z.string(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      waiting: z.number().int(),
      lastCalled: z.string().nullable(),
      /** Within its opening hours now. */
      open: z.boolean(),
      /** The hours in force (an admin's edit or the site file's; null: always open), so a kiosk follows an edit without reloading. */
      hours: z.array(openingHoursDtoSchema).nullable().optional(),
      estimatedWaitMinutes: z.number().int().nullable(),
    }),
  ),
  recentCalls: z.array(callSchema),
});
export type QueueBoard = z.infer<typeof queueBoardSchema>;

export const phoneTicketSchema = z.object({
  number: z.string(),
  serviceName: bilingualSchema,
  status: ticketStatusSchema,
  ahead: z.number().int(),
  counterNumber: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().int().nullable(),
});
export type PhoneTicket = z.infer<typeof phoneTicketSchema>;

/** The token of a ticket's phone link (`/api/phone/t/:token`). */
export const phoneTicketParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'not a ticket token') });

// ---- simulated devices (topic `devices.sim`) ---------------------------------

export const receiptLineSchema = z.object({
  kind: z.literal('text'),
  text: z.string(),
  align: z.enum(['left', 'center', 'right']),
  width: z.number().int().min(1).max(8),
  height: z.number().int().min(1).max(8),
  bold: z.boolean(),
});
export const receiptQrSchema = z.object({
  kind: z.literal('qr'),
  payload: z.string(),
  moduleSize: z.number().int(),
  errorLevel: z.enum(['L', 'M', 'Q', 'H']),
  align: z.enum(['left', 'center', 'right']),
});
/** A raster image (GS v 0): 1 bit per dot, rows padded to whole bytes, MSB = leftmost dot. */
export const receiptImageSchema = z.object({
  kind: z.literal('image'),
  widthDots: z.number().int(),
  heightDots: z.number().int(),
  bitsBase64: z.string(),
  align: z.enum(['left', 'center', 'right']),
});
export const receiptItemSchema = z.discriminatedUnion('kind', [receiptLineSchema, receiptQrSchema, receiptImageSchema]);
export type ReceiptItem = z.infer<typeof receiptItemSchema>;

export const simReceiptSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  /** The ticket's own bytes (text, QR, cut), status polls not counted. */
  bytes: z.number().int(),
  /** Status polls (DLE EOT, GS a) the printer read since the previous receipt: the host asking, not ticket data. */
  statusBytes: z.number().int(),
  cut: z.enum(['full', 'partial', 'none']),
  items: z.array(receiptItemSchema),
});
export type SimReceipt = z.infer<typeof simReceiptSchema>;

export const PRINTER_STATES = ['ready', 'paper-near-end', 'paper-end', 'cover-open', 'offline', 'cutter-error', 'unknown'] as const;
export const printerStateSchema = z.enum(PRINTER_STATES);
export type PrinterStateDto = z.infer<typeof printerStateSchema>;

/** Faults the simulator panel can inject; 'unplugged' pulls the cable (the transport drops). */
export const SIM_FAULTS = ['paper-near-end', 'paper-end', 'cover-open', 'offline', 'cutter-error', 'unplugged'] as const;
export const simFaultSchema = z.enum(SIM_FAULTS);
export type SimFault = z.infer<typeof simFaultSchema>;

export const simKeypadRequestSchema = z.strictObject({
  address: z.number().int().min(1).max(99),
  key: z.enum(['NEXT', 'RECALL', 'SKIP', 'TRANSFER', 'START', 'FINISH', 'CALL']),
  arg: z.string().regex(/^[A-Z][0-9]{3}$/).optional(),
});
export type SimKeypadRequest = z.infer<typeof simKeypadRequestSchema>;

export const simSignRequestSchema = z.strictObject({ id: z.string().min(1).max(40), offline: z.boolean() });

export const simFaultRequestSchema = z.strictObject({ fault: simFaultSchema.nullable() });
export type SimFaultRequest = z.infer<typeof simFaultRequestSchema>;
export const simFaultResponseSchema = z.object({ fault: simFaultSchema.nullable() });
export const simSignResponseSchema = z.object({ id: z.string(), offline: z.boolean() });

const shownSchema = z.array(z.object({ address: z.number().int(), text: z.string() }));

export const devicesSimSchema = z.object({
  /** The caller keypads' little displays, by address (= counter number). */
  keypads: z.object({ simulated: z.boolean(), shown: shownSchema }),
  /** The number displays above the counters, by address (= counter number). */
  counterDisplays: z.object({ simulated: z.boolean(), protocol: z.string(), shown: shownSchema }),
  /** What each simulated LED sign shows now, decoded from the frames it received. */
  signs: z.array(
    z.object({
      id: z.string(),
      name: bilingualSchema,
      protocol: z.enum(['alpha', 'onbon-bx']),
      offline: z.boolean(),
      messages: z.array(z.object({ text: z.string(), effect: z.string() })),
      frames: z.number().int(),
      badFrames: z.number().int(),
    }),
  ),
  printer: z.object({
    /** null when the site uses a real printer: the panel then has nothing to show. */
    fault: simFaultSchema.nullable(),
    simulated: z.boolean(),
    receipts: z.array(simReceiptSchema),
  }),
});
export type DevicesSim = z.infer<typeof devicesSimSchema>;

/** Topic `kiosk.status`: public. Whether the kiosk may offer tickets now. */
export const kioskStatusSchema = z.object({
  canIssue: z.boolean(),
  /** Why not, for the bilingual notice; null while issuing. */
  reason: z.enum(['printer-unavailable']).nullable(),
});
export type KioskStatus = z.infer<typeof kioskStatusSchema>;

/**
 * What an LED sign could not show as sent, from the last time its messages
 * were pushed to it (a push that shows everything clears it):
 * - text-cut: the messages exceed the sign's memory for them (an Onbon BX-5
 *   area holds 512 bytes); `messages` are the ones not shown in full — the
 *   first of them cut part way, the rest not shown at all.
 * - chars-unshown: characters the sign has no font for, shown as "?".
 */
export const signHealthWarningSchema = z.object({
  code: z.enum(['text-cut', 'chars-unshown']),
  /** The messages concerned, in the order the sign cycles them; id null for the emergency broadcast. */
  messages: z.array(z.object({ id: z.number().int().nullable(), zh: z.string(), en: z.string() })),
  /** The sentence staff read, both languages. */
  text: bilingualSchema,
});
export type SignHealthWarning = z.infer<typeof signHealthWarningSchema>;

/**
 * A screen line: declared by the site (its own windows and `expectedScreens`), it is
 * meant to be up and alarms when it stops; any other page that said hello is listed
 * quietly, forgotten some minutes after it stops, and an admin may forget it sooner.
 */
export const screenHealthSchema = z.object({
  /** The page it shows, e.g. /hearings/r1. */
  path: z.string(),
  expected: z.boolean(),
  /** The address it last spoke from; null for a declared screen not seen since the lobby started. */
  address: z.string().nullable(),
  /** Its last heartbeat (site time); null when not seen since the lobby started. */
  lastSeen: z.string().nullable(),
});
export type ScreenHealth = z.infer<typeof screenHealthSchema>;

/** Topic `devices.health`: staff only. */
export const deviceHealthSchema = z.object({
  id: z.string(),
  kind: z.enum(['printer', 'sign', 'keypad', 'counter-display', 'scanner', 'screen']),
  name: bilingualSchema,
  /** Printers: a PRINTER_STATES value; other devices and screens: online, offline or unknown. */
  state: z.union([printerStateSchema, z.enum(['online'])]),
  /** false for a one-way link that cannot report paper or cover. */
  statusReadable: z.boolean(),
  link: z.enum(['connecting', 'open', 'disconnected', 'closed']),
  /** 'warning' keeps working (paper near end); 'error' stops the kiosk. */
  alert: z.enum(['warning', 'error']).nullable(),
  since: z.string(),
  detail: z.string().optional(),
  /** Signs only, present while the last push could not show everything (see signHealthWarningSchema). */
  signWarnings: z.array(signHealthWarningSchema).optional(),
  /** Screens only (see screenHealthSchema). */
  screen: screenHealthSchema.optional(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

/** Forget a screen listed quietly (the id of its devices.health line). */
export const forgetScreenRequestSchema = z.strictObject({ id: z.string().min(1).max(200) });
export type ForgetScreenRequest = z.infer<typeof forgetScreenRequestSchema>;
/** false: it was not listed (already forgotten). */
export const forgetScreenResponseSchema = z.object({ forgotten: z.boolean() });

export const printJobSchema = z.object({
  id: z.number().int(),
  ticketNumber: z.string(),
  serviceId: z.string(),
  kind: z.enum(['ticket', 'reprint']),
  status: z.enum(['pending', 'printing', 'printed', 'failed']),
  attempts: z.number().int(),
  createdAt: z.string(),
  error: z.string().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const devicesHealthSchema = z.object({
  devices: z.array(deviceHealthSchema),
  /** Today's jobs that did not print: the tickets staff should reprint. */
  failedJobs: z.array(printJobSchema),
  pendingJobs: z.number().int(),
  /**
   * Standing facts staff should know once, not per ticket: tickets print
   * without a QR code; the computer's clock jumped (kept for the rest of that
   * lobby day, urgent enough for the alert banner).
   */
  notices: z.array(z.object({ code: z.enum(['no-phone-link', 'clock-jump']), text: bilingualSchema })),
});
export type DevicesHealth = z.infer<typeof devicesHealthSchema>;

export const reprintRequestSchema = z.strictObject({
  /** Today's ticket number, e.g. A012. */
  number: z.string().regex(/^[A-Z][0-9]{3}$/, 'a ticket number looks like A012'),
});
export type ReprintRequest = z.infer<typeof reprintRequestSchema>;

export const reprintResponseSchema = z.object({ job: printJobSchema });
export type ReprintResponse = z.infer<typeof reprintResponseSchema>;

// ---- marquee (跑馬燈) and emergency broadcast -----------------------------------

export const MARQUEE_CATEGORIES = ['news', 'law', 'policy', 'visiting', 'service', 'other'] as const;
export const marqueeCategorySchema = z.enum(MARQUEE_CATEGORIES);
export type MarqueeCategory = z.infer<typeof marqueeCategorySchema>;

/** Boards that carry the marquee band. */
export const MARQUEE_SCREENS = ['calls', 'hearings', 'detainees'] as const;

const hhmmSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'time as HH:MM');
/** "screen:calls" or "sign:<sign id>". */
export const marqueeTargetSchema = z.string().regex(/^(screen:(calls|hearings|detainees)|sign:[a-z0-9-]{1,40})$/, 'a target is screen:<board> or sign:<id>');

/** Text is text: stored and shown as typed, never interpreted as markup. */
const messageTextSchema = (lang: string) =>
  z
    .string()
    .trim()
    .min(1, `the ${lang} text is empty`)
    .max(300, `the ${lang} text is longer than 300 characters`)
    .refine((t) => !/[\u0000-\u001f\u007f]/.test(t), `the ${lang} text contains control characters`);

export const marqueeMessageInputSchema = z
  .strictObject({
    zh: messageTextSchema('Chinese'),
    en: messageTextSchema('English'),
    category: marqueeCategorySchema,
    /** 1 (low) … 5 (high): higher shows first. */
    priority: z.number().int().min(1).max(5),
    /** ISO 8601 with offset, or null for "from now on" / "until deleted". */
    startsAt: z.iso.datetime({ offset: true }).nullable(),
    endsAt: z.iso.datetime({ offset: true }).nullable(),
    days: z.array(z.number().int().min(1).max(7)).max(7),
    hoursFrom: hhmmSchema.nullable(),
    hoursTo: hhmmSchema.nullable(),
    targets: z.array(marqueeTargetSchema).min(1, 'choose at least one screen or sign').max(20),
  })
  .refine((m) => !m.startsAt || !m.endsAt || Date.parse(m.startsAt) < Date.parse(m.endsAt), { message: 'the end is before the start', path: ['endsAt'] })
  .refine((m) => (m.hoursFrom === null) === (m.hoursTo === null), { message: 'give both hours or neither', path: ['hoursTo'] });
export type MarqueeMessageInput = z.infer<typeof marqueeMessageInputSchema>;

/**
 * A draft message's text for the LED sign preview (GET query): the same
 * limits as a message's text; a side not typed yet is left out.
 */
export const signPreviewQuerySchema = z.strictObject({
  zh: marqueeMessageInputSchema.shape.zh.optional(),
  en: marqueeMessageInputSchema.shape.en.optional(),
});
export type SignPreviewQuery = z.infer<typeof signPreviewQuerySchema>;

/** A stretch of a sign's text; `from` is set when the sign shows `text` in place of the character `from`. */
export const signRunSchema = z.object({ text: z.string(), from: z.string().optional() });
export type SignRun = z.infer<typeof signRunSchema>;

/** What one configured LED sign would show for a draft, computed by its own encoder on the server. */
export const signPreviewSchema = z.object({
  id: z.string(),
  protocol: z.enum(['alpha', 'onbon-bx']),
  /** Exactly the text the sign gets. */
  text: z.string(),
  runs: z.array(signRunSchema),
  /** Each character replaced, in order, with what the sign shows instead. */
  replaced: z.array(z.object({ char: z.string(), replacement: z.string() })),
  /** The draft alone exceeds what the sign holds (its driver's own capacity check): the sign would cut it. */
  tooLong: z.boolean(),
});
export type SignPreview = z.infer<typeof signPreviewSchema>;

export const signPreviewResponseSchema = z.object({ signs: z.array(signPreviewSchema) });
export type SignPreviewResponse = z.infer<typeof signPreviewResponseSchema>;

export const marqueeMessageSchema = z.object({
  id: z.number().int(),
  zh: z.string(),
  en: z.string(),
  category: marqueeCategorySchema,
  priority: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  days: z.array(z.number().int()),
  hoursFrom: z.string().nullable(),
  hoursTo: z.string().nullable(),
  targets: z.array(z.string()),
  /** Showing now, by its schedule. */
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type MarqueeMessage = z.infer<typeof marqueeMessageSchema>;

export const marqueeListResponseSchema = z.object({ messages: z.array(marqueeMessageSchema) });
export const marqueeMessageResponseSchema = z.object({ message: marqueeMessageSchema });

/** Topic `marquee`: public; what each board's band scrolls now, highest priority first. */
export const marqueeBoardSchema = z.object({
  speedPxPerSecond: z.number(),
  screens: z.object({
    calls: z.array(z.object({ id: z.number().int(), zh: z.string(), en: z.string(), category: marqueeCategorySchema })),
    hearings: z.array(z.object({ id: z.number().int(), zh: z.string(), en: z.string(), category: marqueeCategorySchema })),
    detainees: z.array(z.object({ id: z.number().int(), zh: z.string(), en: z.string(), category: marqueeCategorySchema })),
  }),
});
export type MarqueeBoard = z.infer<typeof marqueeBoardSchema>;

export const EMERGENCY_KINDS = ['earthquake', 'fire', 'evacuation', 'notice'] as const;
export const emergencyKindSchema = z.enum(EMERGENCY_KINDS);

export const raiseEmergencyRequestSchema = z.strictObject({
  kind: emergencyKindSchema,
  zh: messageTextSchema('Chinese'),
  en: messageTextSchema('English'),
  /** Ends by itself then; null = until cleared. */
  endsAt: z.iso.datetime({ offset: true }).nullable(),
});
export type RaiseEmergencyRequest = z.infer<typeof raiseEmergencyRequestSchema>;

export const emergencySchema = z.object({
  id: z.number().int(),
  kind: emergencyKindSchema,
  zh: z.string(),
  en: z.string(),
  raisedAt: z.string(),
  endsAt: z.string().nullable(),
});
export type Emergency = z.infer<typeof emergencySchema>;

/** Topic `emergency`: public; while active, every screen shows it full-screen. */
export const emergencyStateSchema = z.object({ active: emergencySchema.nullable() });
export type EmergencyState = z.infer<typeof emergencyStateSchema>;

export const raisedEmergencyResponseSchema = z.object({ emergency: emergencySchema });

// ---- hearings (開庭進度) -------------------------------------------------------------

export const HEARING_STATES = ['scheduled', 'checked_in', 'waiting', 'in_session', 'recess', 'finished', 'postponed', 'cancelled'] as const;
export const hearingStateSchema = z.enum(HEARING_STATES);
export type HearingState = z.infer<typeof hearingStateSchema>;

export const PERSON_ROLES = ['defendant', 'witness', 'complainant', 'victim', 'other'] as const;

/** 113年度偵字第1234號 and the like: year, docket word, number. */
export const caseNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{2,3}年度[\p{Script=Han}]{1,8}字第\d{1,7}號$/u, 'a case number looks like 113年度偵字第1234號');

export const hearingInputSchema = z.strictObject({
  date: z.iso.date(),
  time: hhmmSchema,
  courtroomId: z.string().min(1).max(40),
  caseNumber: caseNumberSchema,
  /** 股別, e.g. 信 */
  division: z.string().trim().min(1).max(4),
  prosecutor: z.string().trim().min(1).max(40),
  persons: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(60),
        role: z.enum(PERSON_ROLES).default('other'),
        /** The verification code printed on this person's summons, for the phone page. */
        code: z.string().regex(/^[A-Za-z0-9]{4,12}$/, 'a summons code is 4–12 letters or digits').optional(),
      }),
    )
    .max(30),
});
export type HearingInput = z.infer<typeof hearingInputSchema>;

export const hearingSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  time: z.string(),
  courtroomId: z.string(),
  caseNumber: z.string(),
  division: z.string(),
  prosecutor: z.string(),
  persons: z.array(z.object({ name: z.string(), role: z.enum(PERSON_ROLES), code: z.string().nullable() })),
  state: hearingStateSchema,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  estimatedStart: z.string().nullable(),
});
export type Hearing = z.infer<typeof hearingSchema>;

export const hearingTransitionSchema = z.strictObject({ to: hearingStateSchema });

/** A day's list (`?date=`, today when left out). */
export const dayQuerySchema = z.strictObject({ date: z.iso.date().optional() });
export const hearingsListResponseSchema = z.object({ hearings: z.array(hearingSchema) });
export const hearingResponseSchema = z.object({ hearing: hearingSchema });
/** A hearing entered or imported by mistake, gone with its persons. */
export const hearingDeletedResponseSchema = z.object({ deleted: z.number().int() });

export const hearingImportRequestSchema = z.strictObject({
  format: z.enum(['csv', 'json']),
  /** The file as uploaded; UTF-8 or Big5. */
  contentBase64: z.string().max(8 * 1024 * 1024, 'the file is larger than 6 MB'),
});
export type HearingImportRequest = z.infer<typeof hearingImportRequestSchema>;

export const hearingImportResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  encoding: z.enum(['utf-8', 'big5']),
});
export type HearingImportResult = z.infer<typeof hearingImportResultSchema>;

/** What a public board may show of a hearing: masked names, no prosecutor's name, no codes. */
export const publicHearingSchema = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  division: z.string(),
  time: z.string(),
  state: hearingStateSchema,
  estimatedStart: z.string().nullable(),
  /** Local HH:MM it went into session (null until then): the board shows when it really began. */
  startedAt: z.string().nullable(),
  persons: z.array(z.string()),
});
export type PublicHearing = z.infer<typeof publicHearingSchema>;

/** Topic `hearings.board`: public. */
export const hearingsBoardSchema = z.object({
  date: z.string(),
  rooms: z.array(
    z.object({
      courtroomId: z.string(),
      name: bilingualSchema,
      floor: z.number().int(),
      current: publicHearingSchema.nullable(),
      next: z.array(publicHearingSchema),
      waiting: z.number().int(),
      /** How late the room runs now, in minutes (0 when on time). */
      delayMinutes: z.number().int(),
    }),
  ),
});
export type HearingsBoard = z.infer<typeof hearingsBoardSchema>;

export const hearingLookupSchema = z.object({
  caseNumber: z.string(),
  courtroom: z.object({ id: z.string(), name: bilingualSchema, floor: z.number().int() }),
  time: z.string(),
  state: hearingStateSchema,
  estimatedStart: z.string().nullable(),
  /** Hearings before this one in the room that have not finished. */
  ahead: z.number().int(),
});
export type HearingLookup = z.infer<typeof hearingLookupSchema>;

export const hearingLookupQuerySchema = z.strictObject({
  c: caseNumberSchema,
  v: z.string().regex(/^[A-Za-z0-9]{4,12}$/, 'a summons code is 4–12 letters or digits'),
});

/**
 * Topic `kiosk.scan`: the last summons scanned at the lobby kiosk and what it
 * found (the same public facts as the phone page). `seq` grows with each scan.
 */
export const kioskScanSchema = z.object({
  seq: z.number().int(),
  at: z.string().nullable(),
  result: hearingLookupSchema.nullable(),
  error: z.string().nullable(),
});
export type KioskScan = z.infer<typeof kioskScanSchema>;

export const simScanRequestSchema = z.strictObject({ text: z.string().min(1).max(2000) });

// ---- new detainees (新收人犯) and the duty roster --------------------------------------

export const detaineeInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** When brought in, local time today (HH:MM). */
  broughtAt: hhmmSchema,
  /** 解送機關, e.g. 臺東縣警察局臺東分局 */
  agency: z.string().trim().min(1).max(60),
  /** Staff-only note of the alleged offence: never on a public surface. */
  offence: z.string().trim().max(200).optional(),
});
export type DetaineeInput = z.infer<typeof detaineeInputSchema>;

export const detaineeStageRequestSchema = z.strictObject({ stage: z.string().min(1).max(40) });

export const detaineeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  broughtAt: z.string(),
  agency: z.string(),
  offence: z.string().nullable(),
  stage: z.string(),
  updatedAt: z.string(),
});
export type Detainee = z.infer<typeof detaineeSchema>;

/** A stage or an outcome of a new detainee's processing, as the site configures it (site.json `detainees`). */
export const detaineeStepSchema = z.object({ id: z.string().min(1), zh: z.string(), en: z.string() });
export type DetaineeStep = z.infer<typeof detaineeStepSchema>;

/**
 * GET /api/staff/detainees: the day's people, with the site's stages in order
 * and its outcomes (one of which follows the last stage), so the staff screen
 * offers exactly the steps this site configured.
 */
export const staffDetaineesSchema = z.object({
  detainees: z.array(detaineeSchema),
  stages: z.array(detaineeStepSchema).min(1),
  outcomes: z.array(detaineeStepSchema).min(1),
});
export type StaffDetainees = z.infer<typeof staffDetaineesSchema>;

export const detaineeResponseSchema = z.object({ detainee: detaineeSchema });
/** A record entered by mistake, gone from the list and the board. */
export const detaineeDeletedResponseSchema = z.object({ deleted: z.number().int() });

export const rosterEntrySchema = z.strictObject({
  shiftId: z.string().min(1).max(40),
  roleId: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(60),
});
export const rosterDayRequestSchema = z.strictObject({ entries: z.array(rosterEntrySchema).max(60) });
export type RosterDayRequest = z.infer<typeof rosterDayRequestSchema>;

/** GET /api/staff/roster?date=: one day's roster. */
export const rosterQuerySchema = z.strictObject({ date: z.iso.date() });
/** PUT /api/staff/roster/:date. */
export const rosterDayParamsSchema = z.strictObject({ date: z.iso.date() });

const rosterRowSchema = z.object({ shiftId: z.string(), roleId: z.string(), name: z.string() });
const rosterLabelSchema = z.object({ id: z.string(), zh: z.string(), en: z.string() });

/** A day's roster with the site's shifts and roles, so the form offers exactly what this site configured. */
export const rosterDayResponseSchema = z.object({
  date: z.string(),
  entries: z.array(rosterRowSchema),
  shifts: z.array(rosterLabelSchema.extend({ from: z.string(), to: z.string() })),
  roles: z.array(rosterLabelSchema),
});
export type RosterDayResponse = z.infer<typeof rosterDayResponseSchema>;

/** The day as saved. */
export const rosterSavedResponseSchema = z.object({ date: z.string(), entries: z.array(rosterRowSchema) });
export type RosterSavedResponse = z.infer<typeof rosterSavedResponseSchema>;

/** Topic `detainees.board`: public — masked names, stages, today's staff on duty; never an offence. */
export const detaineesBoardSchema = z.object({
  date: z.string(),
  entries: z.array(
    z.object({ id: z.number().int(), name: z.string(), broughtAt: z.string(), agency: z.string(), stage: bilingualSchema, final: z.boolean() }),
  ),
  onDuty: z.array(z.object({ role: bilingualSchema, shift: bilingualSchema, name: z.string() })),
});
export type DetaineesBoard = z.infer<typeof detaineesBoardSchema>;

// ---- kiosk credentials ------------------------------------------------------------

/** Sent by the Electron kiosk window; a provisioned browser sends the `lobby_kiosk` cookie instead. */
export const KIOSK_CREDENTIAL_HEADER = 'x-kiosk-credential';

/**
 * What a kiosk credential is for: `tickets` (a ticket kiosk) or `rating:<counter id>` (that
 * counter's rating tablet at /rate/<counter>). Each may do only its own.
 */
export type KioskPurpose = 'tickets' | `rating:${string}`;
const KIOSK_PURPOSE = /^(tickets|rating:[A-Za-z0-9_-]{1,64})$/;
export const kioskPurposeSchema = z.custom<KioskPurpose>((v) => typeof v === 'string' && KIOSK_PURPOSE.test(v), 'purpose: "tickets" or "rating:<counter id>"');
/** The counter a rating tablet's purpose names, or null for any other purpose. */
export function ratingCounterOf(purpose: string | undefined): string | null {
  return purpose?.startsWith('rating:') ? purpose.slice(7) : null;
}

/** POST /api/staff/kiosks/provision: a one-time set-up link for a ticket kiosk (default) or a counter's rating tablet. */
export const kioskProvisionRequestSchema = z.strictObject({
  purpose: kioskPurposeSchema.default('tickets'),
  /** What staff call the device (大廳取號機): the link names it, and the list shows it once set up. */
  name: z.string().trim().min(1).max(60).optional(),
});
export type KioskProvisionRequest = z.input<typeof kioskProvisionRequestSchema>;

export const kioskProvisionResponseSchema = z.object({ code: z.string(), url: z.string(), expiresAt: z.string() });
export type KioskProvisionResponse = z.infer<typeof kioskProvisionResponseSchema>;

export const kioskListSchema = z.object({
  kiosks: z.array(
    z.object({ id: z.number().int(), name: z.string(), purpose: kioskPurposeSchema, createdAt: z.string(), lastSeenAt: z.string().nullable(), revoked: z.boolean() }),
  ),
});

export const kioskStatusResponseSchema = z.object({ provisioned: z.boolean() });

/** GET /kiosk/provision?code=&name=: the one-time link an installer opens on the kiosk's browser. */
export const kioskProvisionQuerySchema = z.strictObject({ code: z.string().min(8).max(64), name: z.string().max(60).optional() });

// ---- instant rating (即時評價) and statistics ---------------------------------------

export const RATING_REASONS = ['fast', 'friendly', 'clear', 'slow', 'unclear', 'wait-long'] as const;
export const ratingReasonSchema = z.enum(RATING_REASONS);

/**
 * From a counter's rating tablet (/rate/<counter>, its credential provisioned for that counter):
 * answers the prompt the counter's last finished ticket opened.
 */
export const counterRatingRequestSchema = z.strictObject({
  promptId: z.string().regex(/^[A-Za-z0-9_-]{10,40}$/),
  score: z.number().int().min(1).max(5),
  reasons: z.array(ratingReasonSchema).max(6).default([]),
});
export type CounterRatingRequest = z.infer<typeof counterRatingRequestSchema>;

/** From the kiosk (a provisioned kiosk only): a rating of a service, with no ticket or person attached. */
export const kioskRatingRequestSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  score: z.number().int().min(1).max(5),
  reasons: z.array(ratingReasonSchema).max(6).default([]),
});
export type KioskRatingRequest = z.infer<typeof kioskRatingRequestSchema>;

/** Topic `rating.prompts`: rating tablets only; for each counter, the open prompt (after a finished ticket) or null. */
export const ratingPromptsSchema = z.object({
  counters: z.array(z.object({ counterId: z.string(), prompt: z.object({ id: z.string(), serviceId: z.string(), expiresAt: z.string() }).nullable() })),
});
export type RatingPrompts = z.infer<typeof ratingPromptsSchema>;

const percentilesSchema = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

/** Statistics for a date range (inclusive), in minutes where durations. */
export const statsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ tickets: z.number().int(), served: z.number().int(), noShows: z.number().int(), ratings: z.number().int(), averageScore: z.number().nullable() }),
  perDay: z.array(z.object({ day: z.string(), tickets: z.number().int(), noShows: z.number().int(), averageWaitMinutes: z.number().nullable(), ratings: z.number().int(), averageScore: z.number().nullable() })),
  perHour: z.array(z.object({ hour: z.number().int(), tickets: z.number().int() })),
  byService: z.array(
    z.object({ serviceId: z.string(), tickets: z.number().int(), noShows: z.number().int(), waitMinutes: percentilesSchema, serviceMinutes: percentilesSchema, ratings: z.number().int(), averageScore: z.number().nullable() }),
  ),
  byCounter: z.array(z.object({ counterId: z.string(), served: z.number().int(), serviceMinutes: percentilesSchema, ratings: z.number().int(), averageScore: z.number().nullable() })),
  scoreDistribution: z.array(z.number().int()).length(5),
  reasons: z.array(z.object({ reason: ratingReasonSchema, count: z.number().int() })),
});
export type StatsReport = z.infer<typeof statsReportSchema>;

export const statsQuerySchema = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { message: 'at most about a year at a time', path: ['to'] });

// ---- staff ---------------------------------------------------------------------

export const passwordSchema = z.string().min(10, 'Password must be at least 10 characters').max(200);
export const usernameSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'Use lower-case letters, digits, dot, dash or underscore');

export const setupRequestSchema = z.strictObject({
  setupCode: z.string().min(1).max(200),
  username: usernameSchema,
  displayName: z.string().min(1).max(80),
  password: passwordSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().min(1).max(80),
  password: passwordSchema,
  roles: z.array(roleSchema).min(1),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/**
 * An admin changes an account's name or roles, or disables (or enables) it; its live topics
 * follow within a second.
 */
export const updateUserRequestSchema = z
  .strictObject({ displayName: z.string().trim().min(1).max(80).optional(), roles: z.array(roleSchema).min(1).optional(), disabled: z.boolean().optional() })
  .refine((r) => r.displayName !== undefined || r.roles !== undefined || r.disabled !== undefined, 'give displayName, roles or disabled');
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** An admin sets a new password for someone who forgot theirs: every session of that account ends. */
export const resetPasswordRequestSchema = z.strictObject({ password: passwordSchema });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** Anyone signed in changes their own password; their other sessions end, this one stays. */
export const changeOwnPasswordRequestSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })
  .refine((r) => r.currentPassword !== r.newPassword, { message: 'The new password must differ from the current one', path: ['newPassword'] });
export type ChangeOwnPasswordRequest = z.infer<typeof changeOwnPasswordRequestSchema>;
/** How many sessions a password change ended. */
export const passwordChangedResponseSchema = z.object({ endedSessions: z.number().int() });

export const staffUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  /** Told on the admin's account list and after an admin's change; elsewhere only enabled accounts appear. */
  disabled: z.boolean().optional(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const meResponseSchema = z.object({
  user: staffUserSchema.nullable(),
  needsSetup: z.boolean(),
  /** Sent back in the `x-csrf-token` header on every staff change. */
  csrfToken: z.string().nullable(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** An audit row as stored: who (username), what (action), on what (target), the change record (JSON). */
export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

/** An audit row with what people read: who by name (masked) and what happened in a sentence in each language. */
export const auditEntrySchema = auditRowSchema.extend({
  /** The account's display name, masked (王○明); null for the lobby itself (nightly purges, a sign-in with an unknown name). */
  actorName: z.string().nullable(),
  summary: bilingualSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * The audit log, newest first, a page at a time. `action`: one action (user.create) or a
 * group (user.); `actor`: a username; `from`/`to`: site days, both included.
 */
export const auditQuerySchema = z
  .strictObject({
    action: z.string().regex(/^[a-z][a-z0-9.-]{0,59}$/).optional(),
    actor: z.string().min(1).max(40).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(200),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['to'] });
export type AuditQuery = z.input<typeof auditQuerySchema>;
/** The query as the server reads it (page and pageSize filled in). */
export type AuditFilter = z.output<typeof auditQuerySchema>;

export const staffUserResponseSchema = z.object({ user: staffUserSchema });
/** An account after an admin's change, disabled or not. */
export const updatedUserResponseSchema = z.object({ user: staffUserSchema.nullable() });
/** Every account, disabled ones too (marked), so an admin can enable one again. */
export const usersListResponseSchema = z.object({ users: z.array(staffUserSchema) });
export const auditListResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Rows matching the filter, over all pages. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** What the filter offers: the actions with their names, and every account that may have acted. */
  actions: z.array(z.object({ action: z.string(), label: bilingualSchema })),
  actors: z.array(z.object({ username: z.string(), name: z.string() })),
});
export type AuditPage = z.infer<typeof auditListResponseSchema>;

/**
 * The first-run checklist of a new agency's admin, computed from what the lobby holds
 * now (read-only): each step done or not, with what was found.
 */
export const CHECKLIST_STEPS = ['first-admin', 'other-users', 'kiosk', 'counters-hours', 'hearings', 'guide', 'marquee', 'devices'] as const;
export const checklistStepSchema = z.enum(CHECKLIST_STEPS);
export type ChecklistStep = z.infer<typeof checklistStepSchema>;
export const checklistResponseSchema = z.object({
  items: z.array(z.object({ step: checklistStepSchema, done: z.boolean(), title: bilingualSchema, found: bilingualSchema })),
});
export type Checklist = z.infer<typeof checklistResponseSchema>;
/** An admin ended an account's sign-in waits: how many waits were cleared. */
export const unlockUserResponseSchema = z.object({ cleared: z.number().int() });

export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  /** Per-item reasons, e.g. the rows of an import that were refused. */
  details: z.array(z.object({ row: z.number().int().optional(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

// ---- self-service guide (自助服務導覽) ---------------------------------------------

const guideId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an id is 1–40 lower-case letters, digits or dashes');
const guideText = (max: number) => z.strictObject({ zh: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
const coord = z.number().finite().min(0).max(4000);

export const guidePointSchema = z.strictObject({ floor: guideId, x: coord, y: coord });
export type GuidePoint = z.infer<typeof guidePointSchema>;

export const guideFloorSchema = z.strictObject({
  id: guideId,
  /** 1 = ground floor; B1 = -1. */
  level: z.number().int().min(-5).max(60),
  name: guideText(40),
  /** The floor outline: a width × height rectangle in map units (the SVG viewBox). */
  width: z.number().min(100).max(4000),
  height: z.number().min(100).max(4000),
});
export type GuideFloor = z.infer<typeof guideFloorSchema>;

export const guideOfficeSchema = z.strictObject({
  id: guideId,
  name: guideText(60),
  floor: guideId,
  x: coord,
  y: coord,
  w: z.number().min(10).max(4000),
  h: z.number().min(10).max(4000),
  /** Where the way in is: the route ends here. */
  door: z.strictObject({ x: coord, y: coord }),
  /** 業務簡介: what the office does. */
  about: guideText(600),
  hours: guideText(120),
  /** Phone number or extension, e.g. 03-8511950 or 分機 123. */
  extension: z.string().trim().max(40).regex(/^[0-9()#+ \-轉分機ext.,]*$/, 'digits, spaces, -, (), #, 轉 or 分機 only').optional(),
});
export type GuideOffice = z.infer<typeof guideOfficeSchema>;

export const guideNodeSchema = z.strictObject({ id: guideId, floor: guideId, x: coord, y: coord });
export const guideEdgeSchema = z.strictObject({
  from: guideId,
  to: guideId,
  /** stairs and elevator edges join two floors. */
  kind: z.enum(['walk', 'stairs', 'elevator']).default('walk'),
});
export type GuideNode = z.infer<typeof guideNodeSchema>;
export type GuideEdge = z.infer<typeof guideEdgeSchema>;

export const guideOfficesSectionSchema = z.strictObject({
  floors: z.array(guideFloorSchema).min(1).max(20),
  offices: z.array(guideOfficeSchema).min(1).max(80),
  /** 你在這裡: where the kiosk stands. */
  youAreHere: guidePointSchema,
  walkways: z.strictObject({ nodes: z.array(guideNodeSchema).min(1).max(400), edges: z.array(guideEdgeSchema).min(0).max(800) }),
});
export type GuideOfficesSection = z.infer<typeof guideOfficesSectionSchema>;

export const guideStepSchema = z.strictObject({
  text: guideText(300),
  /** Where to go for this step (an office id). */
  officeId: guideId.optional(),
  bring: z.array(guideText(120)).max(10).optional(),
  /** About how long this step takes. */
  minutes: z.number().int().min(0).max(60 * 24 * 60).optional(),
});
export type GuideStep = z.infer<typeof guideStepSchema>;

export const guideProcedureSchema = z.strictObject({
  id: guideId,
  title: guideText(60),
  summary: guideText(300),
  /** What to bring for the whole procedure. */
  bring: z.array(guideText(120)).max(12),
  /** How long it takes, in words (e.g. 當場辦結 / done on the spot; 約 7 個工作天). */
  duration: guideText(80),
  steps: z.array(guideStepSchema).min(1).max(15),
});
export type GuideProcedure = z.infer<typeof guideProcedureSchema>;

export const guideFaqSchema = z.strictObject({
  id: guideId,
  q: guideText(200),
  a: guideText(1200),
  /**
   * 主題: short words a kiosk shows as tap chips, so a question is found without typing
   * (a touch kiosk has no keyboard, and no way to type Chinese); e.g. 保證金 / Bail.
   */
  topics: z.array(guideText(16)).max(4).optional(),
});
export type GuideFaq = z.infer<typeof guideFaqSchema>;

export const guideOnlineSchema = z.strictObject({
  id: guideId,
  name: guideText(60),
  description: guideText(300),
  url: z
    .string()
    .max(300)
    .url()
    .regex(/^https?:\/\//, 'an http(s) address'),
});
export type GuideOnline = z.infer<typeof guideOnlineSchema>;

export const GUIDE_SECTIONS = ['offices', 'procedures', 'faq', 'online'] as const;
export const guideSectionSchema = z.enum(GUIDE_SECTIONS);
export type GuideSection = z.infer<typeof guideSectionSchema>;

/** Each section alone (what staff edit); cross-references are checked on the whole content. */
export const GUIDE_SECTION_SCHEMAS = {
  offices: guideOfficesSectionSchema,
  procedures: z.array(guideProcedureSchema).max(60),
  faq: z.array(guideFaqSchema).min(1).max(200),
  online: z.array(guideOnlineSchema).max(40),
} as const;

function uniqueIds(ctx: z.RefinementCtx, list: { id: string }[], path: (string | number)[]) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate id ${item.id}` });
    seen.add(item.id);
  });
}

export const guideContentSchema = z
  .strictObject({
    offices: GUIDE_SECTION_SCHEMAS.offices,
    procedures: GUIDE_SECTION_SCHEMAS.procedures,
    faq: GUIDE_SECTION_SCHEMAS.faq,
    online: GUIDE_SECTION_SCHEMAS.online,
  })
  .superRefine((g, ctx) => {
    const floors = new Set(g.offices.floors.map((f) => f.id));
    const nodes = new Set(g.offices.walkways.nodes.map((n) => n.id));
    const offices = new Set(g.offices.offices.map((o) => o.id));
    uniqueIds(ctx, g.offices.floors, ['offices', 'floors']);
    uniqueIds(ctx, g.offices.offices, ['offices', 'offices']);
    uniqueIds(ctx, g.offices.walkways.nodes, ['offices', 'walkways', 'nodes']);
    uniqueIds(ctx, g.procedures, ['procedures']);
    uniqueIds(ctx, g.faq, ['faq']);
    uniqueIds(ctx, g.online, ['online']);
    g.offices.offices.forEach((o, i) => {
      if (!floors.has(o.floor)) ctx.addIssue({ code: 'custom', path: ['offices', 'offices', i, 'floor'], message: `no floor ${o.floor}` });
    });
    g.offices.walkways.nodes.forEach((n, i) => {
      if (!floors.has(n.floor)) ctx.addIssue({ code: 'custom', path: ['offices', 'walkways', 'nodes', i, 'floor'], message: `no floor ${n.floor}` });
    });
    g.offices.walkways.edges.forEach((e, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!nodes.has(e[end])) ctx.addIssue({ code: 'custom', path: ['offices', 'walkways', 'edges', i, end], message: `no walkway node ${e[end]}` });
      }
    });
    if (!floors.has(g.offices.youAreHere.floor)) ctx.addIssue({ code: 'custom', path: ['offices', 'youAreHere', 'floor'], message: `no floor ${g.offices.youAreHere.floor}` });
    g.procedures.forEach((p, i) =>
      p.steps.forEach((s, j) => {
        if (s.officeId && !offices.has(s.officeId)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'steps', j, 'officeId'], message: `no office ${s.officeId}` });
      }),
    );
  });
export type GuideContent = z.infer<typeof guideContentSchema>;

/** The way from "you are here" to an office's door: one polyline per floor, in walking order. */
export const guideRouteSchema = z.object({
  officeId: z.string(),
  legs: z.array(z.object({ floor: z.string(), points: z.array(z.object({ x: z.number(), y: z.number() })) })),
  /** Each change of floor, in order. */
  changes: z.array(z.object({ kind: z.enum(['stairs', 'elevator']), from: z.string(), to: z.string() })),
  /** Length in map units (a floor change counts as a fixed cost). */
  distance: z.number(),
});
export type GuideRoute = z.infer<typeof guideRouteSchema>;

export const guideResponseSchema = z.object({
  content: guideContentSchema,
  /** The way to every office (null: no way found); stepFree avoids stairs. */
  routes: z.record(z.string(), guideRouteSchema.nullable()),
  stepFreeRoutes: z.record(z.string(), guideRouteSchema.nullable()),
  /**
   * Sections staff have changed from the site's file. `by` (the account) only in staff
   * answers: the public guide names no staff account.
   */
  edited: z.array(z.object({ section: guideSectionSchema, at: z.string(), by: z.string().nullable().optional() })),
});
export type GuideResponse = z.infer<typeof guideResponseSchema>;

/** The public guide: names no staff account (`by` is not even a key). */
export const publicGuideResponseSchema = guideResponseSchema.extend({
  edited: z.array(z.object({ section: guideSectionSchema, at: z.string() })),
});
/** The staff guide editor's view: who edited each section. */
export const staffGuideResponseSchema = guideResponseSchema.extend({
  edited: z.array(z.object({ section: guideSectionSchema, at: z.string(), by: z.string().nullable() })),
});
export type StaffGuideResponse = z.infer<typeof staffGuideResponseSchema>;
export const guideSectionParamsSchema = z.strictObject({ section: guideSectionSchema });

export const guideSearchQuerySchema = z.strictObject({
  q: z
    .string()
    .max(100, 'a search is at most 100 characters')
    .transform((s) => s.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim())
    .pipe(z.string().min(1, 'type something to search for')),
});
export const guideSearchResponseSchema = z.object({
  q: z.string(),
  results: z.array(z.object({ id: z.string(), score: z.number(), q: bilingualSchema, a: bilingualSchema })),
});
export type GuideSearchResponse = z.infer<typeof guideSearchResponseSchema>;

/** PUT a section: the new value, or reset: true to go back to the site's file. */
export const guideSectionRequestSchema = z.union([z.strictObject({ value: z.unknown() }), z.strictObject({ reset: z.literal(true) })]);
export type GuideSectionRequest = z.infer<typeof guideSectionRequestSchema>;

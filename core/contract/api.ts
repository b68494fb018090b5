/**
 * Every HTTP route, once: what it is called, where it lives, who may call it, what it takes
 * and what it answers. The server registers each from its entry (core/http/serve-route.ts)
 * and the screens call it through the same entry, so a route changes in this one place.
 *
 * Access (see `Access`): the role lists name the staff who use the route; admin passes
 * every one. Writes by staff also need the session's CSRF token.
 */
import { z } from 'zod';
import {
  auditListResponseSchema,
  auditQuerySchema,
  callNextRequestSchema,
  callNextResponseSchema,
  changeOwnPasswordRequestSchema,
  checklistResponseSchema,
  counterActionResponseSchema,
  counterActionSchema,
  counterRatingRequestSchema,
  createUserRequestSchema,
  dayQuerySchema,
  detaineeDeletedResponseSchema,
  detaineeInputSchema,
  detaineeResponseSchema,
  detaineeStageRequestSchema,
  emergencyStateSchema,
  emptyBodySchema,
  forgetScreenRequestSchema,
  forgetScreenResponseSchema,
  guideSearchQuerySchema,
  guideSearchResponseSchema,
  guideSectionParamsSchema,
  guideSectionRequestSchema,
  healthResponseSchema,
  hearingDeletedResponseSchema,
  hearingImportRequestSchema,
  hearingImportResultSchema,
  hearingInputSchema,
  hearingLookupQuerySchema,
  hearingLookupSchema,
  hearingResponseSchema,
  hearingsListResponseSchema,
  hearingTransitionSchema,
  idParamsSchema,
  issuedTicketSchema,
  issueTicketRequestSchema,
  kioskListSchema,
  kioskProvisionQuerySchema,
  kioskProvisionRequestSchema,
  kioskProvisionResponseSchema,
  kioskRatingRequestSchema,
  kioskStatusResponseSchema,
  loginRequestSchema,
  marqueeListResponseSchema,
  marqueeMessageInputSchema,
  marqueeMessageResponseSchema,
  meResponseSchema,
  okResponseSchema,
  passwordChangedResponseSchema,
  phoneTicketParamsSchema,
  phoneTicketSchema,
  publicGuideResponseSchema,
  publicSiteSchema,
  raisedEmergencyResponseSchema,
  raiseEmergencyRequestSchema,
  reprintRequestSchema,
  reprintResponseSchema,
  resetPasswordRequestSchema,
  ROLES,
  rosterDayParamsSchema,
  rosterDayRequestSchema,
  rosterDayResponseSchema,
  rosterQuerySchema,
  rosterSavedResponseSchema,
  setupRequestSchema,
  signPreviewQuerySchema,
  signPreviewResponseSchema,
  simFaultRequestSchema,
  simFaultResponseSchema,
  simKeypadRequestSchema,
  simScanRequestSchema,
  simSignRequestSchema,
  simSignResponseSchema,
  staffDetaineesSchema,
  staffGuideResponseSchema,
  staffUserResponseSchema,
  statsQuerySchema,
  statsReportSchema,
  unlockUserResponseSchema,
  updatedUserResponseSchema,
  updateUserRequestSchema,
  usersListResponseSchema,
} from './dto';
import { hoursListResponseSchema, serviceHoursResponseSchema, serviceParamsSchema, setHoursRequestSchema } from './hours';
import { route, type RouteDef } from './route-table';

/** A whole guide section (the floor plans with their walkways) is bigger than a command. */
const GUIDE_SECTION_BODY_LIMIT = 256 * 1024;
/** The one route that takes a file (up to 6 MB, as base64). */
const HEARINGS_FILE_BODY_LIMIT = 9 * 1024 * 1024;

export const ROUTES = {
  // ---- public: the site, the kiosk, phones ----------------------------------------
  site: route({ method: 'GET', path: '/api/site', access: 'public', response: publicSiteSchema }),
  health: route({ method: 'GET', path: '/api/health', access: 'public', response: healthResponseSchema }),
  issueTicket: route({ method: 'POST', path: '/api/tickets', access: 'kiosk', body: issueTicketRequestSchema, response: issuedTicketSchema, status: 201 }),
  /** Whether this device may issue tickets (a rating tablet's credential is not a ticket kiosk's). */
  kioskStatus: route({ method: 'GET', path: '/api/kiosk/status', access: 'public', response: kioskStatusResponseSchema }),
  /** The one-time set-up link an installer opens on a kiosk's or tablet's browser: a redirect to its screen, or a plain-text refusal. */
  kioskProvision: route({ method: 'GET', path: '/kiosk/provision', access: 'public', query: kioskProvisionQuerySchema, response: z.string(), reply: 'redirect' }),
  phoneTicket: route({ method: 'GET', path: '/api/phone/t/:token', access: 'public', params: phoneTicketParamsSchema, response: phoneTicketSchema }),
  /** A summons' hearing by case number and code (a phone, or the kiosk after a scan). */
  lookupHearing: route({ method: 'GET', path: '/api/phone/hearing', access: 'public', query: hearingLookupQuerySchema, response: hearingLookupSchema }),
  rateCounter: route({ method: 'POST', path: '/api/ratings/counter', access: 'rating-tablet', body: counterRatingRequestSchema, response: okResponseSchema, status: 201 }),
  rateAtKiosk: route({ method: 'POST', path: '/api/ratings/kiosk', access: 'kiosk', body: kioskRatingRequestSchema, response: okResponseSchema, status: 201 }),
  guide: route({ method: 'GET', path: '/api/guide', access: 'public', response: publicGuideResponseSchema }),
  searchGuide: route({ method: 'GET', path: '/api/guide/search', access: 'public', query: guideSearchQuerySchema, response: guideSearchResponseSchema }),

  // ---- staff sessions and accounts ----------------------------------------------------
  /** Who is signed in (null when nobody), whether the first admin is still to be set up, and the CSRF token. */
  me: route({ method: 'GET', path: '/api/staff/me', access: 'public', response: meResponseSchema }),
  setup: route({ method: 'POST', path: '/api/staff/setup', access: 'public', body: setupRequestSchema, response: staffUserResponseSchema, status: 201 }),
  login: route({ method: 'POST', path: '/api/staff/login', access: 'public', body: loginRequestSchema, response: staffUserResponseSchema }),
  logout: route({ method: 'POST', path: '/api/staff/logout', access: 'public', body: emptyBodySchema, response: okResponseSchema }),
  listUsers: route({ method: 'GET', path: '/api/staff/users', access: ['admin'], response: usersListResponseSchema }),
  createUser: route({ method: 'POST', path: '/api/staff/users', access: ['admin'], body: createUserRequestSchema, response: staffUserResponseSchema, status: 201 }),
  updateUser: route({ method: 'PUT', path: '/api/staff/users/:id', access: ['admin'], params: idParamsSchema, body: updateUserRequestSchema, response: updatedUserResponseSchema }),
  /** Ends an account's sign-in waits after failed sign-ins. */
  unlockUser: route({ method: 'POST', path: '/api/staff/users/:id/unlock', access: ['admin'], params: idParamsSchema, body: emptyBodySchema, response: unlockUserResponseSchema }),
  /** Sets a new password for an account (not one's own: that is changeOwnPassword) and ends all its sessions (audited). */
  resetPassword: route({ method: 'POST', path: '/api/staff/users/:id/password', access: ['admin'], params: idParamsSchema, body: resetPasswordRequestSchema, response: passwordChangedResponseSchema }),
  /** Anyone signed in, with their current password; their other sessions end (audited). */
  changeOwnPassword: route({ method: 'POST', path: '/api/staff/me/password', access: ROLES, body: changeOwnPasswordRequestSchema, response: passwordChangedResponseSchema }),
  /** The audit log in words, filtered and a page at a time. */
  listAudit: route({ method: 'GET', path: '/api/staff/audit', access: ['admin'], query: auditQuerySchema, response: auditListResponseSchema }),
  /** A new agency's first-run checklist, computed from what the lobby holds now. */
  checklist: route({ method: 'GET', path: '/api/staff/checklist', access: ['admin'], response: checklistResponseSchema }),
  listKiosks: route({ method: 'GET', path: '/api/staff/kiosks', access: ['admin'], response: kioskListSchema }),
  /** A one-time set-up link for a ticket kiosk (default) or a counter's rating tablet. */
  provisionKiosk: route({ method: 'POST', path: '/api/staff/kiosks/provision', access: ['admin'], body: kioskProvisionRequestSchema.optional(), response: kioskProvisionResponseSchema }),
  revokeKiosk: route({ method: 'POST', path: '/api/staff/kiosks/:id/revoke', access: ['admin'], params: idParamsSchema, body: emptyBodySchema, response: okResponseSchema }),
  /** Each service's opening hours: as an admin set them, else as the site file says. */
  listHours: route({ method: 'GET', path: '/api/staff/hours', access: ['admin'], response: hoursListResponseSchema }),
  /** A service's opening hours from now on (null: whenever the lobby runs); kiosks follow at once (audited). */
  setHours: route({ method: 'PUT', path: '/api/staff/hours/:serviceId', access: ['admin'], params: serviceParamsSchema, body: setHoursRequestSchema, response: serviceHoursResponseSchema }),
  /** A service's opening hours back to the site file's (audited). */
  resetHours: route({ method: 'DELETE', path: '/api/staff/hours/:serviceId', access: ['admin'], params: serviceParamsSchema, response: serviceHoursResponseSchema }),

  // ---- counters and tickets ------------------------------------------------------------
  callNext: route({ method: 'POST', path: '/api/staff/counter/call-next', access: ['counter'], body: callNextRequestSchema, response: callNextResponseSchema }),
  counterAction: route({ method: 'POST', path: '/api/staff/counter/action', access: ['counter'], body: counterActionSchema, response: counterActionResponseSchema }),
  /** Reprints one of today's tickets; answers once printed, or with the job as it stands after a few seconds. */
  reprint: route({ method: 'POST', path: '/api/staff/tickets/reprint', access: ['counter', 'desk'], body: reprintRequestSchema, response: reprintResponseSchema }),
  /** Forgets a screen listed quietly in the device view, once it has stopped (audited). */
  forgetScreen: route({ method: 'POST', path: '/api/staff/screens/forget', access: ['admin'], body: forgetScreenRequestSchema, response: forgetScreenResponseSchema }),

  // ---- the simulator panel (/devices) ---------------------------------------------------
  simPrinterFault: route({ method: 'POST', path: '/api/devices/sim/printer/fault', access: ['admin'], body: simFaultRequestSchema, response: simFaultResponseSchema }),
  simKeypadPress: route({ method: 'POST', path: '/api/devices/sim/keypad', access: ['admin'], body: simKeypadRequestSchema, response: okResponseSchema }),
  simSign: route({ method: 'POST', path: '/api/devices/sim/sign', access: ['admin'], body: simSignRequestSchema, response: simSignResponseSchema }),
  simScan: route({ method: 'POST', path: '/api/devices/sim/scanner', access: ['admin'], body: simScanRequestSchema, response: okResponseSchema }),

  // ---- statistics ------------------------------------------------------------------------
  stats: route({ method: 'GET', path: '/api/staff/stats', access: ['desk'], query: statsQuerySchema, response: statsReportSchema }),
  /** The same figures as a CSV download (content-disposition names the range). */
  statsCsv: route({ method: 'GET', path: '/api/staff/stats.csv', access: ['desk'], query: statsQuerySchema, response: z.string(), reply: 'text', contentType: 'text/csv; charset=utf-8' }),

  // ---- marquee (跑馬燈) and emergency broadcast --------------------------------------------
  listMarquee: route({ method: 'GET', path: '/api/staff/marquee', access: ['desk'], response: marqueeListResponseSchema }),
  createMarquee: route({ method: 'POST', path: '/api/staff/marquee', access: ['desk'], body: marqueeMessageInputSchema, response: marqueeMessageResponseSchema, status: 201 }),
  updateMarquee: route({ method: 'PUT', path: '/api/staff/marquee/:id', access: ['desk'], params: idParamsSchema, body: marqueeMessageInputSchema, response: marqueeMessageResponseSchema }),
  deleteMarquee: route({ method: 'DELETE', path: '/api/staff/marquee/:id', access: ['desk'], params: idParamsSchema, response: okResponseSchema }),
  /** What each LED sign would show for a draft (read-only: a GET, nothing stored or audited). */
  signPreview: route({ method: 'GET', path: '/api/staff/marquee/sign-preview', access: ['desk'], query: signPreviewQuerySchema, response: signPreviewResponseSchema }),
  emergencyState: route({ method: 'GET', path: '/api/staff/emergency', access: ['admin'], response: emergencyStateSchema }),
  raiseEmergency: route({ method: 'POST', path: '/api/staff/emergency', access: ['admin'], body: raiseEmergencyRequestSchema, response: raisedEmergencyResponseSchema, status: 201 }),
  clearEmergency: route({ method: 'POST', path: '/api/staff/emergency/clear', access: ['admin'], body: emptyBodySchema, response: okResponseSchema }),

  // ---- hearings (開庭進度), new detainees, the duty roster ---------------------------------
  listHearings: route({ method: 'GET', path: '/api/staff/hearings', access: ['bailiff', 'clerk'], query: dayQuerySchema, response: hearingsListResponseSchema }),
  createHearing: route({ method: 'POST', path: '/api/staff/hearings', access: ['clerk'], body: hearingInputSchema, response: hearingResponseSchema, status: 201 }),
  importHearings: route({
    method: 'POST',
    path: '/api/staff/hearings/import',
    access: ['clerk'],
    body: hearingImportRequestSchema,
    response: hearingImportResultSchema,
    bodyLimit: HEARINGS_FILE_BODY_LIMIT,
  }),
  /** A clerk's correction (time, room by name or id, case number, persons): checked as a new one is, audited. */
  updateHearing: route({ method: 'PUT', path: '/api/staff/hearings/:id', access: ['clerk'], params: idParamsSchema, body: hearingInputSchema, response: hearingResponseSchema }),
  /** One tap of the hearing flow, or on the hearing's day the undo of 庭畢 (HEARING_UNDO; audited as an undo). */
  moveHearing: route({ method: 'POST', path: '/api/staff/hearings/:id/state', access: ['bailiff', 'clerk'], params: idParamsSchema, body: hearingTransitionSchema, response: hearingResponseSchema }),
  /** A hearing entered or imported by mistake, with its persons (audited). */
  deleteHearing: route({ method: 'DELETE', path: '/api/staff/hearings/:id', access: ['clerk'], params: idParamsSchema, response: hearingDeletedResponseSchema }),
  /** The day's people, with the site's stages in order and its outcomes. */
  listDetainees: route({ method: 'GET', path: '/api/staff/detainees', access: ['bailiff'], query: dayQuerySchema, response: staffDetaineesSchema }),
  recordDetainee: route({ method: 'POST', path: '/api/staff/detainees', access: ['bailiff'], body: detaineeInputSchema, response: detaineeResponseSchema, status: 201 }),
  /** A bailiff's correction of a record (name, time, agency, offence note); its stage is kept. Audited. */
  updateDetainee: route({ method: 'PUT', path: '/api/staff/detainees/:id', access: ['bailiff'], params: idParamsSchema, body: detaineeInputSchema, response: detaineeResponseSchema }),
  /** A record entered by mistake (audited by masked name). */
  deleteDetainee: route({ method: 'DELETE', path: '/api/staff/detainees/:id', access: ['bailiff'], params: idParamsSchema, response: detaineeDeletedResponseSchema }),
  setDetaineeStage: route({ method: 'POST', path: '/api/staff/detainees/:id/stage', access: ['bailiff'], params: idParamsSchema, body: detaineeStageRequestSchema, response: detaineeResponseSchema }),
  rosterDay: route({ method: 'GET', path: '/api/staff/roster', access: ['bailiff', 'clerk'], query: rosterQuerySchema, response: rosterDayResponseSchema }),
  saveRosterDay: route({ method: 'PUT', path: '/api/staff/roster/:date', access: ['bailiff', 'clerk'], params: rosterDayParamsSchema, body: rosterDayRequestSchema, response: rosterSavedResponseSchema }),

  // ---- the guide editor ------------------------------------------------------------------
  /** The guide with who edited each section (the public guide names no account). */
  staffGuide: route({ method: 'GET', path: '/api/staff/guide', access: ['desk'], response: staffGuideResponseSchema }),
  /** Replaces a section, or resets it to the site's file; answers the staff guide. */
  saveGuideSection: route({
    method: 'PUT',
    path: '/api/staff/guide/:section',
    access: ['desk'],
    params: guideSectionParamsSchema,
    body: guideSectionRequestSchema,
    response: staffGuideResponseSchema,
    bodyLimit: GUIDE_SECTION_BODY_LIMIT,
  }),
} as const satisfies Readonly<Record<string, RouteDef>>;

export type RouteName = keyof typeof ROUTES;
export type Routes = typeof ROUTES;

/** The screens' paths, the live socket's path, and who may use a route or follow a topic. */
import type { Role } from './dto';

export const SCREEN_PATHS = {
  kiosk: '/kiosk',
  calls: '/calls',
  staff: '/staff',
  devices: '/devices',
  guide: '/guide',
  hearings: '/hearings',
  detainees: '/detainees',
  phone: '/phone',
  rate: '/rate',
} as const;
export type ScreenName = keyof typeof SCREEN_PATHS;

/** The one WebSocket each screen opens (see topics.ts). */
export const LIVE_PATH = '/live';

/**
 * @deprecated Use the route table: `ROUTES.x.path`, `pathOf(ROUTES.x, params)` (api.ts), and
 * LIVE_PATH. Kept only until the last callers move; then it goes.
 */
export const API = {
  site: '/api/site',
  health: '/api/health',
  tickets: '/api/tickets',
  phoneTicket: (token: string) => `/api/phone/t/${encodeURIComponent(token)}`,
  phoneTicketPattern: '/api/phone/t/:token',
  kioskStatus: '/api/kiosk/status',
  kioskProvision: '/kiosk/provision',
  staffKiosks: '/api/staff/kiosks',
  staffKioskProvision: '/api/staff/kiosks/provision',
  staffKioskRevoke: (id: number) => `/api/staff/kiosks/${id}/revoke`,
  staffKioskRevokePattern: '/api/staff/kiosks/:id/revoke',
  staffSetup: '/api/staff/setup',
  staffLogin: '/api/staff/login',
  /** An admin ends an account's sign-in waits (after failed sign-ins). */
  staffUserUnlock: (id: number) => `/api/staff/users/${id}/unlock`,
  staffUserUnlockPattern: '/api/staff/users/:id/unlock',
  staffLogout: '/api/staff/logout',
  staffMe: '/api/staff/me',
  staffUsers: '/api/staff/users',
  staffUser: (id: number) => `/api/staff/users/${id}`,
  staffUserPattern: '/api/staff/users/:id',
  staffAudit: '/api/staff/audit',
  counterCallNext: '/api/staff/counter/call-next',
  counterAction: '/api/staff/counter/action',
  staffReprint: '/api/staff/tickets/reprint',
  simPrinterFault: '/api/devices/sim/printer/fault',
  simKeypadPress: '/api/devices/sim/keypad',
  simSign: '/api/devices/sim/sign',
  simScan: '/api/devices/sim/scanner',
  ratingsCounter: '/api/ratings/counter',
  ratingsKiosk: '/api/ratings/kiosk',
  staffStats: '/api/staff/stats',
  staffStatsCsv: '/api/staff/stats.csv',
  guide: '/api/guide',
  guideSearch: '/api/guide/search',
  /** The guide with who edited each section (staff only; the public /api/guide names no account). */
  staffGuide: '/api/staff/guide',
  staffGuideSection: (section: string) => `/api/staff/guide/${section}`,
  staffGuideSectionPattern: '/api/staff/guide/:section',
  staffMarquee: '/api/staff/marquee',
  staffMarqueeItem: (id: number) => `/api/staff/marquee/${id}`,
  staffMarqueeItemPattern: '/api/staff/marquee/:id',
  /** GET ?zh=&en=: what each LED sign would show for a draft message (SignPreviewResponse). */
  staffMarqueeSignPreview: '/api/staff/marquee/sign-preview',
  staffEmergency: '/api/staff/emergency',
  staffEmergencyClear: '/api/staff/emergency/clear',
  phoneHearing: '/api/phone/hearing',
  staffHearings: '/api/staff/hearings',
  staffHearingsImport: '/api/staff/hearings/import',
  staffHearingState: (id: number) => `/api/staff/hearings/${id}/state`,
  staffHearingStatePattern: '/api/staff/hearings/:id/state',
  /** DELETE: a hearing entered or imported by mistake, with its persons (admin, clerk; audited). */
  staffHearing: (id: number) => `/api/staff/hearings/${id}`,
  staffHearingPattern: '/api/staff/hearings/:id',
  staffDetainees: '/api/staff/detainees',
  staffDetaineeStage: (id: number) => `/api/staff/detainees/${id}/stage`,
  staffDetaineeStagePattern: '/api/staff/detainees/:id/stage',
  staffRoster: '/api/staff/roster',
  staffRosterDay: (date: string) => `/api/staff/roster/${date}`,
  staffRosterDayPattern: '/api/staff/roster/:date',
  live: '/live',
} as const;

/**
 * Who may use a route or follow a topic (one shape for both: each entry of ROUTES in api.ts
 * and of TOPIC_TABLE in topics.ts carries its own):
 * - `public`: anyone; a public topic carries only what any passer-by may see;
 * - `kiosk`: a provisioned kiosk (the Electron kiosk window's credential, or a provisioned browser's cookie);
 * - `lobby-kiosk`: a provisioned kiosk on the lobby computer itself (a loopback socket), where
 *   the USB devices are wired: what they read belongs to the person standing there;
 * - `rating-tablet`: a counter's rating tablet (a credential provisioned for `rating:<counter>`);
 *   it answers only its own counter's prompts;
 * - a role list: a signed-in session with one of the roles (admin may do everything; an empty
 *   list: any role). A live socket keeps such a topic only while its session keeps the role.
 */
export type Access = 'public' | 'kiosk' | 'lobby-kiosk' | 'rating-tablet' | readonly Role[];

/** Whether a signed-in user with `roles` passes a role-list access (admin passes every one). */
export function rolesPass(access: Access, roles: readonly Role[]): boolean {
  if (!Array.isArray(access)) return false;
  const list = access as readonly Role[];
  return roles.includes('admin') || list.length === 0 || list.some((r) => roles.includes(r));
}

/** URL paths and live topics shared by the server and every screen. */

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
  staffLogout: '/api/staff/logout',
  staffMe: '/api/staff/me',
  staffUsers: '/api/staff/users',
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
  staffDetainees: '/api/staff/detainees',
  staffDetaineeStage: (id: number) => `/api/staff/detainees/${id}/stage`,
  staffDetaineeStagePattern: '/api/staff/detainees/:id/stage',
  staffRoster: '/api/staff/roster',
  staffRosterDay: (date: string) => `/api/staff/roster/${date}`,
  staffRosterDayPattern: '/api/staff/roster/:date',
  live: '/live',
} as const;

export const TOPICS = [
  'queue.board',
  'kiosk.status',
  'queue.staff',
  'devices.sim',
  'devices.health',
  'hearings.board',
  'detainees.board',
  'kiosk.scan',
  'rating.prompts',
  'marquee',
  'emergency',
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * Who may subscribe: public topics carry only what any passer-by may see;
 * staff topics need a signed-in session on the socket's cookie.
 */
export const TOPIC_ACCESS: { readonly [T in Topic]: 'public' | 'staff' } = {
  'queue.board': 'public',
  'kiosk.status': 'public',
  'queue.staff': 'staff',
  'devices.sim': 'public',
  'devices.health': 'staff',
  'hearings.board': 'public',
  'detainees.board': 'public',
  'kiosk.scan': 'public',
  'rating.prompts': 'public',
  marquee: 'public',
  emergency: 'public',
};

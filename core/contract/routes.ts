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

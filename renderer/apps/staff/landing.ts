/**
 * The tab each person lands on after signing in: their own daily work, not whatever tab
 * comes first. Decided by the roles the account holds (an admin passes every access
 * check, so access alone would put an administrator on the counter console).
 */
import type { Role } from '../../../core/contract';

export type LandingTab = 'counter' | 'hearings' | 'detainees' | 'marquee' | 'overview';

/** The roles' own first tabs, most hands-on first: a person with several roles lands on the busiest. */
const BY_ROLE: readonly (readonly [Role, LandingTab])[] = [
  ['counter', 'counter'],
  ['clerk', 'hearings'],
  ['bailiff', 'detainees'],
  ['desk', 'marquee'],
  ['admin', 'overview'],
];

/**
 * `offered`: the tabs this console shows (a prison has no hearings tab); the first offered
 * tab of the person's roles, else the counter console (every console has it).
 */
export function landingTab<T extends string>(roles: readonly Role[], offered: readonly T[]): T | 'counter' {
  const has = (tab: string): tab is T => (offered as readonly string[]).includes(tab);
  for (const [role, tab] of BY_ROLE) {
    if (roles.includes(role) && has(tab)) return tab;
  }
  // A clerk at a site without hearings keeps the roster they share with bailiffs.
  const roster = 'roster';
  if ((roles.includes('clerk') || roles.includes('bailiff')) && has(roster)) return roster;
  return 'counter';
}

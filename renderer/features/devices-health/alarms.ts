/**
 * How the device view and its banner read devices.health for the signed-in
 * roles. One snapshot serves every role; what is an alarm depends on who looks:
 * a declared screen that stopped is an alarm only for the roles that act on
 * screens (SCREEN_ALARM_ACCESS); for the others, and for any screen the site
 * does not declare, a screen line is listed quietly. Device faults (paper out,
 * a sign offline) always come before screen lines.
 */
import { SCREEN_ALARM_ACCESS, rolesPass, type DeviceHealth, type DevicesHealth, type Role } from '../../../core/contract';

export function seesScreenAlarms(roles: readonly Role[]): boolean {
  return rolesPass(SCREEN_ALARM_ACCESS, roles);
}

/** The line as these roles should read it: a screen's alarm is dropped for roles that do not act on screens. */
export function asSeenBy(d: DeviceHealth, roles: readonly Role[]): DeviceHealth {
  return d.kind === 'screen' && d.alert !== null && !seesScreenAlarms(roles) ? { ...d, alert: null } : d;
}

/** Devices, declared screens, other screens: the server's order within each. */
const group = (d: DeviceHealth): number => (d.kind !== 'screen' ? 0 : d.screen?.expected ? 1 : 2);

/** Every line of the device view, in its order, as these roles read it. */
export function deviceLines(health: DevicesHealth | undefined, roles: readonly Role[]): DeviceHealth[] {
  return (health?.devices ?? [])
    .map((d, i) => ({ d: asSeenBy(d, roles), i }))
    .sort((a, b) => group(a.d) - group(b.d) || a.i - b.i)
    .map((x) => x.d);
}

const rank = (d: DeviceHealth): number => (d.kind === 'screen' ? 2 : d.alert === 'error' ? 0 : 1);

/** The banner's lines: device errors, then device warnings, then screens that stopped (for the roles that act on them). */
export function alarmsFor(health: DevicesHealth | undefined, roles: readonly Role[]): DeviceHealth[] {
  return deviceLines(health, roles)
    .filter((d) => d.alert !== null)
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

/** A screen line an admin may take off the list now: not declared, and stopped. */
export function forgettable(d: DeviceHealth): boolean {
  return d.kind === 'screen' && d.screen?.expected === false && d.state !== 'online';
}

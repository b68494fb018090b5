/**
 * Which tabs and buttons the console shows to the signed-in roles. The server
 * checks every call again; these only spare staff a button that would be refused.
 */
import { rolesPass, TOPIC_ACCESS, type Access, type Role } from '../../../core/contract';

// Interim: the route table's access lists replace these.
const A = {
  counter: ['counter'],
  reprint: ['counter', 'desk'],
  hearings: ['bailiff', 'clerk'],
  hearingEntry: ['clerk'],
  detainees: ['bailiff'],
  roster: ['bailiff', 'clerk'],
  marquee: ['desk'],
  guide: ['desk'],
  stats: ['desk'],
  users: ['admin'],
  audit: ['admin'],
  emergency: ['admin'],
} satisfies Record<string, Access>;

export interface StaffAccess {
  /** The counter console's actions. */
  counter: boolean;
  reprint: boolean;
  /** The device view is the devices.health topic. */
  devices: boolean;
  hearings: boolean;
  /** Import a file or enter a hearing by hand. */
  hearingEntry: boolean;
  detainees: boolean;
  roster: boolean;
  marquee: boolean;
  guide: boolean;
  stats: boolean;
  users: boolean;
  audit: boolean;
  emergency: boolean;
}

export function staffAccess(roles: readonly Role[] | undefined): StaffAccess {
  const r = roles ?? [];
  return {
    counter: rolesPass(A.counter, r),
    reprint: rolesPass(A.reprint, r),
    devices: rolesPass(TOPIC_ACCESS['devices.health'], r),
    hearings: rolesPass(A.hearings, r),
    hearingEntry: rolesPass(A.hearingEntry, r),
    detainees: rolesPass(A.detainees, r),
    roster: rolesPass(A.roster, r),
    marquee: rolesPass(A.marquee, r),
    guide: rolesPass(A.guide, r),
    stats: rolesPass(A.stats, r),
    users: rolesPass(A.users, r),
    audit: rolesPass(A.audit, r),
    emergency: rolesPass(A.emergency, r),
  };
}

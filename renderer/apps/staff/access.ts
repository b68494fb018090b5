/**
 * Which tabs and buttons the console shows to the signed-in roles: each is
 * the access of the route (or topic) it uses, read from the contract's tables,
 * so the console offers exactly what the server lets through (it checks again).
 */
import { ROUTES, TOPIC_ACCESS, rolesPass, siteUsesHearings, type PublicSite, type Role } from '../../../core/contract';

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
  /** Kiosks and rating tablets: the list, set-up links, revoking. */
  kiosks: boolean;
  /** Each service's opening hours. */
  hours: boolean;
}

/** `site`: what the site uses (a prison has no hearings: no hearings tab for anyone). */
export function staffAccess(roles: readonly Role[] | undefined, site?: PublicSite): StaffAccess {
  const r = roles ?? [];
  const hearingsHere = !site || siteUsesHearings(site);
  return {
    counter: rolesPass(ROUTES.counterAction.access, r),
    reprint: rolesPass(ROUTES.reprint.access, r),
    devices: rolesPass(TOPIC_ACCESS['devices.health'], r),
    hearings: hearingsHere && rolesPass(ROUTES.listHearings.access, r),
    hearingEntry: hearingsHere && rolesPass(ROUTES.createHearing.access, r) && rolesPass(ROUTES.importHearings.access, r),
    detainees: rolesPass(ROUTES.listDetainees.access, r),
    roster: rolesPass(ROUTES.rosterDay.access, r),
    marquee: rolesPass(ROUTES.listMarquee.access, r),
    guide: rolesPass(ROUTES.staffGuide.access, r),
    stats: rolesPass(ROUTES.stats.access, r),
    users: rolesPass(ROUTES.listUsers.access, r),
    audit: rolesPass(ROUTES.listAudit.access, r),
    emergency: rolesPass(ROUTES.raiseEmergency.access, r),
    kiosks: rolesPass(ROUTES.listKiosks.access, r) && rolesPass(ROUTES.provisionKiosk.access, r),
    hours: rolesPass(ROUTES.listHours.access, r) && rolesPass(ROUTES.setHours.access, r),
  };
}

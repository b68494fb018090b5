import { rolesPass, TOPIC_TABLE, type Access, type LiveStopReason, type StaffUser, type Topic } from '../contract';

/**
 * Who may follow a live topic, judged the same way on subscribe, on every re-check and before
 * each publish of a guarded topic. Each topic's access is written in TOPIC_TABLE (the
 * contract), beside the routes' in ROUTES; this is where a socket's holder is measured
 * against it.
 */

/** Who holds a live socket, as last read from its session and kiosk credential. */
export interface LiveHolder {
  /** The signed-in staff member, or null. */
  user: StaffUser | null;
  /** A provisioned ticket kiosk's credential. */
  ticketKiosk: boolean;
  /** A counter's rating tablet's credential. */
  ratingTablet: boolean;
  /** The socket comes from the lobby computer itself (loopback), where the USB devices are wired. */
  onLobbyComputer: boolean;
}

export function topicAccess(topic: Topic): Access {
  return TOPIC_TABLE[topic].access;
}

/** Whether the topic is for anyone: no session or credential is checked for it. */
export function isPublicTopic(topic: Topic): boolean {
  return topicAccess(topic) === 'public';
}

/** Why `who` may not follow `topic` now, or null when it may. */
export function whyNotFollow(topic: Topic, who: LiveHolder): LiveStopReason | null {
  const access = topicAccess(topic);
  if (access === 'public') return null;
  if (access === 'kiosk') return who.ticketKiosk ? null : 'kiosk-revoked';
  if (access === 'lobby-kiosk') return who.ticketKiosk && who.onLobbyComputer ? null : 'kiosk-revoked';
  if (access === 'rating-tablet') return who.ratingTablet ? null : 'kiosk-revoked';
  if (!who.user) return 'signed-out';
  return rolesPass(access, who.user.roles) ? null : 'role-removed';
}

/** The topics `who` may follow now, and the others grouped by why not. */
export function topicVerdicts(topics: Iterable<Topic>, who: LiveHolder): { allowed: Topic[]; refused: Map<LiveStopReason, Topic[]> } {
  const allowed: Topic[] = [];
  const refused = new Map<LiveStopReason, Topic[]>();
  for (const t of topics) {
    const reason = whyNotFollow(t, who);
    if (reason) refused.set(reason, [...(refused.get(reason) ?? []), t]);
    else allowed.push(t);
  }
  return { allowed, refused };
}

const REFUSED: Record<LiveStopReason, string> = {
  'signed-out': 'Sign in to follow',
  'role-removed': 'Your roles do not include',
  'kiosk-revoked': 'Only a kiosk on the lobby computer may follow',
};

const STOPPED: Record<LiveStopReason, string> = {
  'signed-out': 'Signed out',
  'role-removed': 'This account no longer has the role for it',
  'kiosk-revoked': 'Not a kiosk on the lobby computer',
};

/** What a screen is told when it asks for topics it may not follow. */
export function refusalMessage(reason: LiveStopReason, topics: readonly Topic[]): string {
  const tablets = topics.every((t) => topicAccess(t) === 'rating-tablet');
  return `${tablets ? "Only a counter's rating tablet may follow" : REFUSED[reason]}: ${topics.join(', ')}`;
}

/** What a screen is told when topics it had are taken from it. */
export function stopMessage(reason: LiveStopReason, topics: readonly Topic[]): string {
  return `${STOPPED[reason]}: ${topics.join(', ')} stopped`;
}

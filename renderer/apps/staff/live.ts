/**
 * The staff console's one live socket, bridged once into its store: the
 * public board for everyone, each staff topic only for the roles the
 * contract's TOPIC_ACCESS names (the server checks the same table, and again
 * on every change).
 */
import { staffTopicsFor, type StaffUser, type Topic } from '../../../core/contract';
import type { LiveClient, LiveClientOptions } from '../../client/live';
import { newestServerTime, raiseClockOffset } from '../../features/counter/current';
import { bridgeLive } from '../../features/live/slice';
import type { StaffStore } from './store';

/**
 * Public topics for everyone at the console; each staff topic only for the roles the
 * contract's TOPIC_ACCESS names (the server checks the same table, and again on every change).
 */
export function staffTopics(user: Pick<StaffUser, 'roles'> | null): Topic[] {
  if (!user) return ['queue.board'];
  const allowed = staffTopicsFor(user.roles);
  return ['queue.board', ...CONSOLE_TOPICS.filter((t) => allowed.includes(t))];
}

/** The staff topics the console shows (kiosk topics are for kiosks). */
const CONSOLE_TOPICS: readonly Topic[] = ['devices.health', 'queue.staff'];

const userKey = (user: StaffUser | null | undefined): string | null => (user ? `${user.id}:${user.roles.join(',')}` : null);

/**
 * The staff console's one live socket. The server checks the session cookie
 * when the socket opens, so whenever the signed-in user changes the socket is
 * reopened with the topics that user may see.
 */
export function bindStaffLive(store: StaffStore, options: Partial<LiveClientOptions> = {}): LiveClient {
  let key = userKey(store.getState().me?.user);
  const live = bridgeLive(store, staffTopics(store.getState().me?.user ?? null), {
    // The server took staff topics (signed out elsewhere, session expired, role removed):
    // their data leaves the screen now, and asking who is signed in shows the sign-in form
    // or reopens the socket with the topics the account still has.
    onStopped: (stopped) => {
      store.setState((st) => ({ snapshots: { ...st.snapshots, ...Object.fromEntries(stopped.topics.map((t) => [t, undefined])) } }));
      void store.getState().refreshMe().catch(() => undefined);
    },
    ...options,
  });
  store.subscribe((s, prev) => {
    const staff = s.snapshots['queue.staff'];
    if (staff && staff !== prev.snapshots['queue.staff']) {
      const offset = raiseClockOffset(s.clockOffsetMs, newestServerTime(staff), Date.now());
      if (offset !== s.clockOffsetMs) store.setState({ clockOffsetMs: offset });
    }
    const user = s.me?.user ?? null;
    const next = userKey(user);
    if (next === key) return;
    key = next;
    if (user === null) {
      store.setState((st) => ({ snapshots: { ...st.snapshots, 'devices.health': undefined, 'queue.staff': undefined } }));
    }
    live.reopen(staffTopics(user));
  });
  return live;
}

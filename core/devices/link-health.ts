import type { Bilingual, DeviceHealth } from '../contract';
import type { TransportState } from '../../hardware/transports/types';
import { localIso } from '../store/clock';

/**
 * Health of a device known only by its line (keypads, counter displays, the
 * scanner): connected or not. The time is when the state was first seen.
 */
export function linkHealth(
  id: string,
  kind: DeviceHealth['kind'],
  name: Bilingual,
  state: TransportState,
  since: number,
  timeZone: string,
): DeviceHealth {
  const online = state === 'open';
  return {
    id,
    kind,
    name,
    state: online ? 'online' : 'offline',
    statusReadable: true,
    link: state,
    alert: online ? null : 'error',
    since: localIso(since, timeZone),
  };
}

/** Remembers since when each line has been in its current state. */
export function createLinkWatch(now: () => number) {
  const seen = new Map<string, { state: TransportState; since: number }>();
  return {
    since(id: string, state: TransportState): number {
      const prev = seen.get(id);
      if (prev && prev.state === state) return prev.since;
      const entry = { state, since: now() };
      seen.set(id, entry);
      return entry.since;
    },
    /** A fingerprint of all states, to notice a change without events. */
    key: () => [...seen].map(([id, e]) => `${id}=${e.state}`).join(','),
  };
}

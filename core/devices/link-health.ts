import type { Bilingual, DeviceHealth } from '../contract';
import type { TransportState } from '../../hardware/transports/types';
import { localIso } from '../store/clock';

/**
 * Health of a device known by its line (keypads, counter displays, the
 * scanner): connected or not, and on a bus whose devices answer (Modbus
 * displays), the addresses that stopped answering. The time is when the
 * state was first seen.
 */
export function linkHealth(
  id: string,
  kind: DeviceHealth['kind'],
  name: Bilingual,
  state: TransportState,
  since: number,
  timeZone: string,
  unanswered: readonly number[] = [],
): DeviceHealth {
  const online = state === 'open';
  return {
    id,
    kind,
    name,
    state: online ? 'online' : 'offline',
    statusReadable: true,
    link: state,
    alert: !online ? 'error' : unanswered.length > 0 ? 'warning' : null,
    since: localIso(since, timeZone),
    ...(online && unanswered.length > 0 ? { detail: `no answer from address ${unanswered.join(', ')} · 位址 ${unanswered.join('、')} 無回應` } : {}),
  };
}

/** Remembers since when each line has been in its current state. */
export function createLinkWatch(now: () => number) {
  const seen = new Map<string, { key: string; since: number }>();
  return {
    since(id: string, state: TransportState, unanswered: readonly number[] = []): number {
      const key = `${state}|${unanswered.join(',')}`;
      const prev = seen.get(id);
      if (prev && prev.key === key) return prev.since;
      const entry = { key, since: now() };
      seen.set(id, entry);
      return entry.since;
    },
    /** A fingerprint of all states, to notice a change without events. */
    key: () => [...seen].map(([id, e]) => `${id}=${e.key}`).join(','),
  };
}

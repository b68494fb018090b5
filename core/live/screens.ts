import type { DeviceHealth } from '../contract';
import { localIso, type Clock } from '../store/clock';

/** Boards nobody watches over: when one stops, staff are alerted. */
const UNATTENDED = new Set(['kiosk', 'calls', 'hearings', 'detainees', 'guide']);
/** A screen that has not pinged for this long is taken as stopped (the client pings every 20 s). */
const STALE_MS = 70_000;
/** A stopped screen is forgotten after a day: it was moved or retired. */
const FORGET_MS = 24 * 3600_000;

interface ScreenEntry {
  key: string;
  screen: string;
  path: string;
  address: string;
  connectedAt: number;
  lastSeen: number;
  open: boolean;
}

/**
 * Every connected screen (each browser or Electron window that said hello on
 * the live socket) with its last heartbeat, for the staff health view.
 */
export function createScreenRegistry(clock: Clock, timeZone: string, onChange: () => void) {
  const entries = new Map<string, ScreenEntry>();

  function hello(screen: string, path: string, address: string): string {
    const key = `${screen} ${path} @${address}`;
    const now = clock.now();
    const existing = entries.get(key);
    entries.set(key, { key, screen, path, address, connectedAt: existing?.open ? existing.connectedAt : now, lastSeen: now, open: true });
    onChange();
    return key;
  }

  function beat(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    const wasStale = clock.now() - e.lastSeen > STALE_MS;
    e.lastSeen = clock.now();
    if (wasStale) onChange();
  }

  function gone(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    e.open = false;
    e.lastSeen = clock.now();
    onChange();
  }

  let lastStates = '';

  /** Drops long-gone screens; returns whether any screen went stale or was forgotten since the last tick. */
  function tick(): boolean {
    const now = clock.now();
    for (const [key, e] of entries) if (!e.open && now - e.lastSeen > FORGET_MS) entries.delete(key);
    const states = [...entries.values()].map((e) => `${e.key}=${e.open && now - e.lastSeen <= STALE_MS}`).join(',');
    const changed = states !== lastStates;
    lastStates = states;
    return changed;
  }

  function health(): DeviceHealth[] {
    const now = clock.now();
    return [...entries.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((e) => {
        const online = e.open && now - e.lastSeen <= STALE_MS;
        return {
          id: `screen:${e.key}`,
          kind: 'screen',
          name: { zh: `畫面 ${e.path}（${e.address}）`, en: `Screen ${e.path} (${e.address})` },
          state: online ? 'online' : 'offline',
          statusReadable: true,
          link: online ? 'open' : 'disconnected',
          alert: !online && UNATTENDED.has(e.screen) ? 'error' : null,
          since: localIso(online ? e.connectedAt : e.lastSeen, timeZone),
          detail: `last heartbeat ${localIso(e.lastSeen, timeZone)}`,
        } satisfies DeviceHealth;
      });
  }

  return { hello, beat, gone, tick, health };
}

export type ScreenRegistry = ReturnType<typeof createScreenRegistry>;

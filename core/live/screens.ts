import type { DeviceHealth } from '../contract';
import { localIso, type Clock } from '../store/clock';

/** Boards nobody watches over: when one stops, staff are alerted. */
const UNATTENDED = new Set(['kiosk', 'calls', 'hearings', 'detainees', 'guide']);
/** A screen that has not pinged for this long is taken as stopped (the client pings every 2 s). */
const STALE_MS = 70_000;
/** Default for network.screenForgetMinutes. */
export const DEFAULT_SCREEN_FORGET_MINUTES = 10;
/**
 * Stopped screens kept per address and in all: a phone that opens socket after socket,
 * each saying it is another board, cannot fill the staff view with alarms. The oldest
 * stopped one makes room.
 */
const MAX_PER_ADDRESS = 60;
const MAX_ENTRIES = 600;

interface ScreenEntry {
  key: string;
  screen: string;
  path: string;
  address: string;
  connectedAt: number;
  lastSeen: number;
  open: boolean;
}

export interface ScreenRegistryOptions {
  /** A stopped screen is forgotten after this long (it was moved, retired, or never real). */
  forgetMs?: number;
}

/**
 * Every connected screen (each browser or Electron window that said hello on
 * the live socket) with its last heartbeat, for the staff health view.
 */
export function createScreenRegistry(clock: Clock, timeZone: string, onChange: () => void, options: ScreenRegistryOptions = {}) {
  const forgetMs = options.forgetMs ?? DEFAULT_SCREEN_FORGET_MINUTES * 60_000;
  const entries = new Map<string, ScreenEntry>();

  /** Room for one more entry from `address`: the oldest stopped screens go first; false when every one is open. */
  function makeRoom(address: string): boolean {
    const all = [...entries.values()];
    const mine = all.filter((e) => e.address === address);
    const evict = (list: ScreenEntry[], max: number): boolean => {
      if (list.length < max) return true;
      const closed = list.filter((e) => !e.open).sort((a, b) => a.lastSeen - b.lastSeen);
      for (const e of closed.slice(0, list.length - max + 1)) entries.delete(e.key);
      return list.length - closed.length < max;
    };
    return evict(mine, MAX_PER_ADDRESS) && evict([...entries.values()], MAX_ENTRIES);
  }

  /** Registers a screen; null when the registry is full of open screens (it is then not listed). */
  function hello(screen: string, path: string, address: string): string | null {
    const key = `${screen} ${path} @${address}`;
    const now = clock.now();
    const existing = entries.get(key);
    if (!existing && !makeRoom(address)) return null;
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

  /** Drops screens stopped for longer than forgetMs; returns whether any screen went stale or was forgotten since the last tick. */
  function tick(): boolean {
    const now = clock.now();
    for (const [key, e] of entries) if (!e.open && now - e.lastSeen > forgetMs) entries.delete(key);
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

  /** How many screens are listed (open or stopped). */
  function size(): number {
    return entries.size;
  }

  return { hello, beat, gone, tick, health, size };
}

export type ScreenRegistry = ReturnType<typeof createScreenRegistry>;

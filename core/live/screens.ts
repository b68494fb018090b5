import type { Bilingual, DeviceHealth } from '../contract';
import { localIso, type Clock } from '../store/clock';

/** A screen that has not pinged for this long is taken as stopped (the client pings every 2 s). */
const STALE_MS = 70_000;
/** Default for network.screenForgetMinutes. */
export const DEFAULT_SCREEN_FORGET_MINUTES = 10;
/**
 * Stopped screens kept per address and in all: a phone that opens socket after socket,
 * each saying it is another board, cannot fill the staff view. The oldest stopped one
 * makes room.
 */
const MAX_PER_ADDRESS = 60;
const MAX_ENTRIES = 600;

/** A screen the site says is meant to be up: one of the lobby PC's windows, or one of `expectedScreens`. */
export interface ExpectedScreen {
  path: string;
  name: Bilingual;
}

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
  /** A stopped screen that is not declared is forgotten after this long (it was moved, retired, or never real). */
  forgetMs?: number;
  /** The screens meant to be up (expectedScreensOf): each is listed always, and alarms when it stops. */
  expected?: readonly ExpectedScreen[];
}

/** Why a screen was not forgotten. */
export type ForgetRefusal = 'open' | 'expected';

/**
 * Every connected screen (each browser or Electron window that said hello on
 * the live socket) with its last heartbeat, for the staff health view. A
 * declared screen is one line however many pages show its path; when none is
 * up any more it is an alarm, until one comes back. Any other screen is listed
 * quietly (no alarm) and forgotten some minutes after it stops.
 */
export function createScreenRegistry(clock: Clock, timeZone: string, onChange: () => void, options: ScreenRegistryOptions = {}) {
  const forgetMs = options.forgetMs ?? DEFAULT_SCREEN_FORGET_MINUTES * 60_000;
  const expected = options.expected ?? [];
  const expectedPaths = new Set(expected.map((e) => e.path));
  const startedAt = clock.now();
  const entries = new Map<string, ScreenEntry>();
  /** A declared screen's last heartbeat and address, kept for good: it stays an alarm until it is back. */
  const lastOfExpected = new Map<string, { at: number; address: string }>();

  const fresh = (e: ScreenEntry, now: number) => e.open && now - e.lastSeen <= STALE_MS;

  function remember(e: ScreenEntry): void {
    if (expectedPaths.has(e.path)) lastOfExpected.set(e.path, { at: e.lastSeen, address: e.address });
  }

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
    const entry = { key, screen, path, address, connectedAt: existing?.open ? existing.connectedAt : now, lastSeen: now, open: true };
    entries.set(key, entry);
    remember(entry);
    onChange();
    return key;
  }

  function beat(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    const wasStale = clock.now() - e.lastSeen > STALE_MS;
    e.lastSeen = clock.now();
    remember(e);
    if (wasStale) onChange();
  }

  function gone(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    e.open = false;
    e.lastSeen = clock.now();
    remember(e);
    onChange();
  }

  let lastStates = '';

  /** Drops screens stopped for longer than forgetMs; returns whether any screen went stale or was forgotten since the last tick. */
  function tick(): boolean {
    const now = clock.now();
    for (const [key, e] of entries) if (!e.open && now - e.lastSeen > forgetMs) entries.delete(key);
    const states = [...entries.values()].map((e) => `${e.key}=${fresh(e, now)}`).join(',');
    const changed = states !== lastStates;
    lastStates = states;
    return changed;
  }

  /**
   * Takes a quietly listed screen off the list before its forget time (an admin's
   * button). A declared screen is the site file's to drop, and an open one is there.
   */
  function forget(id: string): { forgotten: boolean } | { refused: ForgetRefusal } {
    const key = id.startsWith('screen:') ? id.slice('screen:'.length) : id;
    if (expectedPaths.has(key)) return { refused: 'expected' };
    const e = entries.get(key);
    if (!e) return { forgotten: false };
    if (expectedPaths.has(e.path)) return { refused: 'expected' };
    if (fresh(e, clock.now())) return { refused: 'open' };
    entries.delete(key);
    onChange();
    return { forgotten: true };
  }

  function expectedLine(x: ExpectedScreen, now: number): DeviceHealth {
    const up = [...entries.values()].filter((e) => e.path === x.path && fresh(e, now)).sort((a, b) => a.connectedAt - b.connectedAt);
    const last = lastOfExpected.get(x.path);
    const base = { id: `screen:${x.path}`, kind: 'screen', name: x.name, statusReadable: true } as const;
    if (up[0]) {
      const newest = up.reduce((a, b) => (b.lastSeen > a.lastSeen ? b : a));
      return {
        ...base,
        state: 'online',
        link: 'open',
        alert: null,
        since: localIso(up[0].connectedAt, timeZone),
        detail: `${x.path} · ${up.map((e) => e.address).join(', ')}`,
        screen: { path: x.path, expected: true, address: newest.address, lastSeen: localIso(newest.lastSeen, timeZone) },
      };
    }
    if (last) {
      return {
        ...base,
        state: 'offline',
        link: 'disconnected',
        alert: 'error',
        since: localIso(last.at, timeZone),
        detail: `${x.path} · last heartbeat ${localIso(last.at, timeZone)} from ${last.address}`,
        screen: { path: x.path, expected: true, address: last.address, lastSeen: localIso(last.at, timeZone) },
      };
    }
    // Not seen since the lobby started: listed so staff notice, but a lobby just started is no emergency.
    return {
      ...base,
      state: 'unknown',
      link: 'disconnected',
      alert: null,
      since: localIso(startedAt, timeZone),
      detail: `${x.path} · not connected since the lobby started`,
      screen: { path: x.path, expected: true, address: null, lastSeen: null },
    };
  }

  /** The declared screens in the site's order, then every other screen listed quietly. */
  function health(): DeviceHealth[] {
    const now = clock.now();
    const others = [...entries.values()]
      .filter((e) => !expectedPaths.has(e.path))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((e): DeviceHealth => {
        const online = fresh(e, now);
        return {
          id: `screen:${e.key}`,
          kind: 'screen',
          name: { zh: `畫面 ${e.path}（${e.address}）`, en: `Screen ${e.path} (${e.address})` },
          state: online ? 'online' : 'offline',
          statusReadable: true,
          link: online ? 'open' : 'disconnected',
          alert: null,
          since: localIso(online ? e.connectedAt : e.lastSeen, timeZone),
          detail: `last heartbeat ${localIso(e.lastSeen, timeZone)}`,
          screen: { path: e.path, expected: false, address: e.address, lastSeen: localIso(e.lastSeen, timeZone) },
        };
      });
    return [...expected.map((x) => expectedLine(x, now)), ...others];
  }

  /** How many pages that said hello are still listed (open or stopped). */
  function size(): number {
    return entries.size;
  }

  return { hello, beat, gone, tick, forget, health, size };
}

export type ScreenRegistry = ReturnType<typeof createScreenRegistry>;

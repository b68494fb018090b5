import { DomainError } from '../errors';

/**
 * Slows password guessing without giving an outsider a way to lock staff out.
 *
 * The old rule (five wrong passwords lock the account for 15 minutes) let any phone on
 * the Wi-Fi lock `admin` out, over and over. Here nothing an address does can stop
 * another address that has signed in to that account before:
 *
 * - one (account, address) pair: 5 free failures, then it waits 1 s, 2 s, 4 s … up to
 *   15 minutes before the next try. Only that pair waits: a clerk at the counter PC is
 *   untouched by a phone hammering the same username;
 * - one address, any usernames: 20 free failures, then the same growing wait (a phone
 *   spraying usernames or passwords slows down for everything it tries);
 * - one account, from all addresses together: 10 free failures, then addresses with no
 *   good record for it (no successful sign-in from there since the lobby started) wait
 *   at most 1 minute after the account's last failure. Addresses that have signed in to
 *   the account before never feel this.
 *
 * Every rule is keyed by the username as typed, whether or not it exists, so an unknown
 * username is throttled exactly like a real one and the answers cannot tell them apart.
 * Kept in memory: a restart forgets the counts, which only helps staff.
 */
export const SIGN_IN_LIMITS = {
  pair: { free: 5, maxWaitMs: 15 * 60_000 },
  address: { free: 20, maxWaitMs: 15 * 60_000 },
  account: { free: 10, maxWaitMs: 60_000 },
  /** Failures older than this are forgotten. */
  forgetMs: 24 * 60 * 60_000,
  /**
   * Password checks running at once from one address, and in all. Failures are counted
   * when a check ends, so a burst of parallel tries would slip past the counts; and each
   * scrypt holds 32 MiB, so a flood of them would exhaust memory.
   */
  inFlightPerAddress: 2,
  inFlightTotal: 16,
  /** Map size at which expired entries are swept; beyond twice this the oldest go. */
  maxEntries: 20_000,
} as const;

export const SIGN_IN_THROTTLED_MESSAGE = '登入失敗次數過多，請稍後再試 / Too many failed sign-ins; please wait a moment and try again.';

/** A refusal before the password is even checked; `retryAfterMs` goes to the Retry-After header. */
export class SignInThrottled extends DomainError {
  constructor(readonly retryAfterMs: number) {
    super('rate_limited', SIGN_IN_THROTTLED_MESSAGE);
  }
}

interface Tally {
  failures: number;
  last: number;
}

/** What changed with a failure, for the audit: a key that has just started to wait. */
export interface Throttled {
  scope: 'pair' | 'address' | 'account';
  failures: number;
  waitMs: number;
}

function waitFor(failures: number, limit: { free: number; maxWaitMs: number }): number {
  if (failures < limit.free) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - limit.free, 30), limit.maxWaitMs);
}

export function createSignInGuard(now: () => number) {
  const pairs = new Map<string, Tally>();
  const addresses = new Map<string, Tally>();
  const accounts = new Map<string, Tally>();
  /** `${username}\n${address}` that signed in successfully. */
  const goodRecords = new Set<string>();
  const inFlight = new Map<string, number>();
  let inFlightTotal = 0;
  const pairKey = (username: string, address: string) => `${username}\n${address}`;

  function fresh(map: Map<string, Tally>, key: string, t: number): Tally | undefined {
    const r = map.get(key);
    if (r && t - r.last > SIGN_IN_LIMITS.forgetMs) {
      map.delete(key);
      return undefined;
    }
    return r;
  }

  function bound(map: Map<string, Tally>, limit: { free: number; maxWaitMs: number }, t: number): void {
    if (map.size < SIGN_IN_LIMITS.maxEntries) return;
    for (const [k, r] of map) if (remaining(r, limit, t) === 0) map.delete(k);
    // Maps iterate in insertion order: past twice the bound, the oldest go first.
    for (const k of map.keys()) {
      if (map.size <= SIGN_IN_LIMITS.maxEntries * 2) break;
      map.delete(k);
    }
  }

  function remaining(r: Tally | undefined, limit: { free: number; maxWaitMs: number }, t: number): number {
    if (!r) return 0;
    return Math.max(0, r.last + waitFor(r.failures, limit) - t);
  }

  return {
    /**
     * Called before the password is checked: throws SignInThrottled when this try must
     * wait, else holds a place until release().
     */
    enter(username: string, address: string): void {
      const t = now();
      const waits = [
        remaining(fresh(pairs, pairKey(username, address), t), SIGN_IN_LIMITS.pair, t),
        remaining(fresh(addresses, address, t), SIGN_IN_LIMITS.address, t),
        goodRecords.has(pairKey(username, address)) ? 0 : remaining(fresh(accounts, username, t), SIGN_IN_LIMITS.account, t),
      ];
      const wait = Math.max(...waits);
      if (wait > 0) throw new SignInThrottled(wait);
      const mine = inFlight.get(address) ?? 0;
      if (mine >= SIGN_IN_LIMITS.inFlightPerAddress || inFlightTotal >= SIGN_IN_LIMITS.inFlightTotal) throw new SignInThrottled(1000);
      inFlight.set(address, mine + 1);
      inFlightTotal++;
    },

    /** The password check that enter() let in has ended. */
    release(address: string): void {
      const mine = (inFlight.get(address) ?? 1) - 1;
      if (mine <= 0) inFlight.delete(address);
      else inFlight.set(address, mine);
      inFlightTotal = Math.max(0, inFlightTotal - 1);
    },

    /** Counts a wrong password (or unknown username); returns the keys that start to wait now. */
    failed(username: string, address: string): Throttled[] {
      const t = now();
      const out: Throttled[] = [];
      const count = (scope: Throttled['scope'], map: Map<string, Tally>, key: string) => {
        const limit = SIGN_IN_LIMITS[scope];
        bound(map, limit, t);
        const r = fresh(map, key, t) ?? { failures: 0, last: t };
        r.failures++;
        r.last = t;
        map.set(key, r);
        // Audited when a key first has to wait, and again each time its wait doubles past a minute.
        if (r.failures === limit.free || (r.failures > limit.free && waitFor(r.failures, limit) < limit.maxWaitMs && waitFor(r.failures, limit) >= 60_000)) {
          out.push({ scope, failures: r.failures, waitMs: waitFor(r.failures, limit) });
        }
      };
      count('pair', pairs, pairKey(username, address));
      count('address', addresses, address);
      count('account', accounts, username);
      return out;
    },

    /** A right password: this pair is in good standing, its failures forgotten. */
    succeeded(username: string, address: string): void {
      pairs.delete(pairKey(username, address));
      if (goodRecords.size >= SIGN_IN_LIMITS.maxEntries) goodRecords.clear();
      goodRecords.add(pairKey(username, address));
    },

    /**
     * An admin's unlock: every wait on the account ends. The addresses it was attacked
     * from keep their own counts (a phone spraying usernames stays slowed). Returns how
     * many waits were ended.
     */
    unlock(username: string): number {
      const t = now();
      let cleared = 0;
      for (const [k, r] of pairs) {
        if (!k.startsWith(`${username}\n`)) continue;
        if (remaining(r, SIGN_IN_LIMITS.pair, t) > 0) cleared++;
        pairs.delete(k);
      }
      const account = accounts.get(username);
      if (account && remaining(account, SIGN_IN_LIMITS.account, t) > 0) cleared++;
      accounts.delete(username);
      return cleared;
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;

/**
 * Which waiting ticket a counter calls next, as a pure rule so it can be
 * tested without a database. The queue feeds it the head of each line.
 */

export interface LineHead {
  id: number;
  /** Milliseconds since the ticket (re)entered the line. */
  waitedMs: number;
}

export interface ServiceHeads {
  serviceId: string;
  normal: LineHead | null;
  priority: LineHead | null;
}

export interface OrderingRules {
  /** A priority ticket goes first after this many normal calls at the counter; 0 = priority always first. */
  priorityEvery: number;
  /** A ticket that has waited this long goes ahead of everyone younger at any counter that serves it (see chooseNext). */
  agingMs: number;
}

export interface Choice {
  id: number;
  serviceId: string;
  priority: boolean;
}

/**
 * Past the ageing limit, the ticket that has waited longest among the heads of
 * all the counter's lines goes first, normal or priority, whatever the
 * counter's order of preference: no one waits past the limit at a counter that
 * serves them while it calls others (ties go to the preferred service, then to
 * the normal line). Otherwise services are tried in the counter's order of
 * preference; within the first service that has anyone waiting, a priority
 * ticket goes first when the counter has called `priorityEvery` normal tickets
 * since its last priority one (or there is no normal ticket).
 */
export function chooseNext(heads: readonly ServiceHeads[], normalsSincePriority: number, rules: OrderingRules): Choice | null {
  const aged = longestAged(heads, rules.agingMs);
  if (aged) return aged;
  for (const h of heads) {
    if (!h.normal && !h.priority) continue;
    if (!h.priority) return { id: h.normal!.id, serviceId: h.serviceId, priority: false };
    if (!h.normal) return { id: h.priority.id, serviceId: h.serviceId, priority: true };
    if (normalsSincePriority >= rules.priorityEvery) return { id: h.priority.id, serviceId: h.serviceId, priority: true };
    return { id: h.normal.id, serviceId: h.serviceId, priority: false };
  }
  return null;
}

function longestAged(heads: readonly ServiceHeads[], agingMs: number): Choice | null {
  let best: Choice | null = null;
  let bestWaited = -1;
  for (const h of heads) {
    if (h.normal && h.normal.waitedMs >= agingMs && h.normal.waitedMs > bestWaited) {
      best = { id: h.normal.id, serviceId: h.serviceId, priority: false };
      bestWaited = h.normal.waitedMs;
    }
    if (h.priority && h.priority.waitedMs >= agingMs && h.priority.waitedMs > bestWaited) {
      best = { id: h.priority.id, serviceId: h.serviceId, priority: true };
      bestWaited = h.priority.waitedMs;
    }
  }
  return best;
}

/** A counter's count of normal calls since its last priority one, after it makes `choice`. */
export function normalsSincePriorityAfter(choice: Pick<Choice, 'priority'>, normalsSincePriority: number): number {
  return choice.priority ? 0 : normalsSincePriority + 1;
}

/** A waiting ticket as the forecast sees it. */
export interface LineTicket {
  id: number;
  priority: boolean;
  /** When it (re)entered its line. */
  waitingSince: number;
  /** Held for this counter alone (a transfer to a counter); null: any counter serving its line. */
  onlyCounterId: string | null;
}

/** A service's line as it stands, and who is expected to join it. */
export interface LineForecast {
  /** Its waiting tickets in line order (sort key), normal and priority mixed. */
  waiting: readonly LineTicket[];
  /**
   * Tickets expected to join the back of the normal and the priority line: one
   * every so many ms, the first at once; null: none expected.
   */
  arrivalEveryMs: { normal: number | null; priority: number | null };
}

export interface Forecast {
  now: number;
  /** How long one call takes at the counter: the forecast's clock moves on by this after each call. */
  callMs: number;
  lines: ReadonlyMap<string, LineForecast>;
}

export interface CounterAtWork {
  id: string;
  /** Its services, most preferred first. */
  serviceIds: readonly string[];
  normalsSincePriority: number;
}

/** The id of a ticket not yet issued: the board's "a ticket taken now". */
export const NEW_TICKET_ID = -1;
/** The id the forecast gives a ticket it expects to come. */
const ARRIVING_ID = -2;

interface Cursor {
  tickets: LineTicket[];
  next: number;
  arriveEveryMs: number | null;
  /** Expected tickets already called. */
  arrivedCalled: number;
  /** The head handed to chooseNext, rewritten at each call (the forecast runs on every read). */
  head: LineHead;
}

interface Slot {
  normal: Cursor;
  priority: Cursor;
  heads: ServiceHeads;
}

/**
 * How many calls `counter`, working alone, makes before it calls `target`:
 * `chooseNext` itself — the rule "call next" uses — run call after call, one
 * call every `callMs` from now. Waits grow as the forecast's clock moves, so a
 * ticket passed over for a preferred service ages and then goes first; and
 * tickets expected in the counter's other services join their lines as they
 * come, since they too go before it until it has aged. (The target's own
 * service is left as it stands: a later ticket of its line joins behind it.)
 * Null when this counter never calls it (held for another counter). The
 * forecast stops at `stopAt` calls (a count already beaten elsewhere).
 */
export function callsBefore(
  target: { id: number; serviceId: string },
  counter: CounterAtWork,
  forecast: Forecast,
  rules: OrderingRules,
  stopAt = Number.POSITIVE_INFINITY,
): number | null {
  const { now, callMs } = forecast;
  const services = [...new Set(counter.serviceIds)].filter((s) => forecast.lines.has(s));
  const slots = new Map<string, Slot>();
  let real = 0;
  let reachable = false;
  for (const serviceId of services) {
    const line = forecast.lines.get(serviceId)!;
    const own = serviceId === target.serviceId;
    const cursor = (priority: boolean): Cursor => {
      const tickets = line.waiting.filter((t) => t.priority === priority && (t.onlyCounterId === null || t.onlyCounterId === counter.id));
      if (own && tickets.some((t) => t.id === target.id)) reachable = true;
      real += tickets.length;
      const every = own ? null : priority ? line.arrivalEveryMs.priority : line.arrivalEveryMs.normal;
      return { tickets, next: 0, arriveEveryMs: every !== null && every > 0 ? every : null, arrivedCalled: 0, head: { id: 0, waitedMs: 0 } };
    };
    slots.set(serviceId, { normal: cursor(false), priority: cursor(true), heads: { serviceId, normal: null, priority: null } });
  }
  if (!reachable) return null;
  const all = [...slots.values()];
  const heads = all.map((slot) => slot.heads);

  const headAt = (c: Cursor, at: number): LineHead | null => {
    const t = c.tickets[c.next];
    if (t) {
      c.head.id = t.id;
      c.head.waitedMs = at - t.waitingSince;
      return c.head;
    }
    if (c.arriveEveryMs === null) return null;
    const arrives = now + c.arrivedCalled * c.arriveEveryMs;
    if (arrives > at) return null;
    c.head.id = ARRIVING_ID;
    c.head.waitedMs = at - arrives;
    return c.head;
  };
  const nextArrival = (): number | null => {
    let soonest: number | null = null;
    for (const slot of all) {
      for (const c of [slot.normal, slot.priority]) {
        if (c.next < c.tickets.length || c.arriveEveryMs === null) continue;
        const arrives = now + c.arrivedCalled * c.arriveEveryMs;
        if (soonest === null || arrives < soonest) soonest = arrives;
      }
    }
    return soonest;
  };

  // The target is reached at the latest once it has aged past everyone younger: those
  // older than it are all in the lines already, and expected tickets are younger.
  const limit = Math.min(real + Math.ceil(rules.agingMs / callMs) + services.length + 1, stopAt);
  let at = now;
  let n = counter.normalsSincePriority;
  for (let called = 0; called < limit; ) {
    for (const slot of all) {
      slot.heads.normal = headAt(slot.normal, at);
      slot.heads.priority = headAt(slot.priority, at);
    }
    const choice = chooseNext(heads, n, rules);
    if (!choice) {
      // Nobody to call until an expected ticket comes.
      const arrives = nextArrival();
      if (arrives === null || arrives <= at) return called;
      at = arrives;
      continue;
    }
    if (choice.id === target.id) return called;
    const slot = slots.get(choice.serviceId)!;
    const taken = choice.priority ? slot.priority : slot.normal;
    if (taken.next < taken.tickets.length) taken.next++;
    else taken.arrivedCalled++;
    n = normalsSincePriorityAfter(choice, n);
    called++;
    at += callMs;
  }
  return limit;
}

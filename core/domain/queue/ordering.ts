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

/** One waiting ticket of a service's line, in the line's own order (sort key). */
export interface WaitingTicket extends LineHead {
  priority: boolean;
}

/**
 * How many of a service's waiting tickets would be called before ticket `id`,
 * found by running `chooseNext` — the very rule "call next" uses — over the
 * service's line until it picks `id`. This is the service's own order: as if
 * one counter, starting from `normalsSincePriority`, kept calling this service
 * alone. Which counter calls, its other services and tickets held for one
 * counter can change the real order; ageing is judged at the present moment.
 * The count is recomputed on every read, so it follows as time and calls move.
 * Returns the line's length when `id` is not in it.
 */
export function callsBefore(
  serviceId: string,
  line: readonly WaitingTicket[],
  id: number,
  normalsSincePriority: number,
  rules: OrderingRules,
): number {
  const normal = line.filter((t) => !t.priority);
  const priority = line.filter((t) => t.priority);
  let n = normalsSincePriority;
  let i = 0;
  let j = 0;
  for (let called = 0; called < line.length; called++) {
    const choice = chooseNext([{ serviceId, normal: normal[i] ?? null, priority: priority[j] ?? null }], n, rules);
    if (!choice || choice.id === id) return called;
    if (choice.priority) j++;
    else i++;
    n = normalsSincePriorityAfter(choice, n);
  }
  return line.length;
}

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
  /** A normal ticket that has waited this long goes ahead of priority ones. */
  agingMs: number;
}

export interface Choice {
  id: number;
  serviceId: string;
  priority: boolean;
}

/**
 * Services are tried in the counter's order of preference; within the first
 * service that has anyone waiting, a priority ticket goes first when the
 * counter has called `priorityEvery` normal tickets since its last priority
 * one (or there is no normal ticket) — unless the oldest normal ticket has
 * aged past `agingMs`, which then goes first so it is never starved.
 */
export function chooseNext(heads: readonly ServiceHeads[], normalsSincePriority: number, rules: OrderingRules): Choice | null {
  for (const h of heads) {
    if (!h.normal && !h.priority) continue;
    if (!h.priority) return { id: h.normal!.id, serviceId: h.serviceId, priority: false };
    if (!h.normal) return { id: h.priority.id, serviceId: h.serviceId, priority: true };
    const normalAged = h.normal.waitedMs >= rules.agingMs && h.normal.waitedMs >= h.priority.waitedMs;
    const priorityDue = normalsSincePriority >= rules.priorityEvery;
    if (priorityDue && !normalAged) return { id: h.priority.id, serviceId: h.serviceId, priority: true };
    return { id: h.normal.id, serviceId: h.serviceId, priority: false };
  }
  return null;
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

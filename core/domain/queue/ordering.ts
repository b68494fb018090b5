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

/**
 * The queue service the lobby wires: its commands (commands.ts) and views
 * (views.ts) over one shared context (context.ts) and the queue's rows (rows.ts).
 */
import { createQueueCommands } from './commands';
import { createQueueContext, type QueueDeps } from './context';
import { createQueueViews } from './views';

export { formatNumber } from './commands';
export type { QueueRules, QueueSite } from './context';
export type { Ticket } from './views';

export function createQueue(deps: QueueDeps) {
  const ctx = createQueueContext(deps);
  const views = createQueueViews(ctx);
  const commands = createQueueCommands(ctx, views);
  return {
    issue: commands.issue,
    act: commands.act,
    callNext: commands.callNext,
    setPaused: commands.setPaused,
    tick: commands.tick,
    sweepIfDue: commands.sweepIfDue,
    board: views.board,
    staffView: views.staffView,
    phoneTicket: views.phoneTicket,
    ticketById: views.ticketById,
    ticketByNumber: views.ticketByNumber,
    counterTicket: views.counterTicket,
    kioskStatus: views.kioskStatus,
    today: ctx.today,
    clockNotices: ctx.clockNotices,
  };
}

export type Queue = ReturnType<typeof createQueue>;

/**
 * Every event of the lobby, by name: what the domain did, and what the devices
 * report that screens follow. Listeners are typed from this map.
 */
export interface DomainEvents {
  'ticket.issued': { ticketId: number; serviceId: string; number: string };
  'ticket.called': { ticketId: number; number: string; serviceId: string; counterId: string; callId: number; recall: boolean };
  'queue.changed': Record<string, never>;
  /** A counter finished serving a ticket (finish, or the next call finished it). */
  'ticket.finished': { ticketId: number; serviceId: string; counterId: string };
  'rating.changed': Record<string, never>;
  'print.jobs.changed': Record<string, never>;
  'kiosk.status.changed': Record<string, never>;
  /** An account, a role or a session changed: live sockets check their staff topics again. */
  'staff.changed': { action: string };
  /** A device's health changed (printer, sign, a line, a screen, the clock): the staff health view is rebuilt. */
  'devices.changed': Record<string, never>;
  /** The kiosk's scanner read a summons: the kiosk shows where to go. */
  'kiosk.scanned': Record<string, never>;
  'marquee.changed': Record<string, never>;
  'hearings.changed': Record<string, never>;
  'detainees.changed': Record<string, never>;
  'emergency.changed': Record<string, never>;
}

export type EventName = keyof DomainEvents;
type Listener<K extends EventName> = (payload: DomainEvents[K]) => void;

export interface EventBus {
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
}

/** Where a failing listener is reported: the lobby's logger, whose `err` serializer scrubs personal data. */
export interface BusLog {
  error(obj: object, msg: string): void;
}

/**
 * A synchronous bus. A failing listener is logged and does not stop the
 * others: a printer error must never undo a ticket already committed.
 * The lobby passes its logger; without one (unit tests, tools) failures go to stderr.
 */
export function createEventBus(log: BusLog = stderrLog): EventBus {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(name, payload) {
      for (const l of listeners.get(name) ?? []) {
        try {
          (l as Listener<typeof name>)(payload);
        } catch (err) {
          log.error({ area: 'events', event: name, err }, `a listener for ${name} failed`);
        }
      }
    },
  };
}

const stderrLog: BusLog = {
  error: (obj, msg) => console.error(`[events] ${msg}`, (obj as { err?: unknown }).err),
};

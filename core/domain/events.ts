/** Every event the domain emits, by name. Listeners are typed from this map. */
export interface DomainEvents {
  'ticket.issued': { ticketId: number; serviceId: string; number: string };
  'ticket.called': { ticketId: number; number: string; serviceId: string; counterId: string; callId: number; recall: boolean };
  'queue.changed': Record<string, never>;
  /** A counter finished serving a ticket (finish, or the next call finished it). */
  'ticket.finished': { ticketId: number; serviceId: string; counterId: string };
  'rating.changed': Record<string, never>;
  'print.finished': { ticketId: number; jobId: number; ok: boolean };
  'print.jobs.changed': Record<string, never>;
  'kiosk.status.changed': Record<string, never>;
  'staff.changed': { action: string };
  'devices.changed': Record<string, never>;
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

/**
 * A synchronous bus. A failing listener is logged and does not stop the
 * others: a printer error must never undo a ticket already committed.
 */
export function createEventBus(onListenerError: (name: EventName, err: unknown) => void = defaultListenerError): EventBus {
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
          onListenerError(name, err);
        }
      }
    },
  };
}

function defaultListenerError(name: EventName, err: unknown): void {
  console.error(`[bus] listener for ${name} failed:`, err);
}

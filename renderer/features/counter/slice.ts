/** The counter console: the chosen counter (remembered on this computer) and one action at a time. */
import type { StateCreator } from 'zustand';
import type { Call, CounterAction, CounterTicket, QueueStaff } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { LiveSlice } from '../live/slice';
import type { CounterApi } from './api';
import { raiseClockOffset } from './current';

const COUNTER_KEY = 'lobby.staff.counterId';

function readCounter(): string | null {
  try {
    return globalThis.localStorage?.getItem(COUNTER_KEY) ?? null;
  } catch {
    return null;
  }
}
function writeCounter(id: string | null): void {
  try {
    if (id) globalThis.localStorage?.setItem(COUNTER_KEY, id);
    else globalThis.localStorage?.removeItem(COUNTER_KEY);
  } catch {
    /* private mode: not remembered */
  }
}

/** A counter action as the console asks for it: the store adds the chosen counter. */
export type ConsoleAction = CounterAction extends infer A ? (A extends CounterAction ? Omit<A, 'counterId'> : never) : never;
export type ConsoleActionName = CounterAction['action'];

/**
 * The server's answer to this console's last action. It stands for the
 * counter's state only until the next `queue.staff` snapshot arrives: `basis`
 * is the snapshot that was on screen when the answer came.
 */
export interface ActionAck {
  counterId: string;
  current: CounterTicket | null;
  basis: QueueStaff | undefined;
}

export interface CounterSlice {
  counterId: string | null;
  /** The last call this console made (the board may not have caught up yet). */
  lastCall: Call | null;
  /** True when the last call-next found nobody waiting. */
  queueEmpty: boolean;
  calling: boolean;
  callError: string | null;
  /** The action on its way to the server (one at a time). */
  acting: ConsoleActionName | null;
  /** The server's message for the last action that failed; cleared by the next one. */
  actionError: string | null;
  ack: ActionAck | null;
  /**
   * How far the server's clock is ahead of this one (≥ 0, a lower bound from
   * the times in what it sends), so grace countdowns and waited minutes read
   * right on a console whose clock is behind.
   */
  clockOffsetMs: number;
  setCounter: (id: string | null) => void;
  /** Call next through the first console's route (kept for the keypad-era API; the console uses act). */
  callNext: () => Promise<void>;
  /** Send one action for the chosen counter; resolves true when the server accepted it. */
  act: (action: ConsoleAction) => Promise<boolean>;
  clearActionError: () => void;
}

/** What the console forgets on sign-out. */
export const COUNTER_SIGNED_OUT = { lastCall: null, queueEmpty: false, ack: null, actionError: null } satisfies Partial<CounterSlice>;

export function createCounterSlice(api: CounterApi, onSessionLost: OnSessionLost): StateCreator<CounterSlice & LiveSlice, [], [], CounterSlice> {
  return (set, get) => ({
    counterId: readCounter(),
    lastCall: null,
    queueEmpty: false,
    calling: false,
    callError: null,
    acting: null,
    actionError: null,
    ack: null,
    clockOffsetMs: 0,
    setCounter: (id) => {
      writeCounter(id);
      set({ counterId: id, lastCall: null, queueEmpty: false, callError: null, actionError: null, ack: null });
    },
    act: async (action) => {
      const { counterId, acting } = get();
      if (acting || !counterId) return false;
      set({ acting: action.action, actionError: null, queueEmpty: false });
      try {
        const res = await api.counterAction({ ...action, counterId } as CounterAction);
        set((st) => ({
          acting: null,
          // the counter may have been changed meanwhile: the answer is then for another counter
          ack: { counterId, current: res.current, basis: st.snapshots['queue.staff'] },
          lastCall: res.call ?? st.lastCall,
          queueEmpty: action.action === 'next' && res.call === null,
          clockOffsetMs: raiseClockOffset(st.clockOffsetMs, res.call ? Date.parse(res.call.calledAt) : null, Date.now()),
        }));
        return true;
      } catch (err) {
        set({ acting: null, actionError: errorMessage(err) });
        whenSessionLost(err, onSessionLost);
        return false;
      }
    },
    clearActionError: () => set({ actionError: null }),
    callNext: async () => {
      const { counterId, calling } = get();
      if (calling || !counterId) return;
      set({ calling: true, callError: null });
      try {
        const res = await api.callNext(counterId);
        set({ calling: false, lastCall: res.call, queueEmpty: res.call === null });
      } catch (err) {
        set({ calling: false, callError: errorMessage(err) });
        whenSessionLost(err, onSessionLost);
      }
    },
  });
}

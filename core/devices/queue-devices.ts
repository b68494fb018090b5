import type { CounterAction, PublicCounter } from '../contract';
import type { CallerKeypads, KeypadPress } from '../../hardware/keypad/types';
import type { CounterDisplays } from '../../hardware/counter-display/types';
import type { TransportState } from '../../hardware/transports/types';
import type { EventBus } from '../domain/events';
import type { Queue } from '../domain/queue/queue';
import { DomainError } from '../domain/errors';

/** A keypad key as the console action it stands for; TRANSFER sends the ticket to the back of its own line. */
export function actionForKey(press: KeypadPress, counterId: string): CounterAction {
  switch (press.key) {
    case 'NEXT':
      return { action: 'next', counterId };
    case 'RECALL':
      return { action: 'recall', counterId };
    case 'SKIP':
      return { action: 'skip', counterId };
    case 'START':
      return { action: 'start', counterId };
    case 'FINISH':
      return { action: 'finish', counterId };
    case 'TRANSFER':
      return { action: 'transfer', counterId, position: 'back' };
    case 'CALL':
      return { action: 'call-number', counterId, number: press.arg ?? '' };
  }
}

/** What a counter's display and keypad show while the counter serves nobody. */
export const IDLE_TEXT = '----';
/** How long a keypad shows ERR after a refused key before it shows the counter's number again. */
export const ERROR_SHOWN_MS = 2000;

/** Something that can tell when its line comes back (a device may have lost what it showed). */
interface LineEvents {
  onState(listener: (state: TransportState) => void): () => void;
}

/**
 * Keypads act exactly like the staff console (the same domain command). A
 * counter's number display and its keypad's display always show what the
 * queue says the counter is serving, whoever acted (a keypad, the console,
 * another keypad, midnight): after every queue change each counter's number
 * is compared with what was last sent and sent again where it differs, a
 * call (or recall) is always sent again (the modules flash on a new frame),
 * and everything is sent again when a line comes back after an unplug.
 * A keypad's address and a display's address are the counter's number.
 */
export function bindQueueDevices(deps: {
  queue: Pick<Queue, 'act' | 'counterTicket'>;
  bus: EventBus;
  counters: readonly PublicCounter[];
  keypads: CallerKeypads | undefined;
  displays: CounterDisplays | undefined;
  /** The keypads' and displays' links, to resend what they show when they come back. */
  lines?: readonly (LineEvents | undefined)[];
  log(msg: string): void;
  /** For tests: when an ERR on a keypad gives way to the number again. */
  errorShownMs?: number;
}) {
  const { queue, bus, keypads, displays, log } = deps;
  const byNumber = new Map(deps.counters.map((c) => [c.number, c]));
  const onKeypad = new Map<number, string>();
  const onDisplay = new Map<number, string>();
  const offs: (() => void)[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Counters that were just called: their number is sent again even if unchanged (a recall). */
  const called = new Set<string>();

  const send = (what: 'keypad' | 'display', address: number, text: string) => {
    const device = what === 'keypad' ? keypads : displays;
    if (!device) return;
    (what === 'keypad' ? onKeypad : onDisplay).set(address, text);
    void device.show(address, text).catch((err: unknown) => log(`${what === 'keypad' ? 'keypad' : 'counter display'} ${address}: ${String(err)}`));
  };

  function sync(all = false): void {
    for (const counter of deps.counters) {
      const text = queue.counterTicket(counter.id)?.number ?? IDLE_TEXT;
      const again = all || called.has(counter.id);
      if (again || onDisplay.get(counter.number) !== text) send('display', counter.number, text);
      if (again || onKeypad.get(counter.number) !== text) send('keypad', counter.number, text);
    }
    called.clear();
  }

  if (keypads) {
    offs.push(
      keypads.onPress((press) => {
        const counter = byNumber.get(press.address);
        if (!counter) {
          log(`keypad ${press.address} is not mapped to a counter`);
          send('keypad', press.address, 'ERR');
          return;
        }
        try {
          // The queue's change event brings the counter's number to the keypad and the display.
          queue.act(actionForKey(press, counter.id), null);
        } catch (err) {
          if (!(err instanceof DomainError)) log(`keypad ${press.address} ${press.key} failed: ${String(err)}`);
          send('keypad', press.address, 'ERR');
          const timer = setTimeout(() => {
            timers.delete(timer);
            sync();
          }, deps.errorShownMs ?? ERROR_SHOWN_MS);
          timers.add(timer);
        }
      }),
      keypads.onGarbage((line) => log(`keypad line not understood: ${JSON.stringify(line.slice(0, 32))}`)),
    );
  }

  offs.push(
    bus.on('ticket.called', (e) => called.add(e.counterId)),
    bus.on('queue.changed', () => sync()),
    ...(deps.lines ?? []).flatMap((line) => (line ? [line.onState((state) => state === 'open' && sync(true))] : [])),
  );
  // What the devices showed before a restart is unknown: tell them now.
  sync(true);

  return {
    stop() {
      offs.forEach((off) => off());
      timers.forEach((t) => clearTimeout(t));
    },
    async close() {
      await Promise.all([keypads?.close(), displays?.close()]);
    },
  };
}

import type { CounterAction, PublicCounter } from '../contract';
import type { CallerKeypads, KeypadPress } from '../../hardware/keypad/types';
import type { CounterDisplays } from '../../hardware/counter-display/types';
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

/**
 * Keypads act exactly like the staff console (the same domain command), and
 * every call is shown on the counter's number display. A keypad's address
 * and a display's address are the counter's number.
 */
export function bindQueueDevices(deps: {
  queue: Queue;
  bus: EventBus;
  counters: readonly PublicCounter[];
  keypads: CallerKeypads | undefined;
  displays: CounterDisplays | undefined;
  log(msg: string): void;
}) {
  const { queue, bus, keypads, displays, log } = deps;
  const byNumber = new Map(deps.counters.map((c) => [c.number, c]));
  const offs: (() => void)[] = [];

  if (keypads) {
    offs.push(
      keypads.onPress((press) => {
        const counter = byNumber.get(press.address);
        if (!counter) {
          log(`keypad ${press.address} is not mapped to a counter`);
          void keypads.show(press.address, 'ERR').catch(() => undefined);
          return;
        }
        let text: string;
        try {
          const result = queue.act(actionForKey(press, counter.id), null);
          text = result.current?.number ?? (press.key === 'NEXT' ? '----' : 'OK');
        } catch (err) {
          text = 'ERR';
          if (!(err instanceof DomainError)) log(`keypad ${press.address} ${press.key} failed: ${String(err)}`);
        }
        void keypads.show(press.address, text).catch((e: unknown) => log(`keypad ${press.address} display: ${String(e)}`));
      }),
      keypads.onGarbage((line) => log(`keypad line not understood: ${JSON.stringify(line.slice(0, 32))}`)),
    );
  }

  // Every call, from a keypad or a console, shows on the counter's display and on its keypad.
  offs.push(
    bus.on('ticket.called', (e) => {
      const counter = deps.counters.find((c) => c.id === e.counterId);
      if (!counter) return;
      if (displays) void displays.show(counter.number, e.number).catch((err: unknown) => log(`counter display ${counter.number}: ${String(err)}`));
      if (keypads) void keypads.show(counter.number, e.number).catch((err: unknown) => log(`keypad ${counter.number}: ${String(err)}`));
    }),
  );

  return {
    stop: () => offs.forEach((off) => off()),
    async close() {
      await Promise.all([keypads?.close(), displays?.close()]);
    },
  };
}

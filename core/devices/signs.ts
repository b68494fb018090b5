import type { DeviceHealth, Emergency, MarqueeMessage } from '../contract';
import { createSign, createSignSerialTransport, type MarqueeSign, type SignMessage, type SignStatus, type SimulatedSignDevice } from '../../hardware/sign';
import type { SignConfig } from '../config/schema';
import type { EventBus } from '../domain/events';
import { localIso, type Clock } from '../store/clock';

export interface BoundSign {
  config: SignConfig;
  sign: MarqueeSign;
  simulator: SimulatedSignDevice | undefined;
  status: SignStatus;
  since: number;
}

/**
 * What a sign shows: Alpha signs have Latin fonts only, so they get the
 * English text; Onbon signs show Chinese (GBK holds the Traditional
 * characters) followed by the English. An emergency replaces everything.
 * The staff preview (./sign-preview.ts) goes through here too.
 */
export function signMessagesFor(protocol: SignConfig['protocol'], messages: readonly Pick<MarqueeMessage, 'zh' | 'en'>[], emergency: Emergency | null): SignMessage[] {
  const text = (zh: string, en: string) => (protocol === 'alpha' ? en : `${zh}  ${en}`);
  if (emergency) return [{ text: text(emergency.zh, emergency.en), effect: 'flash', color: 'red', speed: 3 }];
  return messages.map((m) => ({ text: text(m.zh, m.en), effect: 'rotate', speed: 3, color: 'auto' }));
}

/**
 * Keeps every LED sign showing the current messages: on every change, and
 * again whenever a sign that went away comes back (its memory may be blank).
 */
export function bindSigns(deps: {
  configs: readonly SignConfig[];
  bus: EventBus;
  clock: Clock;
  timeZone: string;
  messagesFor(signId: string): MarqueeMessage[];
  emergency(): Emergency | null;
  onChange(): void;
  log(msg: string): void;
}) {
  const { bus, clock, log } = deps;
  const signs: BoundSign[] = deps.configs.map((config) => {
    const made =
      config.driver === 'simulated'
        ? createSign({ driver: 'simulated', protocol: config.protocol, id: config.id }, { clock })
        : createSign(
            config.protocol === 'alpha'
              ? { driver: 'alpha', id: config.id, transport: createSignSerialTransport('alpha', config.serial ?? {}) }
              : { driver: 'onbon-bx', id: config.id, transport: createSignSerialTransport('onbon-bx', config.serial ?? {}), ...(config.address !== undefined ? { address: config.address } : {}) },
            { clock },
          );
    if (!made.sign) throw new Error(`sign ${config.id} could not be created`);
    return { config, sign: made.sign, simulator: made.simulator, status: made.sign.status(), since: clock.now() };
  });

  async function push(bound: BoundSign): Promise<void> {
    const messages = signMessagesFor(bound.config.protocol, deps.messagesFor(bound.config.id), deps.emergency());
    try {
      const result = await bound.sign.show(messages);
      for (const w of result.warnings ?? []) log(`sign ${bound.config.id}: ${w.message}`);
    } catch (err) {
      log(`sign ${bound.config.id} did not take the messages: ${String(err)}`);
    }
  }

  const pushAll = () => signs.forEach((s) => void push(s));
  const offs = [
    bus.on('marquee.changed', pushAll),
    bus.on('emergency.changed', pushAll),
    ...signs.map((bound) =>
      bound.sign.onStatus((status) => {
        const cameBack = bound.status.state === 'offline' && status.state !== 'offline';
        bound.status = status;
        bound.since = clock.now();
        deps.onChange();
        if (cameBack) void push(bound);
      }),
    ),
    ...signs.flatMap((b) => (b.simulator ? [b.simulator.onChange(() => deps.onChange())] : [])),
  ];
  pushAll();

  function health(): DeviceHealth[] {
    return signs.map((b) => ({
      id: b.config.id,
      kind: 'sign',
      name: b.config.name,
      state: b.status.state,
      statusReadable: b.status.state !== 'unknown',
      link: b.status.link,
      alert: b.status.state === 'offline' ? 'error' : null,
      since: localIso(b.since, deps.timeZone),
      ...(b.status.detail ? { detail: b.status.detail } : {}),
    }));
  }

  return {
    signs,
    health,
    stop: () => offs.forEach((off) => off()),
    close: () => Promise.all(signs.map((s) => s.sign.close())),
  };
}

export type Signs = ReturnType<typeof bindSigns>;

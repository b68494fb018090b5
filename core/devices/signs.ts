import type { DeviceHealth, Emergency, MarqueeMessage, SignHealthWarning } from '../contract';
import { createSign, createSignSerialTransport, ONBON_AREA_BYTES, type MarqueeSign, type SignMessage, type SignStatus, type SignWarning, type SimulatedSignDevice } from '../../hardware/sign';
import type { SignConfig } from '../config/schema';
import type { EventBus } from '../domain/events';
import { localIso, type Clock } from '../store/clock';

export interface BoundSign {
  config: SignConfig;
  sign: MarqueeSign;
  simulator: SimulatedSignDevice | undefined;
  status: SignStatus;
  since: number;
  /** What the last push that reached the sign could not show (empty when everything fit). */
  warnings: SignHealthWarning[];
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

type SourceMessage = { id: number | null; zh: string; en: string };

/**
 * The driver's warnings for one push, as staff read them: messages cut for
 * lack of room, and characters the sign shows as "?". Accents dropped or
 * quotes straightened (Alpha) and effects the sign does not have are left to
 * the log: the message still reads as written.
 */
export function signHealthWarnings(warnings: readonly SignWarning[], sources: readonly SourceMessage[]): SignHealthWarning[] {
  const out: SignHealthWarning[] = [];
  const cut = warnings.find((w) => w.code === 'text-truncated');
  if (cut) {
    const messages = sources.slice(cut.messageIndex);
    const n = messages.length;
    out.push({
      code: 'text-cut',
      messages,
      text:
        n === 1
          ? { zh: `訊息超過看板容量，第 ${cut.messageIndex + 1} 則未完整顯示`, en: `Too long for this sign: message ${cut.messageIndex + 1} is not shown in full` }
          : {
              zh: `訊息超過看板容量，第 ${cut.messageIndex + 1} 則起共 ${n} 則未完整顯示`,
              en: `Too long for this sign: ${n} messages, from message ${cut.messageIndex + 1} on, are not shown in full`,
            },
    });
  }
  const unshown = warnings.filter((w) => w.code === 'replaced-char' && w.replacement === '?' && (!cut || w.messageIndex <= cut.messageIndex));
  if (unshown.length > 0) {
    const chars = [...new Set(unshown.flatMap((w) => (w.char !== undefined ? [w.char] : [])))].join(' ');
    const indexes = [...new Set(unshown.map((w) => w.messageIndex))];
    out.push({
      code: 'chars-unshown',
      messages: indexes.flatMap((i) => (sources[i] ? [sources[i]] : [])),
      text: { zh: `看板沒有這些字的字型，顯示為「?」：${chars}`, en: `The sign has no font for these characters and shows "?": ${chars}` },
    });
  }
  return out;
}

const sameWarnings = (a: readonly SignHealthWarning[], b: readonly SignHealthWarning[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps every LED sign showing the current messages: on every change, and
 * again whenever a sign that went away comes back (its memory may be blank).
 */
/** An Onbon card's area size and font from the site's model and font settings (BX-5 and GBK unless told). */
export function onbonCard(config: SignConfig): { maxAreaBytes: number; fontRepertoire: 'gbk' | 'gb2312' } {
  return { maxAreaBytes: ONBON_AREA_BYTES[config.onbon?.model ?? 'bx-5'], fontRepertoire: config.onbon?.font ?? 'gbk' };
}

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
    const card = onbonCard(config);
    const made =
      config.driver === 'simulated'
        ? createSign({ driver: 'simulated', protocol: config.protocol, id: config.id, onbon: card }, { clock })
        : createSign(
            config.protocol === 'alpha'
              ? { driver: 'alpha', id: config.id, transport: createSignSerialTransport('alpha', config.serial ?? {}) }
              : {
                  driver: 'onbon-bx',
                  id: config.id,
                  transport: createSignSerialTransport('onbon-bx', config.serial ?? {}),
                  ...card,
                  ...(config.address !== undefined ? { address: config.address } : {}),
                },
            { clock },
          );
    if (!made.sign) throw new Error(`sign ${config.id} could not be created`);
    return { config, sign: made.sign, simulator: made.simulator, status: made.sign.status(), since: clock.now(), warnings: [] };
  });
  // Pushes may overlap: only the newest one's warnings stand.
  const pushes = new Map<BoundSign, number>();

  async function push(bound: BoundSign): Promise<void> {
    const emergency = deps.emergency();
    const active = deps.messagesFor(bound.config.id);
    const messages = signMessagesFor(bound.config.protocol, active, emergency);
    const sources: SourceMessage[] = emergency ? [{ id: null, zh: emergency.zh, en: emergency.en }] : active.map((m) => ({ id: m.id, zh: m.zh, en: m.en }));
    const seq = (pushes.get(bound) ?? 0) + 1;
    pushes.set(bound, seq);
    try {
      const result = await bound.sign.show(messages);
      for (const w of result.warnings ?? []) log(`sign ${bound.config.id}: ${w.message}`);
      // A frame the sign did not acknowledge is sent again when it is back: the warnings come with that push.
      if (result.acknowledged === false || pushes.get(bound) !== seq) return;
      const warnings = signHealthWarnings(result.warnings ?? [], sources);
      if (!sameWarnings(warnings, bound.warnings)) {
        bound.warnings = warnings;
        deps.onChange();
      }
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
      ...(b.warnings.length > 0 ? { signWarnings: b.warnings } : {}),
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

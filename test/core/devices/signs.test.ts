/**
 * Sign health carries what the last push could not show: messages that do
 * not fit in an Onbon BX-5 area (512 bytes) are named, in both languages,
 * and the warning clears on the next push that fits. Real drivers over the
 * simulated signs, so the capacity is the encoder's own.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceHealthSchema, type Emergency, type MarqueeMessage } from '../../../core/contract';
import type { SignConfig } from '../../../core/config/schema';
import { bindSigns, type Signs } from '../../../core/devices/signs';
import { createEventBus } from '../../../core/domain/events';
import { manualClock } from '../../../core/store/clock';

const CONFIGS: SignConfig[] = [
  { id: 'lobby-led', name: { zh: '大廳跑馬燈', en: 'Lobby LED sign' }, protocol: 'onbon-bx', driver: 'simulated' },
  { id: 'entrance-led', name: { zh: '入口跑馬燈', en: 'Entrance LED sign' }, protocol: 'alpha', driver: 'simulated' },
];

function message(id: number, zh: string, en: string): MarqueeMessage {
  return {
    id,
    zh,
    en,
    category: 'news',
    priority: 3,
    startsAt: null,
    endsAt: null,
    days: [],
    hoursFrom: null,
    hoursTo: null,
    targets: ['sign:lobby-led', 'sign:entrance-led'],
    active: true,
    updatedAt: '2026-11-26T09:00:00+08:00',
    updatedBy: null,
  };
}

const HOURS = message(1, '本署服務時間週一至週五', 'Office hours: Mon-Fri');
/** 300 Chinese characters: 600 GBK bytes, more than a BX-5 area holds on its own. */
const LONG = message(2, '臺'.repeat(300), 'A very long notice');
const LAST = message(3, '請保持安靜', 'Please keep quiet');

let signs: Signs | undefined;
afterEach(async () => {
  signs?.stop();
  await signs?.close();
  signs = undefined;
});

function setup(initial: MarqueeMessage[], configs: SignConfig[] = CONFIGS) {
  const bus = createEventBus();
  let current = initial;
  let emergency: Emergency | null = null;
  const changes = vi.fn();
  const logs: string[] = [];
  signs = bindSigns({
    configs,
    bus,
    clock: manualClock('2026-11-26T09:00:00+08:00'),
    timeZone: 'Asia/Taipei',
    messagesFor: () => current,
    emergency: () => emergency,
    onChange: changes,
    log: (m) => logs.push(m),
  });
  const s = signs;
  const health = (id: string) => deviceHealthSchema.parse(s.health().find((d) => d.id === id));
  const show = (messages: MarqueeMessage[]) => {
    current = messages;
    bus.emit('marquee.changed', {});
  };
  const raise = (e: Emergency | null) => {
    emergency = e;
    bus.emit('emergency.changed', {});
  };
  const shown = (id: string) => s.signs.find((b) => b.config.id === id)!.simulator!.snapshot.messages.map((m) => m.text);
  return { health, show, raise, shown, changes, logs };
}

describe('sign health: what the last push could not show', () => {
  it('messages that exceed an Onbon area are named in zh and en; the next push that fits clears it', async () => {
    const t = setup([HOURS, LONG, LAST]);
    await vi.waitFor(() => expect(t.health('lobby-led').signWarnings).toBeDefined());
    const [cut, ...others] = t.health('lobby-led').signWarnings!;
    expect(others).toEqual([]);
    expect(cut).toEqual({
      code: 'text-cut',
      // the long one is cut part way, the one after it not shown at all
      messages: [
        { id: 2, zh: LONG.zh, en: LONG.en },
        { id: 3, zh: LAST.zh, en: LAST.en },
      ],
      text: { zh: '訊息超過看板容量，第 2 則起共 2 則未完整顯示', en: 'Too long for this sign: 2 messages, from message 2 on, are not shown in full' },
    });
    expect(t.changes).toHaveBeenCalled();
    // what the sign really shows: the first message whole, the second cut, the third missing
    const shown = t.shown('lobby-led');
    expect(shown[0]).toBe(`${HOURS.zh} ${HOURS.en}`);
    expect(shown[1]!.startsWith('臺'.repeat(100))).toBe(true);
    expect(shown.join(' ')).not.toContain(LAST.zh);
    expect(t.logs.some((l) => /lobby-led: the messages exceed 512 bytes/.test(l))).toBe(true);
    // the Alpha sign shows the English alone: it all fits, nothing to tell
    expect(t.health('entrance-led').signWarnings).toBeUndefined();
    // state and alert are the link's, as before
    expect(t.health('lobby-led')).toMatchObject({ kind: 'sign', alert: null });

    // the long message taken off: everything fits, the warning goes
    t.changes.mockClear();
    t.show([HOURS, LAST]);
    await vi.waitFor(() => expect(t.health('lobby-led').signWarnings).toBeUndefined());
    expect(t.changes).toHaveBeenCalled();
    expect(t.shown('lobby-led')).toEqual([`${HOURS.zh} ${HOURS.en}`, `${LAST.zh} ${LAST.en}`]);
  });

  it('a BX-6 card, as the site says (onbon.model), holds what a BX-5 cannot: all three shown, nothing to tell', async () => {
    const bx6 = CONFIGS.map((c) => (c.id === 'lobby-led' ? { ...c, onbon: { model: 'bx-6' as const, font: 'gbk' as const } } : c));
    const t = setup([HOURS, LONG, LAST], bx6);
    await vi.waitFor(() => expect(t.shown('lobby-led')).toHaveLength(3));
    expect(t.shown('lobby-led')).toEqual([`${HOURS.zh} ${HOURS.en}`, `${LONG.zh} ${LONG.en}`, `${LAST.zh} ${LAST.en}`]);
    expect(t.health('lobby-led').signWarnings).toBeUndefined();
  });

  it('a single message too long on its own says so in the singular', async () => {
    const t = setup([LONG]);
    await vi.waitFor(() => expect(t.health('lobby-led').signWarnings).toBeDefined());
    expect(t.health('lobby-led').signWarnings).toEqual([
      {
        code: 'text-cut',
        messages: [{ id: 2, zh: LONG.zh, en: LONG.en }],
        text: { zh: '訊息超過看板容量，第 1 則未完整顯示', en: 'Too long for this sign: message 1 is not shown in full' },
      },
    ]);
  });

  it('an emergency too long for the sign is named as the emergency; clearing it brings back the messages, which fit', async () => {
    const t = setup([HOURS]);
    await vi.waitFor(() => expect(t.shown('lobby-led')).toEqual([`${HOURS.zh} ${HOURS.en}`]));
    expect(t.health('lobby-led').signWarnings).toBeUndefined();
    const e: Emergency = { id: 9, kind: 'notice', zh: '緊'.repeat(300), en: 'Evacuate', raisedAt: '2026-11-26T09:10:00+08:00', endsAt: null };
    t.raise(e);
    await vi.waitFor(() => expect(t.health('lobby-led').signWarnings?.[0]).toMatchObject({ code: 'text-cut', messages: [{ id: null, zh: e.zh, en: e.en }] }));
    t.raise(null);
    await vi.waitFor(() => expect(t.health('lobby-led').signWarnings).toBeUndefined());
  });

  it('characters a sign has no font for are named; accents it only drops are not', async () => {
    const t = setup([message(4, '公告', 'Café 臺北')]);
    await vi.waitFor(() => expect(t.health('entrance-led').signWarnings).toBeDefined());
    expect(t.health('entrance-led').signWarnings).toEqual([
      {
        code: 'chars-unshown',
        messages: [{ id: 4, zh: '公告', en: 'Café 臺北' }],
        text: { zh: '看板沒有這些字的字型，顯示為「?」：臺 北', en: 'The sign has no font for these characters and shows "?": 臺 北' },
      },
    ]);
    // the Onbon card has both in GBK
    expect(t.health('lobby-led').signWarnings).toBeUndefined();
  });
});

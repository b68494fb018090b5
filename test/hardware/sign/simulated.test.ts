import { afterEach, describe, expect, it } from 'vitest';
import { encodeAlphaShow } from '../../../hardware/sign/alpha-frames';
import { AlphaSign } from '../../../hardware/sign/drivers/alpha';
import { OnbonBxSign } from '../../../hardware/sign/drivers/onbon-bx';
import { decodeFrame, encodeFrame, encodePing } from '../../../hardware/sign/onbon-frames';
import { createSimulatedSign, SimulatedSignDevice, type SignProtocol, type SimulatedSign } from '../../../hardware/sign/simulated';
import type { SignMessage, SignStatus } from '../../../hardware/sign/types';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { chunking, fromHex, hex, rng, until } from './fixtures';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function sim(...args: Parameters<typeof createSimulatedSign>): SimulatedSign {
  const s = createSimulatedSign(...args);
  open.push(s.sign);
  return s;
}

/** The bytes the far end of a memory pair receives. */
function tap(pair: ReturnType<typeof createMemoryPair>): number[] {
  const wire: number[] = [];
  pair.b.onData((b) => wire.push(...b));
  return wire;
}

const LOBBY: SignMessage[] = [
  { text: '臺灣臺東地方檢察署', effect: 'rotate', color: 'amber' },
  { text: '請依號碼順序辦理 Please wait for your number', effect: 'rotate', speed: 4 },
];

describe('the real drivers write known-good frames', () => {
  it('Alpha: alphasign.Text("Message") byte for byte', async () => {
    const pair = createMemoryPair();
    const wire = tap(pair);
    const sign = new AlphaSign(pair.a);
    open.push(sign);
    expect(await sign.show([{ text: 'Message', effect: 'rotate' }])).toEqual({ bytes: 23 });
    await until(() => wire.length === 23);
    expect(hex(wire)).toBe('00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 61 4D 65 73 73 61 67 65 04');
  });

  it("Onbon: the protocol document's dynamic-area example (§8.2.1 命令示例8) byte for byte, on a one-way line", async () => {
    // One-way, so the Response byte is 02 and no PING goes out; flip it to the document's 01 for the comparison.
    const pair = createMemoryPair({ aCanRead: false });
    const wire = tap(pair);
    const sign = new OnbonBxSign(pair.a, { address: 0xfffe, screen: { width: 128, height: 32 } });
    open.push(sign);
    const result = await sign.show([{ text: '欢迎光临', effect: 'hold', speed: 5 }]);
    expect(result).toEqual({ bytes: 69 });
    await until(() => wire.length === 69);
    const decoded = decodeFrame(wire);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.frame.data[2]).toBe(0x02);
    const asDocument = encodeFrame({ dst: 0xfffe, data: Uint8Array.from([...decoded.frame.data.subarray(0, 2), 0x01, ...decoded.frame.data.subarray(3)]) });
    expect(hex(asDocument)).toBe(
      hex(
        fromHex(
          'a5 a5 a5 a5 a5 a5 a5 a5 fe ff 00 80 00 00 00 00 00 00 fe 02 2c 00 a3 06 01 00 00 00 01 23 00 00 00 80 00 00 80 80 20 00 00 00 00 0a 00 00 00 00 02 01 01 00 02 0a 08 00 00 00 bb b6 d3 ad b9 e2 c1 d9 3c 49 5a',
        ),
      ),
    );
  });

  it("Onbon: on a line that answers, the same frame exactly as printed (Response 01), after the document's PING", async () => {
    const pair = createMemoryPair();
    const wire = tap(pair);
    // A card at 0xFFFE that ACKs everything with the document's own ACK frame (§7.1 命令示例4).
    pair.b.onData(() => void pair.b.write(fromHex('A5 A5 A5 A5 A5 A5 A5 A5 A5 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A')));
    const sign = new OnbonBxSign(pair.a, { address: 0xfffe, pollIntervalMs: 0, replyTimeoutMs: 200 });
    open.push(sign);
    const result = await sign.show([{ text: '欢迎光临', effect: 'hold', speed: 5 }]);
    expect(result).toEqual({ bytes: 69, acknowledged: true });
    expect(sign.status()).toEqual({ state: 'online', link: 'open' });
    // First the PING the driver sends when it starts, then the dynamic area.
    expect(hex(wire)).toBe(
      hex([
        ...encodeFrame({ dst: 0xfffe, data: encodePing(true) }),
        ...fromHex(
          'a5 a5 a5 a5 a5 a5 a5 a5 fe ff 00 80 00 00 00 00 00 00 fe 02 2c 00 a3 06 01 00 00 00 01 23 00 00 00 80 00 00 80 80 20 00 00 00 00 0a 00 00 00 00 02 01 01 00 02 0a 08 00 00 00 bb b6 d3 ad b9 e2 c1 d9 3c 49 5a',
        ),
      ]),
    );
  });

  it('Onbon: a NACK (the document\'s §7.2 example, ERR_CHECKSUM) rejects show() and leaves the sign online', async () => {
    const pair = createMemoryPair();
    pair.b.onData(() => void pair.b.write(fromHex('A5 A5 A5 A5 A5 A5 A5 A5 A5 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 01 05 00 00 05 51 5A')));
    const sign = new OnbonBxSign(pair.a, { address: 0xfffe, pollIntervalMs: 0, replyTimeoutMs: 200 });
    open.push(sign);
    await expect(sign.show([{ text: 'x', effect: 'hold' }])).rejects.toThrow(/ERR_CHECKSUM/);
    expect(sign.status()).toEqual({ state: 'online', link: 'open', detail: 'last request refused: ERR_CHECKSUM' });
  });
});

describe.each(['alpha', 'onbon-bx'] as const)('simulated %s sign decodes what the real driver sends', (protocol: SignProtocol) => {
  // Alpha: the Chinese becomes '?', speed and colour are restated on every page.
  // Onbon: one area, so one speed (the first message's); colours restated, red by default.
  const expected =
    protocol === 'alpha'
      ? [
          { text: '?????????', effect: 'rotate', speed: 3, color: 'amber' },
          { text: '???????? Please wait for your number', effect: 'rotate', speed: 4, color: 'auto' },
        ]
      : [
          { text: '臺灣臺東地方檢察署', effect: 'rotate', speed: 3, color: 'amber' },
          { text: '請依號碼順序辦理 Please wait for your number', effect: 'rotate', speed: 3, color: 'red' },
        ];

  it('whole frames', async () => {
    const { sign, device } = sim({ protocol, onbon: { pollIntervalMs: 0 } });
    await sign.show(LOBBY);
    await until(() => device.snapshot.frames >= 1);
    expect(device.snapshot.messages).toEqual(expected);
    expect(device.snapshot.badFrames).toBe(0);
  });

  it('byte by byte', async () => {
    const { sign, device } = sim({ protocol, maxChunk: 1, onbon: { pollIntervalMs: 0 } });
    await sign.show([{ text: 'A012', effect: 'hold' }]);
    await sign.show(LOBBY);
    await until(() => device.snapshot.messages.length === 2);
    expect(device.snapshot.messages).toEqual(expected);
    expect(device.snapshot.badFrames).toBe(0);
  });

  it('random chunks, several shows in a row', async () => {
    const pair = createMemoryPair();
    const device = new SimulatedSignDevice(pair.b, { protocol });
    const link = chunking(pair.a, rng(protocol.length), 5);
    const sign = protocol === 'alpha' ? new AlphaSign(link) : new OnbonBxSign(link, { pollIntervalMs: 0, replyTimeoutMs: 250 });
    open.push(sign);
    for (let n = 0; n < 5; n++) {
      await sign.show([{ text: `Ticket A00${n}`, effect: 'hold' }]);
      await until(() => device.snapshot.messages[0]?.text === `Ticket A00${n}`);
    }
    await sign.show(LOBBY);
    await until(() => device.snapshot.messages.length === 2);
    expect(device.snapshot.messages).toEqual(expected);
    expect(device.snapshot.badFrames).toBe(0);
  });

  it('an empty list blanks the sign', async () => {
    const { sign, device } = sim({ protocol, onbon: { pollIntervalMs: 0 } });
    await sign.show(LOBBY);
    await until(() => device.snapshot.messages.length === 2);
    await sign.show([]);
    await until(() => device.snapshot.messages.length === 0);
    expect(device.snapshot.frames).toBeGreaterThanOrEqual(2);
  });

  it('counts a damaged frame as bad and does not show it', async () => {
    const { sign, device, link } = sim({ protocol, onbon: { pollIntervalMs: 0 } });
    await sign.show([{ text: 'Good', effect: 'hold' }]);
    await until(() => device.snapshot.messages[0]?.text === 'Good');
    let damaged: Uint8Array;
    if (protocol === 'alpha') {
      // The checksum form with a wrong sum.
      damaged = fromHex(`00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 62 ${hex(Buffer.from('Bad'))} 03 30 30 30 30 04`);
    } else {
      const f = encodeFrame({ dst: 1, data: fromHex('A3 06 02 00 00 00 00') });
      f[f.length - 2] = f[f.length - 2]! ^ 0x01;
      damaged = f;
    }
    await link.a.write(damaged);
    await until(() => device.snapshot.badFrames === 1);
    expect(device.snapshot.messages.map((m) => m.text)).toEqual(['Good']);
  });
});

describe('Latin text on an Alpha sign', () => {
  it('is replaced, reported by show(), and shown as replaced', async () => {
    const { sign, device } = sim({ protocol: 'alpha' });
    const result = await sign.show([{ text: '第3法庭 Court 3', effect: 'hold' }]);
    expect(result.warnings?.map((w) => [w.code, w.char, w.replacement])).toEqual([
      ['replaced-char', '第', '?'],
      ['replaced-char', '法', '?'],
      ['replaced-char', '庭', '?'],
    ]);
    await until(() => device.snapshot.frames === 1);
    expect(device.snapshot.messages).toEqual([{ text: '?3?? Court 3', effect: 'hold' }]);
  });
});

describe('status: a sign that goes away comes back', () => {
  function record(sign: { onStatus(l: (s: SignStatus) => void): () => void }): SignStatus[] {
    const seen: SignStatus[] = [];
    sign.onStatus((s) => seen.push(s));
    return seen;
  }

  it('Onbon: switched off → offline (no reply), on again → online, blank until the messages are sent again', async () => {
    const { sign, device } = sim({ protocol: 'onbon-bx', onbon: { pollIntervalMs: 0, replyTimeoutMs: 100 } });
    const onbon = sign as OnbonBxSign;
    await until(() => sign.status().state === 'online');
    const seen = record(sign);
    expect(await sign.show(LOBBY)).toMatchObject({ acknowledged: true });
    await until(() => device.snapshot.messages.length === 2);

    device.setOffline(true);
    expect(device.snapshot.messages).toEqual([]);
    expect(await onbon.poll()).toEqual({ state: 'offline', link: 'open', detail: 'no reply from the sign' });
    // A show while it is off goes nowhere and says so.
    expect(await sign.show([{ text: 'lost', effect: 'hold' }])).toMatchObject({ acknowledged: false });
    const framesWhileOff = device.snapshot.frames;

    device.setOffline(false);
    expect(device.snapshot.messages).toEqual([]); // RAM areas are gone after a power cycle
    expect(await onbon.poll()).toEqual({ state: 'online', link: 'open' });
    expect(seen.map((s) => s.state)).toEqual(['offline', 'online']);
    expect(framesWhileOff).toBe(device.snapshot.frames - 1); // the PING just now; nothing sent while off was received

    // The core's answer to 'online': send the current messages again.
    await sign.show(LOBBY);
    await until(() => device.snapshot.messages.length === 2);
    expect(device.snapshot.messages[0]?.text).toBe('臺灣臺東地方檢察署');
  });

  it('Onbon: the polling notices both ways by itself', async () => {
    const { sign, device } = sim({ protocol: 'onbon-bx', onbon: { pollIntervalMs: 40, replyTimeoutMs: 60 } });
    const seen = record(sign);
    await until(() => sign.status().state === 'online');
    device.setOffline(true);
    await until(() => sign.status().state === 'offline', 2000, 'offline noticed');
    device.setOffline(false);
    await until(() => sign.status().state === 'online', 2000, 'back online noticed');
    expect(seen.map((s) => s.state)).toEqual(['online', 'offline', 'online']);
    expect(device.repliesSent).toBeGreaterThanOrEqual(2);
  });

  it('Onbon: a pulled cable is offline with link disconnected at once, and online again after the replug', async () => {
    const { sign, link } = sim({ protocol: 'onbon-bx', onbon: { pollIntervalMs: 0, replyTimeoutMs: 100 } });
    await until(() => sign.status().state === 'online');
    const seen = record(sign);
    link.disconnect(new Error('cable pulled'));
    expect(sign.status()).toEqual({ state: 'offline', link: 'disconnected', detail: 'transport disconnected' });
    link.reconnect();
    await until(() => sign.status().state === 'online');
    expect(seen).toEqual([
      { state: 'offline', link: 'disconnected', detail: 'transport disconnected' },
      { state: 'online', link: 'open' },
    ]);
  });

  it('Onbon on a one-way line: never asks, reports unknown, still shows', async () => {
    const { sign, device } = sim({ protocol: 'onbon-bx', oneWay: true });
    expect(sign.status()).toEqual({ state: 'unknown', link: 'open', detail: 'one-way link: the sign cannot answer' });
    expect(await sign.show([{ text: '開庭中', effect: 'hold' }])).toEqual({ bytes: expect.any(Number) });
    await until(() => device.snapshot.messages.length === 1);
    expect(device.snapshot.messages).toEqual([{ text: '開庭中', effect: 'hold', speed: 3 }]);
    expect(device.repliesSent).toBe(0);
  });

  it('Alpha: unknown while the link is up; a pulled cable is offline, the replug brings back unknown', async () => {
    const { sign, device, link } = sim({ protocol: 'alpha' });
    const seen = record(sign);
    expect(sign.status()).toEqual({ state: 'unknown', link: 'open', detail: 'Alpha signs do not acknowledge writes' });
    link.disconnect();
    link.reconnect();
    expect(seen.map((s) => [s.state, s.link])).toEqual([
      ['offline', 'disconnected'],
      ['unknown', 'open'],
    ]);
    // Switched off, the sign hears nothing and shows nothing; the driver cannot tell. Back on, its stored file shows again.
    await sign.show([{ text: 'Stored', effect: 'hold' }]);
    await until(() => device.snapshot.frames === 1);
    device.setOffline(true);
    await sign.show([{ text: 'Lost', effect: 'hold' }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(device.snapshot).toMatchObject({ messages: [], frames: 1, offline: true });
    device.setOffline(false);
    expect(device.snapshot.messages).toEqual([{ text: 'Stored', effect: 'hold' }]);
    expect(sign.status().state).toBe('unknown');
  });
});

describe('simulator details', () => {
  it('stamps lastFrameAt from the injected clock and tells listeners', async () => {
    let now = 1_700_000_000_000;
    const { sign, device } = sim({ protocol: 'alpha', clock: { now: () => now } });
    const seen: number[] = [];
    device.onChange((s) => seen.push(s.messages.length));
    expect(device.snapshot.lastFrameAt).toBeNull();
    await sign.show([{ text: 'One', effect: 'hold' }]);
    await until(() => device.snapshot.frames === 1);
    expect(device.snapshot.lastFrameAt).toBe(1_700_000_000_000);
    now += 5000;
    await sign.show([
      { text: 'One', effect: 'hold' },
      { text: 'Two', effect: 'hold' },
    ]);
    await until(() => device.snapshot.frames === 2);
    expect(device.snapshot.lastFrameAt).toBe(1_700_000_005_000);
    expect(seen).toEqual([1, 2]);
  });

  it('Onbon: ignores frames for another screen address, answers broadcasts 0xFFFE', async () => {
    const pair = createMemoryPair();
    const replies: number[] = [];
    pair.a.onData((b) => replies.push(...b));
    const device = new SimulatedSignDevice(pair.b, { protocol: 'onbon-bx', address: 3 });
    const area = (dst: number) =>
      encodeFrame({
        dst,
        data: fromHex('A3 06 01 00 00 00 01 1F 00 00 00 80 00 00 80 80 10 00 00 00 00 0A 00 00 00 00 01 01 03 00 08 0A 04 00 00 00 41 30 31 32'),
      });
    await pair.a.write(area(2));
    await until(() => device.snapshot.frames === 1);
    expect(device.snapshot.messages).toEqual([]);
    expect(replies).toEqual([]);
    await pair.a.write(area(0xfffe));
    await until(() => device.snapshot.messages.length === 1);
    expect(device.snapshot.messages).toEqual([{ text: 'A012', effect: 'rotate', speed: 3 }]);
    await until(() => replies.length > 0);
    // The reply names 0xFFFE as its source, like the document's ACK (§7.1).
    expect(hex(replies)).toBe('A5 A5 A5 A5 A5 A5 A5 A5 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A');
  });

  it('Alpha: ignores packets for another address and keeps each file', async () => {
    const pair = createMemoryPair();
    const device = new SimulatedSignDevice(pair.b, { protocol: 'alpha', alphaAddress: '05' });
    await pair.a.write(encodeAlphaShow([{ text: 'Not me', effect: 'hold' }], { address: '07' }).bytes);
    await pair.a.write(encodeAlphaShow([{ text: 'File B', effect: 'hold' }], { address: '05', fileLabel: 'B' }).bytes);
    await pair.a.write(encodeAlphaShow([{ text: 'File A', effect: 'rotate' }], { fileLabel: 'A' }).bytes);
    await until(() => device.snapshot.frames === 3);
    expect(device.snapshot.messages).toEqual([
      { text: 'File A', effect: 'rotate' },
      { text: 'File B', effect: 'hold' },
    ]);
  });
});

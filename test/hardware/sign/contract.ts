/**
 * The MarqueeSign contract: one set of tests, registered for each protocol
 * against every way there is to reach a sign (the simulator, the real driver
 * over serialport's mock binding, over a real pty pair with the simulator
 * behind it, and over real hardware). A target says what it can do; a test
 * that needs more is skipped with the reason printed, never silently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignProtocol, SimulatedSignDevice } from '../../../hardware/sign/simulated';
import type { MarqueeSign, SignMessage, SignShowResult, SignStatus } from '../../../hardware/sign/types';
import { sleep, until } from '../support/wait';

export interface SignRig {
  sign: MarqueeSign;
  /** The sign at the far end, decoding the frames it was sent (its snapshot is what it shows). */
  device?: SimulatedSignDevice;
  /** Every byte the far end received. */
  wire?: () => Uint8Array;
  /** Pull the cable; resolves once it is out. */
  unplug?: () => Promise<void>;
  /** Plug it back in; resolves once it is in (the driver's link reconnects by itself). */
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
}

export interface SignContractTarget {
  name: string;
  protocol: SignProtocol;
  /** Skip every test of this target, printing why. */
  skipReason?: string | undefined;
  /** The far end can be read back (what the sign shows, the wire) and switched off. */
  inspect: boolean;
  /** The cable can be pulled and replugged. */
  unplug: boolean;
  /** How long a frame, an unplug or a replug may take to show. Default 2000 ms. */
  settleMs?: number;
  /** Resolves once the driver's link is open. */
  create(): Promise<SignRig>;
}

/**
 * What core/devices/signs.ts sends: Latin only for Alpha, Chinese and English for
 * Onbon. One space between the two: both drivers fold runs of spaces.
 */
const LOBBY: Record<SignProtocol, SignMessage[]> = {
  alpha: [
    { text: 'Court 3: hearing in session', effect: 'rotate', speed: 3, color: 'auto' },
    { text: 'Please wait for your number', effect: 'rotate', speed: 3, color: 'auto' },
  ],
  'onbon-bx': [
    { text: '第3法庭 開庭中 Court 3: hearing in session', effect: 'rotate', speed: 3, color: 'auto' },
    { text: '請依號碼順序辦理 Please wait for your number', effect: 'rotate', speed: 3, color: 'auto' },
  ],
};

/** signMessagesFor() with an emergency: one flashing red message replaces everything. */
const EMERGENCY: Record<SignProtocol, SignMessage> = {
  alpha: { text: 'EMERGENCY: please leave by the nearest exit', effect: 'flash', color: 'red', speed: 3 },
  'onbon-bx': { text: '緊急疏散 請由最近出口離開 EMERGENCY: please leave by the nearest exit', effect: 'flash', color: 'red', speed: 3 },
};

/** The state a reachable sign settles in: Onbon cards answer, Alpha signs never do. */
const UP: Record<SignProtocol, SignStatus> = {
  alpha: { state: 'unknown', link: 'open', detail: 'Alpha signs do not acknowledge writes' },
  'onbon-bx': { state: 'online', link: 'open' },
};

const texts = (device: SimulatedSignDevice) => device.snapshot.messages.map((m) => m.text);

export function describeSignContract(target: SignContractTarget): void {
  const settle = target.settleMs ?? 2000;
  const { protocol } = target;
  const lobby = LOBBY[protocol];
  const emergency = EMERGENCY[protocol];
  const skipped = (needs: Array<'inspect' | 'unplug'>, test: string): boolean => {
    const missing = needs.filter((n) => !target[n]);
    const reason = target.skipReason ?? (missing.length > 0 ? `this target cannot ${missing.join(', ')}` : undefined);
    if (reason) console.log(`[skipped] MarqueeSign contract, ${target.name}: "${test}": ${reason}`);
    return reason !== undefined;
  };
  /** A show() resolved as the protocol promises: acknowledged by an Onbon card, nothing to acknowledge on Alpha. */
  const expectTaken = (result: SignShowResult) => {
    expect(result.bytes).toBeGreaterThan(0);
    if (protocol === 'onbon-bx') expect(result.acknowledged).toBe(true);
    else expect(result).not.toHaveProperty('acknowledged');
  };

  describe(`MarqueeSign contract (${protocol}): ${target.name}`, () => {
    const rigs: SignRig[] = [];
    afterEach(async () => {
      for (const rig of rigs.splice(0)) await rig.dispose();
    });
    const make = async (): Promise<SignRig> => {
      const rig = await target.create();
      rigs.push(rig);
      return rig;
    };

    const t1 = 'shows the messages it is given, and the sign shows exactly those texts, in order';
    it.skipIf(skipped([], t1))(t1, async () => {
      const rig = await make();
      const result = await rig.sign.show(lobby);
      expectTaken(result);
      expect(result.warnings).toBeUndefined();
      if (!rig.device || !rig.wire) return;
      const device = rig.device;
      await until(() => texts(device).length === lobby.length, settle, 'messages shown');
      // 'auto' is the sign's own colour: nothing to restate, so nothing shown for it.
      expect(device.snapshot.messages).toEqual(lobby.map((m) => ({ text: m.text, effect: m.effect, speed: 3 })));
      expect(device.snapshot.badFrames).toBe(0);
      // The frame as the protocol frames it (PROTOCOLS.md, "LED signs").
      const wire = Array.from(rig.wire());
      if (protocol === 'alpha') expect(wire.slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0x01, 0x5a, 0x30, 0x30, 0x02]);
      else {
        expect(wire.slice(0, 8)).toEqual(Array(8).fill(0xa5));
        expect(wire.at(-1)).toBe(0x5a);
      }
    });

    const t2 = 'an emergency message replaces them all, and the list comes back when it clears';
    it.skipIf(skipped(['inspect'], t2))(t2, async () => {
      const rig = await make();
      const device = rig.device!;
      await rig.sign.show(lobby);
      await until(() => texts(device).length === 2, settle, 'messages shown');
      const result = await rig.sign.show([emergency]);
      expectTaken(result);
      // Onbon has no flash: the driver says it holds the text instead, and the card shows it held.
      const substitute = result.warnings?.find((w) => w.code === 'effect-substituted')?.replacement;
      expect(result.warnings ?? []).toEqual(protocol === 'alpha' ? [] : [expect.objectContaining({ code: 'effect-substituted', messageIndex: 0, replacement: 'hold' })]);
      await until(() => texts(device)[0] === emergency.text, settle, 'emergency shown');
      expect(device.snapshot.messages).toEqual([{ text: emergency.text, effect: substitute ?? 'flash', speed: 3, color: 'red' }]);
      await rig.sign.show(lobby);
      await until(() => texts(device).length === 2, settle, 'messages back');
      expect(texts(device)).toEqual(lobby.map((m) => m.text));
      expect(device.snapshot.badFrames).toBe(0);
    });

    const t3 = `status: the link is reported open, and the sign ${protocol === 'onbon-bx' ? 'answers (online)' : 'cannot answer (unknown)'}`;
    it.skipIf(skipped([], t3))(t3, async () => {
      const rig = await make();
      expect(rig.sign.status().link).toBe('open');
      expectTaken(await rig.sign.show(lobby));
      await until(() => rig.sign.status().state === UP[protocol].state, settle, `state ${UP[protocol].state}`);
      expect(rig.sign.status()).toEqual(UP[protocol]);
    });

    const t4 =
      protocol === 'onbon-bx'
        ? 'switched off, the card stops answering (offline, link still open); on again, it is blank until the messages are sent again'
        : 'switched off, the sign shows nothing and the driver cannot tell (one-way); on again, it shows its stored text';
    it.skipIf(skipped(['inspect'], t4))(t4, async () => {
      const rig = await make();
      const device = rig.device!;
      await rig.sign.show(lobby);
      await until(() => texts(device).length === 2, settle, 'messages shown');
      device.setOffline(true);
      if (protocol === 'onbon-bx') {
        // The driver's poll goes unanswered.
        await until(() => rig.sign.status().state === 'offline', settle, 'offline noticed');
        expect(rig.sign.status()).toEqual({ state: 'offline', link: 'open', detail: 'no reply from the sign' });
        expect(await rig.sign.show(lobby)).toMatchObject({ acknowledged: false });
        device.setOffline(false);
        expect(device.snapshot.messages).toEqual([]);
        await until(() => rig.sign.status().state === 'online', settle, 'back online');
        expectTaken(await rig.sign.show(lobby));
      } else {
        expectTaken(await rig.sign.show([emergency]));
        await sleep(100);
        expect(device.snapshot.messages).toEqual([]);
        expect(rig.sign.status()).toEqual(UP.alpha);
        device.setOffline(false);
      }
      await until(() => texts(device).length === 2, settle, 'messages shown again');
      expect(texts(device)).toEqual(lobby.map((m) => m.text));
    });

    const t5 = 'unplugged: the driver reports the link down; after the replug the sign gets the current messages again';
    it.skipIf(skipped(['inspect', 'unplug'], t5))(t5, async () => {
      const rig = await make();
      const device = rig.device!;
      let current = lobby;
      let last = rig.sign.status();
      const seen: SignStatus[] = [];
      // What core/devices/signs.ts does: a sign that leaves 'offline' is sent the current messages.
      rig.sign.onStatus((s) => {
        seen.push(s);
        const cameBack = last.state === 'offline' && s.state !== 'offline';
        last = s;
        if (cameBack) void rig.sign.show(current).catch(() => undefined);
      });
      await rig.sign.show(lobby);
      await until(() => texts(device).length === 2, settle, 'messages shown');
      await until(() => rig.sign.status().state === UP[protocol].state, settle, 'sign up');

      await rig.unplug!();
      await until(() => rig.sign.status().link === 'disconnected', settle, 'link disconnected');
      expect(rig.sign.status()).toEqual({ state: 'offline', link: 'disconnected', detail: 'transport disconnected' });
      // An emergency raised while the cable is out: the push that would have carried it never arrived.
      current = [emergency];
      const framesWhileOut = device.snapshot.frames;

      await rig.replug!();
      await until(() => texts(device)[0] === emergency.text, settle, 'current messages after the replug');
      expect(texts(device)).toEqual([emergency.text]);
      expect(device.snapshot.frames).toBeGreaterThan(framesWhileOut);
      expect(device.snapshot.badFrames).toBe(0);
      await until(() => rig.sign.status().state === UP[protocol].state, settle, 'sign up again');
      expect(rig.sign.status()).toEqual(UP[protocol]);
      expect(seen.some((s) => s.state === 'offline' && s.link === 'disconnected')).toBe(true);
    });
  });
}

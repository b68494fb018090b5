/**
 * The CallerKeypads contract: one set of tests, registered against every way
 * there is to reach the keypads' line (the simulator, the line driver over
 * serialport's mock binding, over a real pty pair with the simulated keypads
 * behind it, and over real hardware). A target says what it can do; a test
 * that needs more is skipped with the reason printed, never silently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedKeypads } from '../../../hardware/keypad/simulated';
import type { CallerKeypads, KeypadPress } from '../../../hardware/keypad/types';
import { sleep, until } from '../support/wait';

export interface KeypadRig {
  keypads: CallerKeypads;
  /** The keypads' end of the line: presses keys, keeps what each display shows. */
  device?: SimulatedKeypads;
  /** Raw bytes from the keypads' end, each call one write (one read, or more, at the host). */
  send?: (bytes: Uint8Array) => Promise<void>;
  /** Every byte the keypads' end received. */
  wire?: () => Uint8Array;
  /** Pull the cable; resolves once it is out. */
  unplug?: () => Promise<void>;
  /** Plug it back in; resolves once the keypads' end is connected again (the host reconnects by itself). */
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
}

export interface KeypadContractTarget {
  name: string;
  /** Skip every test of this target, printing why. */
  skipReason?: string | undefined;
  /** The keypads' end is ours: keys can be pressed and displays read back. */
  inspect: boolean;
  /** The cable can be pulled and replugged. */
  unplug: boolean;
  /** Address of a keypad that is there, for targets that cannot inspect. Default 3. */
  address?: number;
  /** How long a press, an unplug or a replug may take to show. Default 2000 ms. */
  settleMs?: number;
  /** Resolves once the host's line is open. */
  create(): Promise<KeypadRig>;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function record(keypads: CallerKeypads): { presses: KeypadPress[]; garbage: string[] } {
  const presses: KeypadPress[] = [];
  const garbage: string[] = [];
  keypads.onPress((p) => presses.push(p));
  keypads.onGarbage((g) => garbage.push(g));
  return { presses, garbage };
}

export function describeKeypadContract(target: KeypadContractTarget): void {
  const settle = target.settleMs ?? 2000;
  const skipped = (needs: Array<'inspect' | 'unplug'>, test: string): boolean => {
    const missing = needs.filter((n) => !target[n]);
    const reason = target.skipReason ?? (missing.length > 0 ? `this target cannot ${missing.join(', ')}` : undefined);
    if (reason) console.log(`[skipped] CallerKeypads contract, ${target.name}: "${test}": ${reason}`);
    return reason !== undefined;
  };

  describe(`CallerKeypads contract: ${target.name}`, () => {
    const rigs: KeypadRig[] = [];
    afterEach(async () => {
      for (const rig of rigs.splice(0)) await rig.dispose();
    });
    const make = async (): Promise<KeypadRig> => {
      const rig = await target.create();
      rigs.push(rig);
      return rig;
    };

    const t0 = 'the line reports open once connected';
    it.skipIf(skipped([], t0))(t0, async () => {
      const rig = await make();
      expect(rig.keypads.state).toBe('open');
      if (!rig.device) console.log(`[not checked] CallerKeypads contract, ${target.name}: key presses need someone at the keypad; run the simulator variants for them`);
    });

    const t1 = 'a key press (K03,NEXT CR LF) arrives once as a press event with address, key and argument';
    it.skipIf(skipped(['inspect'], t1))(t1, async () => {
      const rig = await make();
      const { presses, garbage } = record(rig.keypads);
      await rig.send!(ascii('K03,NEXT\r\n'));
      await until(() => presses.length === 1, settle, 'NEXT press');
      await rig.device!.press({ address: 7, key: 'CALL', arg: 'A012' });
      await until(() => presses.length === 2, settle, 'CALL press');
      await sleep(50);
      expect(presses).toEqual([
        { address: 3, key: 'NEXT' },
        { address: 7, key: 'CALL', arg: 'A012' },
      ]);
      expect(garbage).toEqual([]);
    });

    const t2 = 'presses split across reads, with noise lines between them: each arrives whole, the noise is reported, nothing else';
    it.skipIf(skipped(['inspect'], t2))(t2, async () => {
      const rig = await make();
      const { presses, garbage } = record(rig.keypads);
      const chunks = ['K0', '3,NE', 'XT\r', '\n', '~~ line noise ~~\r\n', 'K12,CALL,', 'B105\r\nK99,FOO\r\n', 'K05,RE', 'CALL\r', '\nK04,SKIP\r\n'];
      for (const c of chunks) {
        await rig.send!(ascii(c));
        // Let each piece arrive as its own read, even over a real serial line.
        await sleep(15);
      }
      await until(() => presses.length === 4, settle, 'four presses');
      await sleep(50);
      expect(presses).toEqual([
        { address: 3, key: 'NEXT' },
        { address: 12, key: 'CALL', arg: 'B105' },
        { address: 5, key: 'RECALL' },
        { address: 4, key: 'SKIP' },
      ]);
      expect(garbage).toEqual(['~~ line noise ~~', 'K99,FOO']);
    });

    const t3 = 'show(address, text) puts exactly D03,A012 CR LF on the wire, and that keypad displays A012';
    it.skipIf(skipped([], t3))(t3, async () => {
      const rig = await make();
      const address = rig.device ? 3 : (target.address ?? 3);
      await rig.keypads.show(address, 'A012');
      if (!rig.device || !rig.wire) {
        console.log(`[not checked] CallerKeypads contract, ${target.name}: the write went out; whether keypad ${address} displays A012 needs someone to look at it`);
        return;
      }
      const device = rig.device;
      await until(() => device.shown.get(3) === 'A012', settle, 'A012 displayed');
      expect(Array.from(rig.wire())).toEqual([0x44, 0x30, 0x33, 0x2c, 0x41, 0x30, 0x31, 0x32, 0x0d, 0x0a]);
      expect([...device.shown]).toEqual([[3, 'A012']]);
    });

    const t4 = 'several keypads on one line: each press carries its own address, each display shows its own text';
    it.skipIf(skipped(['inspect'], t4))(t4, async () => {
      const rig = await make();
      const device = rig.device!;
      const { presses } = record(rig.keypads);
      const sent: KeypadPress[] = [
        { address: 1, key: 'NEXT' },
        { address: 12, key: 'RECALL' },
        { address: 2, key: 'TRANSFER' },
        { address: 40, key: 'CALL', arg: 'C007' },
        { address: 1, key: 'FINISH' },
      ];
      for (const p of sent) await device.press(p);
      await until(() => presses.length === sent.length, settle, 'all presses');
      expect(presses).toEqual(sent);
      const shows: Array<[number, string]> = [
        [1, 'A013'],
        [12, 'B002'],
        [2, 'OK'],
        [40, 'C007'],
      ];
      await Promise.all(shows.map(([a, t]) => rig.keypads.show(a, t)));
      await until(() => device.shown.size === 4, settle, 'four displays');
      expect(new Map(device.shown)).toEqual(new Map(shows));
      // One line per show(), whole and in call order.
      expect(text(rig.wire!())).toBe('D01,A013\r\nD12,B002\r\nD02,OK\r\nD40,C007\r\n');
    });

    const t5 = 'unplugged: the line goes down; a display written meanwhile arrives once after the replug, and presses arrive again';
    it.skipIf(skipped(['inspect', 'unplug'], t5))(t5, async () => {
      const rig = await make();
      const device = rig.device!;
      const { presses } = record(rig.keypads);
      await device.press({ address: 3, key: 'NEXT' });
      await until(() => presses.length === 1, settle, 'press before the unplug');

      await rig.unplug!();
      await until(() => rig.keypads.state === 'disconnected', settle, 'line disconnected');
      const showing = rig.keypads.show(3, 'A013');
      await sleep(100);
      expect(device.shown.get(3)).toBeUndefined();

      await rig.replug!();
      await showing;
      await until(() => rig.keypads.state === 'open', settle, 'line open again');
      await until(() => device.shown.get(3) === 'A013', settle, 'A013 displayed after the replug');
      await device.press({ address: 3, key: 'RECALL' });
      await device.press({ address: 8, key: 'CALL', arg: 'A099' });
      await until(() => presses.length === 3, settle, 'presses after the replug');
      await sleep(100);
      expect(presses).toEqual([
        { address: 3, key: 'NEXT' },
        { address: 3, key: 'RECALL' },
        { address: 8, key: 'CALL', arg: 'A099' },
      ]);
      expect(text(rig.wire!())).toBe('D03,A013\r\n');
    });
  });
}

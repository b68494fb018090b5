/**
 * The CounterDisplays contract: one set of tests, registered for each
 * protocol against every way there is to reach the displays' bus (the
 * simulator, the driver over serialport's mock binding, over a real pty pair
 * with the simulated displays behind it, and over real hardware). A target
 * says what it can do; a test that needs more is skipped with the reason
 * printed, never silently.
 *
 * The bytes are checked here on their own terms (markers, ids, checksum or
 * CRC, one whole frame per show()), not only through the simulator's decoder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { crc16Modbus } from '../../../hardware/counter-display/frames';
import type { DisplayProtocol, SimulatedCounterDisplays } from '../../../hardware/counter-display/simulated';
import { DEFAULT_FRAME, type CounterDisplays } from '../../../hardware/counter-display/types';
import { sleep, until } from '../support/wait';

export interface DisplayRig {
  displays: CounterDisplays;
  /** The displays' end of the bus: what each address shows. */
  device?: SimulatedCounterDisplays;
  /** Every byte the displays' end received. */
  wire?: () => Uint8Array;
  /** Pull the cable; resolves once it is out. */
  unplug?: () => Promise<void>;
  /** Plug it back in; resolves once it is in (the driver's link reconnects by itself). */
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
}

export interface DisplayContractTarget {
  name: string;
  protocol: DisplayProtocol;
  /** Skip every test of this target, printing why. */
  skipReason?: string | undefined;
  /** The displays' end can be read back. */
  inspect: boolean;
  /** The cable can be pulled and replugged. */
  unplug: boolean;
  /** Addresses of displays that are there, for targets that cannot inspect. Default 1, 2. */
  addresses?: number[];
  /** How long a frame, an unplug or a replug may take to show. Default 2000 ms. */
  settleMs?: number;
  /** Resolves once the driver's link is open. */
  create(): Promise<DisplayRig>;
}

function protocolName(p: DisplayProtocol): string {
  if (p.kind === 'modbus-rtu') return `modbus-rtu, ${p.registers} registers`;
  const f = p.format;
  const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `framed [${hex(f.start)}] ${f.address} ${f.checksum} width ${f.width} [${hex(f.end)}]`;
}

const width = (p: DisplayProtocol) => (p.kind === 'modbus-rtu' ? p.registers : p.format.width);

function frameLength(p: DisplayProtocol): number {
  if (p.kind === 'modbus-rtu') return 9 + 2 * p.registers;
  const f = p.format;
  return f.start.length + (f.address === 'ascii2' ? 2 : 1) + f.width + (f.checksum === 'none' ? 0 : 1) + f.end.length;
}

/**
 * One frame read by the book: markers or function code and register range,
 * the checksum or CRC, then the address and the text exactly as sent (padded).
 */
function readFrame(p: DisplayProtocol, frame: number[]): { address: number; text: string } {
  if (p.kind === 'modbus-rtu') {
    const n = p.registers;
    // Function 16, from register 0, n registers, 2n bytes.
    expect(frame.slice(1, 7)).toEqual([0x10, 0x00, 0x00, 0x00, n, 2 * n]);
    const crc = crc16Modbus(frame.slice(0, -2));
    expect(frame.slice(-2)).toEqual([crc & 0xff, crc >> 8]);
    let text = '';
    for (let i = 0; i < n; i++) {
      expect(frame[7 + 2 * i]).toBe(0);
      text += String.fromCharCode(frame[8 + 2 * i]!);
    }
    return { address: frame[0]!, text };
  }
  const f = p.format;
  const addrLen = f.address === 'ascii2' ? 2 : 1;
  expect(frame.slice(0, f.start.length)).toEqual(f.start);
  expect(frame.slice(frame.length - f.end.length)).toEqual(f.end);
  const body = frame.slice(f.start.length, f.start.length + addrLen + f.width);
  if (f.checksum !== 'none') {
    const sum = f.checksum === 'xor' ? body.reduce((a, b) => a ^ b, 0) : body.reduce((a, b) => (a + b) & 0xff, 0);
    expect(frame[f.start.length + body.length]).toBe(sum);
  }
  const address = f.address === 'ascii2' ? Number(String.fromCharCode(...body.slice(0, 2))) : body[0]!;
  return { address, text: String.fromCharCode(...body.slice(addrLen)) };
}

/** The wire as whole frames, each read by the book; fails on a stray or missing byte. */
function readWire(p: DisplayProtocol, wire: Uint8Array): Array<{ address: number; text: string }> {
  const len = frameLength(p);
  expect(wire.length % len).toBe(0);
  const out: Array<{ address: number; text: string }> = [];
  for (let i = 0; i < wire.length; i += len) out.push(readFrame(p, Array.from(wire.subarray(i, i + len))));
  return out;
}

/** A frame written out by hand from the protocol's definition, for the formats that have one. */
function literal(p: DisplayProtocol): { address: number; text: string; bytes: number[] } | undefined {
  // Function 16 to slave 1, registers 0–3 = "A012"; CRC-16/MODBUS 0x6077, low byte first.
  if (p.kind === 'modbus-rtu' && p.registers === 4) {
    return { address: 1, text: 'A012', bytes: [0x01, 0x10, 0x00, 0x00, 0x00, 0x04, 0x08, 0x00, 0x41, 0x00, 0x30, 0x00, 0x31, 0x00, 0x32, 0x77, 0x60] };
  }
  // STX "03" "A012", XOR of "03A012" = 0x71, ETX.
  if (p.kind === 'framed' && JSON.stringify(p.format) === JSON.stringify(DEFAULT_FRAME)) {
    return { address: 3, text: 'A012', bytes: [0x02, 0x30, 0x33, 0x41, 0x30, 0x31, 0x32, 0x71, 0x03] };
  }
  return undefined;
}

export function describeCounterDisplayContract(target: DisplayContractTarget): void {
  const settle = target.settleMs ?? 2000;
  const p = target.protocol;
  const pad = (text: string) => text.padStart(width(p), ' ');
  const skipped = (needs: Array<'inspect' | 'unplug'>, test: string): boolean => {
    const missing = needs.filter((n) => !target[n]);
    const reason = target.skipReason ?? (missing.length > 0 ? `this target cannot ${missing.join(', ')}` : undefined);
    if (reason) console.log(`[skipped] CounterDisplays contract, ${target.name}, ${protocolName(p)}: "${test}": ${reason}`);
    return reason !== undefined;
  };

  describe(`CounterDisplays contract (${protocolName(p)}): ${target.name}`, () => {
    const rigs: DisplayRig[] = [];
    afterEach(async () => {
      for (const rig of rigs.splice(0)) await rig.dispose();
    });
    const make = async (): Promise<DisplayRig> => {
      const rig = await target.create();
      rigs.push(rig);
      return rig;
    };

    const t1 = 'several displays on one bus: each address shows exactly the number sent to it';
    it.skipIf(skipped([], t1))(t1, async () => {
      const rig = await make();
      expect(rig.displays.state).toBe('open');
      const sent: Array<[number, string]> = rig.device ? [[1, 'A012'], [2, 'B105'], [7, '7'], [12, 'C020']] : (target.addresses ?? [1, 2]).map((a, i) => [a, `A${String(i + 1).padStart(3, '0')}`]);
      for (const [address, text] of sent) await rig.displays.show(address, text);
      if (!rig.device || !rig.wire) {
        console.log(`[not checked] CounterDisplays contract, ${target.name}: the frames went out; what addresses ${sent.map(([a]) => a).join(', ')} show needs someone to look`);
        return;
      }
      const device = rig.device;
      await until(() => device.shown.size === sent.length, settle, 'every display updated');
      expect(new Map(device.shown)).toEqual(new Map(sent));
      expect(device.badFrames).toBe(0);
      // Right-aligned and space-padded to the display's width.
      expect(readWire(p, rig.wire())).toEqual(sent.map(([address, text]) => ({ address, text: pad(text) })));
    });

    const t2 = 'the bytes: one whole frame per show(), as the protocol defines it byte for byte';
    const known = literal(p);
    it.skipIf(skipped(['inspect'], t2))(t2, async () => {
      const rig = await make();
      const wire = rig.wire!;
      const { address, text, bytes } = known ?? { address: 3, text: 'A012', bytes: undefined };
      await rig.displays.show(address, text);
      await until(() => wire().length === frameLength(p), settle, 'one frame');
      if (bytes) expect(Array.from(wire())).toEqual(bytes);
      expect(readWire(p, wire())).toEqual([{ address, text: pad(text) }]);
      await until(() => rig.device!.shown.get(address) === text, settle, 'shown');
    });

    const t3 = 'many show() calls at once: the frames go out one after another, whole, in call order';
    it.skipIf(skipped(['inspect'], t3))(t3, async () => {
      const rig = await make();
      const device = rig.device!;
      const calls = Array.from({ length: 40 }, (_, i) => ({ address: 1 + (i % 8), text: `A${String(i).padStart(3, '0')}` }));
      await Promise.all(calls.map((c) => rig.displays.show(c.address, c.text)));
      await until(() => rig.wire!().length === calls.length * frameLength(p), settle, 'all frames');
      expect(readWire(p, rig.wire!())).toEqual(calls.map((c) => ({ address: c.address, text: pad(c.text) })));
      expect(device.badFrames).toBe(0);
      // Each display ends on the last number sent to it.
      const last = calls.slice(-8);
      await until(() => last.every((c) => device.shown.get(c.address) === c.text), settle, 'last numbers shown');
      expect(new Map(device.shown)).toEqual(new Map(last.map((c) => [c.address, c.text])));
    });

    const t4 = 'unplugged: the bus reports the link down; a number shown meanwhile arrives once after the replug, and every display updates again';
    it.skipIf(skipped(['inspect', 'unplug'], t4))(t4, async () => {
      const rig = await make();
      const device = rig.device!;
      await rig.displays.show(1, 'A001');
      await until(() => device.shown.get(1) === 'A001', settle, 'A001 shown');
      await rig.unplug!();
      await until(() => rig.displays.state === 'disconnected', settle, 'bus disconnected');
      const showing = rig.displays.show(2, 'B002');
      await sleep(100);
      expect(device.shown.has(2)).toBe(false);

      await rig.replug!();
      await showing;
      await until(() => rig.displays.state === 'open', settle, 'bus open again');
      await Promise.all([rig.displays.show(1, 'A002'), rig.displays.show(3, 'C003')]);
      await until(() => device.shown.size === 3 && device.shown.get(1) === 'A002', settle, 'displays after the replug');
      expect(new Map(device.shown)).toEqual(
        new Map([
          [1, 'A002'],
          [2, 'B002'],
          [3, 'C003'],
        ]),
      );
      expect(device.badFrames).toBe(0);
      expect(readWire(p, rig.wire!())).toEqual([
        { address: 1, text: pad('A001') },
        { address: 2, text: pad('B002') },
        { address: 1, text: pad('A002') },
        { address: 3, text: pad('C003') },
      ]);
    });
  });
}

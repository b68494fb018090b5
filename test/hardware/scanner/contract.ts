/**
 * The BarcodeScanner contract: one set of tests, registered against every way
 * there is to reach a scanner (the simulator, the CDC driver over serialport's
 * mock binding, over a real pty pair with the simulated scanner behind it,
 * and over real hardware). A target says what it can do; a test that needs
 * more is skipped with the reason printed, never silently.
 *
 * The payloads are written out as bytes here (UTF-8 from TextEncoder, Big5
 * from PROTOCOLS.md), not through the scanner codec the driver decodes with.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedScanner } from '../../../hardware/scanner/simulated';
import type { BarcodeScanner, ScanEncoding, ScanError, ScanEvent } from '../../../hardware/scanner/types';
import type { TransportState } from '../../../hardware/transports/types';
import { seededRandom } from '../../helpers/random';
import { sleep, until } from '../support/wait';

export interface ScannerRig {
  scanner: BarcodeScanner;
  /** The scanner's end of the cable: sends what a scanner would. */
  device?: SimulatedScanner;
  /** The serial port the driver has open, when it is one. */
  portPath?: () => string | undefined;
  /** Pull the cable; resolves once it is out. */
  unplug?: () => Promise<void>;
  /** Plug it back in; resolves once the scanner's end is connected again (the host reconnects by itself). */
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
}

/** How the driver is set up for a test: the scanner's encoding, and a small over-long limit when one is tested. */
export interface ScannerSetup {
  encoding: ScanEncoding;
  maxScanBytes?: number;
}

export interface ScannerContractTarget {
  name: string;
  /** Skip every test of this target, printing why. */
  skipReason?: string | undefined;
  /** The scanner's end is ours: payloads can be sent. */
  inspect: boolean;
  /** The cable can be pulled and replugged. */
  unplug: boolean;
  /** After a replug the port comes back under another name: [before, after]. */
  renamedOnReplug?: [string, string];
  /** A real scanner and someone to scan a code with this text, within withinMs. */
  humanScan?: { text: string; withinMs: number } | undefined;
  /** How long a scan, an unplug or a replug may take to show. Default 2000 ms. */
  settleMs?: number;
  /** Resolves once the driver's link is open. */
  create(setup: ScannerSetup): Promise<ScannerRig>;
}

const CR = 0x0d;
const LF = 0x0a;
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

/** A summons QR code: Chinese in the URL, as the court prints it. */
const SUMMONS = 'https://lobby.tpd.judicial.gov.tw/s?c=115年度訴字第123號&v=8F3K';
const TICKET = 'A012';
const CASE = '臺灣臺北地方法院 115 偵 4567';
/** 法院傳票 A012 in Big5 (PROTOCOLS.md: 法院傳票 = AA 6B B0 7C B6 C7 B2 BC). */
const BIG5_SUMMONS = { text: '法院傳票 A012', bytes: [0xaa, 0x6b, 0xb0, 0x7c, 0xb6, 0xc7, 0xb2, 0xbc, 0x20, 0x41, 0x30, 0x31, 0x32] };

function record(scanner: BarcodeScanner): { scans: ScanEvent[]; errors: ScanError[]; states: TransportState[] } {
  const scans: ScanEvent[] = [];
  const errors: ScanError[] = [];
  const states: TransportState[] = [];
  scanner.onScan((s) => scans.push(s));
  scanner.onError((e) => errors.push(e));
  scanner.onState((s) => states.push(s));
  return { scans, errors, states };
}

export function describeScannerContract(target: ScannerContractTarget): void {
  const settle = target.settleMs ?? 2000;
  const skipped = (needs: Array<'inspect' | 'unplug'>, test: string): boolean => {
    const missing = needs.filter((n) => !target[n]);
    const reason = target.skipReason ?? (missing.length > 0 ? `this target cannot ${missing.join(', ')}` : undefined);
    if (reason) console.log(`[skipped] BarcodeScanner contract, ${target.name}: "${test}": ${reason}`);
    return reason !== undefined;
  };

  describe(`BarcodeScanner contract: ${target.name}`, () => {
    const rigs: ScannerRig[] = [];
    afterEach(async () => {
      for (const rig of rigs.splice(0)) await rig.dispose();
    });
    const make = async (setup: ScannerSetup = { encoding: 'utf-8' }): Promise<ScannerRig> => {
      const rig = await target.create(setup);
      rigs.push(rig);
      return rig;
    };

    const t0 = 'the link reports open once the scanner is there';
    it.skipIf(skipped([], t0))(t0, async () => {
      const rig = await make();
      expect(rig.scanner.state).toBe('open');
      expect(rig.scanner.stats).toEqual({ scans: 0, tooLong: 0, undecodable: 0 });
      if (!rig.device) console.log(`[not checked] BarcodeScanner contract, ${target.name}: scans need someone at the scanner (set HW_SCANNER_EXPECT to wait for one); the simulator variants cover decoding`);
    });

    const t1 = 'a UTF-8 scan arrives once with its decoded text, ended by CR, by LF or by CR LF';
    it.skipIf(skipped(['inspect'], t1))(t1, async () => {
      const rig = await make();
      const { scans, errors } = record(rig.scanner);
      await rig.device!.sendRaw(bytes(utf8(SUMMONS), [CR]));
      await rig.device!.sendRaw(bytes(utf8(TICKET), [LF]));
      await rig.device!.sendRaw(bytes(utf8(CASE), [CR, LF]));
      await until(() => scans.length === 3, settle, 'three scans');
      await sleep(50);
      expect(scans.map((s) => s.text)).toEqual([SUMMONS, TICKET, CASE]);
      expect(errors).toEqual([]);
      expect(rig.scanner.stats).toEqual({ scans: 3, tooLong: 0, undecodable: 0 });
    });

    const t2 = 'a scan split across many reads, also inside a character and between CR and LF, arrives whole and once';
    it.skipIf(skipped(['inspect'], t2))(t2, async () => {
      const rig = await make();
      const { scans, errors } = record(rig.scanner);
      const wire = bytes(utf8(SUMMONS), [CR, LF], utf8(TICKET), [CR, LF]);
      const rand = seededRandom(11);
      for (let i = 0; i < wire.length; ) {
        const n = 1 + Math.floor(rand() * 5);
        await rig.device!.sendRaw(wire.subarray(i, i + n));
        i += n;
        // Let each piece arrive as its own read, even over a real serial line.
        await sleep(2);
      }
      await until(() => scans.length === 2, settle, 'two scans');
      await sleep(50);
      expect(scans.map((s) => s.text)).toEqual([SUMMONS, TICKET]);
      expect(errors).toEqual([]);
    });

    const t3 = 'a Big5 scan (older Taiwanese scanners) arrives decoded, also split inside a character';
    it.skipIf(skipped(['inspect'], t3))(t3, async () => {
      const rig = await make({ encoding: 'big5' });
      const { scans, errors } = record(rig.scanner);
      // Split between the lead and trail byte of 院.
      await rig.device!.sendRaw(Uint8Array.from(BIG5_SUMMONS.bytes.slice(0, 3)));
      await sleep(10);
      await rig.device!.sendRaw(bytes(BIG5_SUMMONS.bytes.slice(3), [CR]));
      await until(() => scans.length === 1, settle, 'Big5 scan');
      await sleep(50);
      expect(scans.map((s) => s.text)).toEqual([BIG5_SUMMONS.text]);
      expect(errors).toEqual([]);
    });

    const t4 = 'an over-long scan is dropped, counted and reported, and the next scan arrives';
    it.skipIf(skipped(['inspect'], t4))(t4, async () => {
      const rig = await make({ encoding: 'utf-8', maxScanBytes: 64 });
      const { scans, errors } = record(rig.scanner);
      await rig.device!.sendRaw(bytes(utf8('X'.repeat(200)), [CR]));
      await rig.device!.sendRaw(bytes(utf8(TICKET), [CR]));
      await until(() => scans.length === 1, settle, 'the scan after');
      await sleep(50);
      expect(scans.map((s) => s.text)).toEqual([TICKET]);
      expect(errors).toEqual([expect.objectContaining({ kind: 'too-long', bytes: 65 })]);
      expect(rig.scanner.stats).toEqual({ scans: 1, tooLong: 1, undecodable: 0 });
    });

    const t5 = target.renamedOnReplug
      ? 'unplugged: the link goes down, half a scan is dropped; replugged under another name, the port is found again by its USB ids and scans arrive once'
      : 'unplugged: the link goes down, half a scan is dropped; replugged, scans arrive once';
    it.skipIf(skipped(['inspect', 'unplug'], t5))(t5, async () => {
      const rig = await make();
      const device = rig.device!;
      const { scans, states } = record(rig.scanner);
      if (target.renamedOnReplug) expect(rig.portPath?.()).toBe(target.renamedOnReplug[0]);
      await device.sendRaw(bytes(utf8(TICKET), [CR]));
      await until(() => scans.length === 1, settle, 'scan before the unplug');
      // The cable goes in the middle of a code.
      await device.sendRaw(utf8('https://lobby.tpd.judicial.gov.tw/s?c=115年'));
      await sleep(20);
      await rig.unplug!();
      await until(() => rig.scanner.state === 'disconnected', settle, 'link disconnected');

      await rig.replug!();
      await until(() => rig.scanner.state === 'open', settle, 'link open again');
      if (target.renamedOnReplug) expect(rig.portPath?.()).toBe(target.renamedOnReplug[1]);
      await device.sendRaw(bytes(utf8(SUMMONS), [CR]));
      await until(() => scans.length === 2, settle, 'scan after the replug');
      await sleep(100);
      expect(scans.map((s) => s.text)).toEqual([TICKET, SUMMONS]);
      expect(states).toEqual(['disconnected', 'open']);
      expect(rig.scanner.stats).toEqual({ scans: 2, tooLong: 0, undecodable: 0 });
    });

    if (target.inspect) return;
    const human = target.humanScan;
    const t6 = `someone scans a code reading "${human?.text ?? '(HW_SCANNER_EXPECT)'}" and it arrives once, whole`;
    const humanSkip = target.skipReason ?? (human ? undefined : 'HW_SCANNER_EXPECT is not set: nobody is there to scan a code');
    if (humanSkip) console.log(`[skipped] BarcodeScanner contract, ${target.name}: "${t6}": ${humanSkip}`);
    it.skipIf(humanSkip !== undefined)(
      t6,
      async () => {
        const rig = await make();
        const { scans, errors } = record(rig.scanner);
        console.log(`[waiting] scan a code reading "${human!.text}" within ${human!.withinMs / 1000} s`);
        await until(() => scans.length > 0 || errors.length > 0, human!.withinMs, 'a scan');
        await sleep(300);
        expect(errors).toEqual([]);
        expect(scans.map((s) => s.text)).toEqual([human!.text]);
      },
      (human?.withinMs ?? 0) + 10_000,
    );
  });
}

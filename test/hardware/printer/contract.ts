/**
 * The TicketPrinter contract: one set of tests, registered against every
 * way there is to reach a printer (the simulator, the ESC/POS driver over
 * serialport's mock binding, over a real pty pair with the simulator behind
 * it, and over real hardware). A target says what it can do; a test that
 * needs more is skipped with the reason printed, never silently.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import type { ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import type { SimulatedFault } from '../../../hardware/printer/simulated';
import type { PrinterState, PrinterStatus, TicketPrinter } from '../../../hardware/printer/types';
import { sleep, until } from '../support/wait';
import { indexOfSeq, sampleTicket, sampleTicketItems } from './fixtures';

export type InjectableFault = Exclude<SimulatedFault, 'unplugged'>;

export interface PrinterRig {
  printer: TicketPrinter;
  /** What the far side printed, oldest first. */
  receipts?: () => readonly ParsedReceipt[];
  /** Every byte the far side received. */
  wire?: () => Uint8Array;
  setFault?: (fault: InjectableFault | null) => void;
  /** Pull the cable; resolves once it is out. */
  unplug?: () => Promise<void>;
  /** Plug it back in; resolves once it is in (the driver reconnects by itself). */
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
}

export interface ContractTarget {
  name: string;
  /** Skip every test of this target, printing why. */
  skipReason?: string | undefined;
  /** The far side can be read back (receipts, wire). */
  inspect: boolean;
  /** Faults can be injected. */
  faults: boolean;
  /** The cable can be pulled and replugged. */
  unplug: boolean;
  /** Status readable over this link (a one-way USB printer is not). Default true. */
  readable?: boolean;
  /** How long a fault, an unplug or a replug may take to show. Default 2000 ms. */
  settleMs?: number;
  create(options: { pollIntervalMs: number }): Promise<PrinterRig>;
}

const FAULT_STATES: Array<[InjectableFault, PrinterState]> = [
  ['paper-near-end', 'paper-near-end'],
  ['paper-end', 'paper-end'],
  ['cover-open', 'cover-open'],
  ['cutter-error', 'cutter-error'],
  ['offline', 'offline'],
];

function countQueries(wire: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 1 < wire.length; i++) if (wire[i] === 0x10 && wire[i + 1] === 0x04) n++;
  return n;
}

export function describeTicketPrinterContract(target: ContractTarget): void {
  const settle = target.settleMs ?? 2000;
  const readable = target.readable ?? true;
  const skipped = (needs: Array<'inspect' | 'faults' | 'unplug' | 'readable'>, test: string): boolean => {
    const missing = needs.filter((n) => (n === 'readable' ? !readable : !target[n]));
    const reason = target.skipReason ?? (missing.length > 0 ? `this target cannot ${missing.join(', ')}` : undefined);
    if (reason) console.log(`[skipped] TicketPrinter contract, ${target.name}: "${test}": ${reason}`);
    return reason !== undefined;
  };

  describe(`TicketPrinter contract: ${target.name}`, () => {
    const rigs: PrinterRig[] = [];
    afterEach(async () => {
      for (const rig of rigs.splice(0)) await rig.dispose();
    });
    const make = async (pollIntervalMs = 50): Promise<PrinterRig> => {
      const rig = await target.create({ pollIntervalMs });
      rigs.push(rig);
      return rig;
    };

    const t1 = 'prints the standard ticket: 315 bytes, no warnings';
    it.skipIf(skipped([], t1))(t1, async () => {
      const rig = await make();
      expect(await rig.printer.print(sampleTicket)).toEqual({ bytes: 315 });
    });

    const t2 = 'the far side reads exactly that receipt: text, Big5 pairs, QR payload, cut';
    it.skipIf(skipped(['inspect'], t2))(t2, async () => {
      const rig = await make();
      await rig.printer.print(sampleTicket);
      await until(() => rig.receipts!().length === 1, settle, 'receipt');
      const [receipt] = rig.receipts!();
      expect(receipt?.items).toEqual(sampleTicketItems);
      expect(receipt?.cut).toBe('partial');
      const wire = rig.wire!();
      // The ticket's bytes arrived in one unbroken run…
      expect(indexOfSeq(wire, encodeReceipt(sampleTicket).bytes)).toBeGreaterThanOrEqual(0);
      // …with the court's name as Big5 pairs inside FS & and the QR stored with its byte count.
      expect(indexOfSeq(wire, [0x1c, 0x26, ...iconv.encode('臺灣臺北地方法院', 'big5')])).toBeGreaterThanOrEqual(0);
      const qr = new TextEncoder().encode('https://lobby.tpd.judicial.gov.tw/t/20261122-A012');
      expect(indexOfSeq(wire, [0x1d, 0x28, 0x6b, qr.length + 3, 0x00, 0x31, 0x50, 0x30, ...qr])).toBeGreaterThan(0);
      await sleep(100);
      expect(rig.receipts!()).toHaveLength(1);
    });

    const t3 = 'reports ready, with the link open';
    it.skipIf(skipped([], t3))(t3, async () => {
      const rig = await make();
      const expected: PrinterStatus = readable
        ? { state: 'ready', statusReadable: true, link: 'open' }
        : { state: 'unknown', statusReadable: false, link: 'open', detail: 'one-way transport: status cannot be read' };
      let status = await rig.printer.status();
      const start = Date.now();
      // A real link may still be connecting.
      while (status.link !== 'open' && Date.now() - start < settle) {
        await sleep(20);
        status = await rig.printer.status();
      }
      expect(status).toEqual(expected);
    });

    for (const [fault, state] of FAULT_STATES) {
      const t = `fault ${fault} reads as ${state}`;
      it.skipIf(skipped(['faults', 'readable'], t))(t, async () => {
        const rig = await make();
        expect((await rig.printer.status()).state).toBe('ready');
        rig.setFault!(fault);
        const status = await rig.printer.status();
        expect(status).toMatchObject({ state, statusReadable: true, link: 'open' });
      });
    }

    const t4 = 'clearing a fault reads ready again';
    it.skipIf(skipped(['faults', 'readable'], t4))(t4, async () => {
      const rig = await make();
      rig.setFault!('cover-open');
      expect((await rig.printer.status()).state).toBe('cover-open');
      rig.setFault!(null);
      expect(await rig.printer.status()).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    });

    const t5 = 'ASB: enabled on start, and a fault reaches onStatus without a poll';
    it.skipIf(skipped(['faults', 'inspect', 'readable'], t5))(t5, async () => {
      const rig = await make(10_000_000);
      expect((await rig.printer.status()).state).toBe('ready');
      // GS a 0E: online/offline, error and paper changes.
      await until(() => indexOfSeq(rig.wire!(), [0x1d, 0x61, 0x0e]) >= 0, settle, 'GS a 0E');
      const seen: PrinterStatus[] = [];
      rig.printer.onStatus((s) => seen.push(s));
      const queries = countQueries(rig.wire!());
      rig.setFault!('cover-open');
      await until(() => seen.some((s) => s.state === 'cover-open'), 1000, 'cover-open on onStatus');
      rig.setFault!('paper-near-end');
      await until(() => seen.at(-1)?.state === 'paper-near-end', 1000, 'paper-near-end on onStatus');
      expect(seen.map((s) => s.state)).toEqual(['cover-open', 'paper-near-end']);
      expect(seen.every((s) => s.link === 'open')).toBe(true);
      // Not one DLE EOT was sent: the news came as Automatic Status Back.
      expect(countQueries(rig.wire!())).toBe(queries);
    });

    const t6 = 'unplugged: the driver sees the link down, and a ticket written meanwhile prints exactly once after the replug';
    it.skipIf(skipped(['unplug', 'inspect'], t6))(t6, async () => {
      const rig = await make();
      expect((await rig.printer.status()).state).toBe('ready');
      const seen: PrinterStatus[] = [];
      rig.printer.onStatus((s) => seen.push(s));
      await rig.unplug!();
      await until(() => seen.some((s) => s.link === 'disconnected'), settle, 'link disconnected');
      expect(seen.find((s) => s.link === 'disconnected')).toEqual({ state: 'offline', statusReadable: true, link: 'disconnected', detail: 'transport disconnected' });
      expect((await rig.printer.status()).link).toBe('disconnected');

      const printing = rig.printer.print(sampleTicket);
      await sleep(200);
      expect(rig.receipts!()).toHaveLength(0);
      await rig.replug!();
      await expect(printing).resolves.toEqual({ bytes: 315 });
      await until(() => rig.receipts!().length === 1, settle, 'receipt after replug');
      expect(rig.receipts!()[0]?.items).toEqual(sampleTicketItems);
      await until(() => seen.at(-1)?.state === 'ready' && seen.at(-1)?.link === 'open', settle, 'ready again');
      await sleep(300);
      expect(rig.receipts!()).toHaveLength(1);
    });
  });
}

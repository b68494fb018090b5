import type { DevicesSim, SimFault, SimKeypadRequest, SimReceipt } from '../contract';
import type { SimulatedKeypads } from '../../hardware/keypad';
import type { SimulatedCounterDisplays } from '../../hardware/counter-display';
import type { SimulatedSignDevice } from '../../hardware/sign';
import type { SimulatedScanner } from '../../hardware/scanner/simulated';
import type { SignConfig } from '../config/schema';
import { DomainError } from '../domain/errors';
import type { SimulatedPrinterDevice, SimulatedReceipt } from '../../hardware/printer';
import { localIso } from '../store/clock';

/** The panel keeps the newest receipts; older paper has been torn off. */
const SHOWN_RECEIPTS = 30;

/** What stands for a ticket's phone-link token on the panel. */
export const REDACTED_TOKEN = 'REDACTED';

/**
 * The panel is public (anyone opening /devices): a receipt's phone link would let
 * anyone follow that citizen's ticket, so its token is cut out here, before the
 * snapshot leaves the server. The receipt keeps its layout and its QR code.
 */
export function redactPhoneTokens(text: string): string {
  return text.replace(/\/phone\/t\/[A-Za-z0-9_%-]+/g, `/phone/t/${REDACTED_TOKEN}`);
}

export interface SimulatedDevices {
  printer: SimulatedPrinterDevice | undefined;
  signs: readonly { config: SignConfig; simulator: SimulatedSignDevice | undefined }[];
  scanner: SimulatedScanner | undefined;
  keypads: SimulatedKeypads | undefined;
  displays: SimulatedCounterDisplays | undefined;
  displayProtocol: string;
}

/** Feeds the /devices panel with what the simulated devices actually decoded, and takes its test controls. */
export function bindSimulatorPanel(sims: SimulatedDevices, timeZone: string) {
  const device = sims.printer;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const offs = [
    ...(device ? [device.onReceipt(notify), device.onFault(notify)] : []),
    ...(sims.keypads ? [sims.keypads.onChange(notify)] : []),
    ...(sims.displays ? [sims.displays.onChange(notify)] : []),
    ...sims.signs.flatMap((s) => (s.simulator ? [s.simulator.onChange(notify)] : [])),
  ];
  const shown = (m: ReadonlyMap<number, string> | undefined) =>
    [...(m ?? new Map<number, string>())].sort(([a], [b]) => a - b).map(([address, text]) => ({ address, text }));

  function toDto(r: SimulatedReceipt): SimReceipt {
    return {
      id: r.id,
      receivedAt: localIso(r.receivedAt, timeZone),
      // The health poller's DLE EOT and the driver's GS a arrive between tickets: not a ticket's size.
      bytes: r.bytes - r.statusBytes,
      statusBytes: r.statusBytes,
      cut: r.cut,
      items: r.items.map((i): SimReceipt['items'][number] => {
        switch (i.kind) {
          case 'text':
            return { kind: 'text', text: redactPhoneTokens(i.text), align: i.align, width: i.width, height: i.height, bold: i.bold };
          case 'qr':
            return { kind: 'qr', payload: redactPhoneTokens(i.payload), moduleSize: i.moduleSize, errorLevel: i.errorLevel, align: i.align };
          case 'image':
            return { kind: 'image', widthDots: i.widthDots, heightDots: i.heightDots, bitsBase64: Buffer.from(i.bits).toString('base64'), align: i.align };
        }
      }),
    };
  }

  function snapshot(): DevicesSim {
    return {
      keypads: { simulated: Boolean(sims.keypads), shown: shown(sims.keypads?.shown) },
      signs: sims.signs.flatMap(({ config, simulator }) => {
        if (!simulator) return [];
        const snap = simulator.snapshot;
        return [
          {
            id: config.id,
            name: config.name,
            protocol: config.protocol,
            offline: snap.offline,
            messages: snap.messages.map((m) => ({ text: m.text, effect: m.effect })),
            frames: snap.frames,
            badFrames: snap.badFrames,
          },
        ];
      }),
      counterDisplays: { simulated: Boolean(sims.displays), protocol: sims.displayProtocol, shown: shown(sims.displays?.shown) },
      printer: {
        simulated: Boolean(device),
        fault: device?.fault ?? null,
        receipts: device ? device.receipts.slice(-SHOWN_RECEIPTS).reverse().map(toDto) : [],
      },
    };
  }

  /** Injects a fault into the simulated printer, as the /devices panel and tests do. */
  function setFault(fault: SimFault | null): void {
    if (!device) throw new DomainError('not_found', 'This site has no simulated printer.');
    device.setFault(fault);
  }

  /** Presses a key on a simulated keypad; the bytes go through the real keypad driver. */
  async function pressKey(press: SimKeypadRequest): Promise<void> {
    if (!sims.keypads) throw new DomainError('not_found', 'This site has no simulated keypads.');
    await sims.keypads.press(press.arg ? { address: press.address, key: press.key, arg: press.arg } : { address: press.address, key: press.key });
  }

  /** Reads `text` as the kiosk's scanner would (through the simulated scanner's driver when there is one). */
  async function scan(text: string): Promise<void> {
    if (!sims.scanner) throw new DomainError('not_found', 'This site has no simulated scanner.');
    await sims.scanner.scan(text);
  }

  /** Switches a simulated sign off or on, as the /devices panel and tests do. */
  function setSignOffline(id: string, offline: boolean): void {
    const sign = sims.signs.find((s) => s.config.id === id)?.simulator;
    if (!sign) throw new DomainError('not_found', `No simulated sign ${id}.`);
    sign.setOffline(offline);
  }

  return {
    snapshot,
    setFault,
    pressKey,
    setSignOffline,
    scan,
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => offs.forEach((off) => off()),
  };
}

export type SimulatorPanel = ReturnType<typeof bindSimulatorPanel>;

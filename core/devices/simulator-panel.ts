import type { DevicesSim, SimFault, SimReceipt } from '../contract';
import { DomainError } from '../domain/errors';
import type { SimulatedPrinterDevice, SimulatedReceipt } from '../../hardware/printer';
import { localIso } from '../store/clock';

/** The panel keeps the newest receipts; older paper has been torn off. */
const SHOWN_RECEIPTS = 30;

/** Feeds the /devices panel with what the simulated printer actually parsed. */
export function bindSimulatorPanel(device: SimulatedPrinterDevice | undefined, timeZone: string) {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const offs = device ? [device.onReceipt(notify), device.onFault(notify)] : [];

  function toDto(r: SimulatedReceipt): SimReceipt {
    return {
      id: r.id,
      receivedAt: localIso(r.receivedAt, timeZone),
      bytes: r.bytes,
      cut: r.cut,
      items: r.items.map((i) =>
        i.kind === 'text'
          ? { kind: 'text', text: i.text, align: i.align, width: i.width, height: i.height, bold: i.bold }
          : { kind: 'qr', payload: i.payload, moduleSize: i.moduleSize, errorLevel: i.errorLevel, align: i.align },
      ),
    };
  }

  function snapshot(): DevicesSim {
    return {
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

  return {
    snapshot,
    setFault,
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => offs.forEach((off) => off()),
  };
}

export type SimulatorPanel = ReturnType<typeof bindSimulatorPanel>;

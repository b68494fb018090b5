import { createTcpTransport } from '../transports/tcp';
import { EscPosPrinter } from './drivers/escpos';
import { createSimulatedPrinter, type SimulatedPrinterDevice } from './simulated';
import type { ChineseEncoding, TicketPrinter } from './types';

interface CommonPrinterConfig {
  id?: string;
  /** The printer font's two-byte encoding. Default 'big5' (Traditional-Chinese models). */
  encoding?: ChineseEncoding;
  /** Poll status this often (ms) and emit onStatus on change. Default 5000; 0 turns polling off. */
  pollIntervalMs?: number;
  /** Per DLE EOT reply. */
  statusTimeoutMs?: number;
}

export type PrinterConfig =
  | (CommonPrinterConfig & { driver: 'simulated' })
  | (CommonPrinterConfig & { driver: 'escpos-tcp'; host: string; port?: number });

export interface CreatedPrinter {
  printer: TicketPrinter;
  /** Present for driver 'simulated': the device's test controls and printed receipts. */
  simulator?: SimulatedPrinterDevice;
}

export interface CreatePrinterDeps {
  /** Clock for simulated receipts' receivedAt. */
  clock?: { now(): number };
}

export function createPrinter(config: PrinterConfig, deps: CreatePrinterDeps = {}): CreatedPrinter {
  const driverOptions = {
    pollIntervalMs: config.pollIntervalMs ?? 5000,
    ...(config.statusTimeoutMs !== undefined ? { statusTimeoutMs: config.statusTimeoutMs } : {}),
    ...(config.id !== undefined ? { id: config.id } : {}),
  };
  switch (config.driver) {
    case 'simulated': {
      const { printer, device } = createSimulatedPrinter({
        ...(config.id !== undefined ? { id: config.id } : {}),
        ...(config.encoding ? { encoding: config.encoding } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
        driver: driverOptions,
      });
      return { printer, simulator: device };
    }
    case 'escpos-tcp': {
      const transport = createTcpTransport({ host: config.host, port: config.port ?? 9100 });
      const printer = new EscPosPrinter(transport, {
        ...driverOptions,
        id: config.id ?? `escpos-tcp:${config.host}:${config.port ?? 9100}`,
        ...(config.encoding ? { encoding: config.encoding } : {}),
      });
      return { printer };
    }
  }
}

export type { TicketPrinter, PrinterStatus, PrinterState, ReceiptDoc, ReceiptBlock, PrintResult, PrintWarning, ChineseEncoding } from './types';
export type { SimulatedFault, SimulatedPrinterDevice, SimulatedReceipt } from './simulated';

import { createSerialTransport, type SerialBinding } from '../transports/serial';
import { linkOptions, usbIds } from '../transports/serial-config';
import { createTcpTransport } from '../transports/tcp';
import type { ByteTransport } from '../transports/types';
import { createUsbLpTransport } from '../transports/usb-lp';
import { DEFAULT_STATUS_TIMEOUT_MS, EscPosPrinter, type EscPosPrinterOptions } from './drivers/escpos';
import { createSimulatedPrinter, type SimulatedPrinterDevice } from './simulated';
import type { PrinterEncoding, TicketPrinter } from './types';

/** Settings every printer driver takes. */
export interface PrinterCommonConfig {
  /** Shown in logs and the health view. Default: driver and address, e.g. "escpos-serial:/dev/ttyUSB0". */
  id?: string;
  /** The printer font's two-byte encoding, or 'raster' for a printer without a Chinese font. Default 'big5'. */
  encoding?: PrinterEncoding;
  /** Big5 characters to trust the font with: 'cp950' (default) or 'hkscs' for a printer with an HKSCS font. */
  big5Repertoire?: 'cp950' | 'hkscs';
  /** Under big5/gb18030, print a line with a character the font lacks as an image. Default true. */
  rasterFallback?: boolean;
  /** Printable width in dots for raster lines. Default 576 (80 mm at 203 dpi); 512 for Epson TM-T88 (180 dpi). */
  rasterWidthDots?: number;
  /** DLE EOT polling interval (ms), the fallback to Automatic Status Back; 0 turns it off. Default PRINTER_DEFAULTS (400). */
  pollIntervalMs?: number;
  /** Silence after a DLE EOT query, counted while the lobby could listen, before the printer reads offline. Default PRINTER_DEFAULTS (300 ms). */
  statusTimeoutMs?: number;
  /** Ask the printer to report status changes by itself (GS a). Default true. */
  autoStatusBack?: boolean;
}

/** Settings of drivers with a real link. */
export interface PrinterLinkConfig {
  /** How long a print waits for an unplugged link to come back before it fails. Default 3000 ms. */
  writeTimeoutMs?: number;
  /** Reconnect back-off. Default 250 ms doubling to 5000 ms. */
  reconnect?: { initialMs?: number; maxMs?: number };
}

export interface SimulatedPrinterConfig extends PrinterCommonConfig {
  driver: 'simulated';
  /** Receipts the simulator keeps in memory (default 500). */
  keepReceipts?: number;
}

export interface TcpPrinterConfig extends PrinterCommonConfig, PrinterLinkConfig {
  driver: 'escpos-tcp';
  host: string;
  /** Default 9100. */
  port?: number;
}

/** Give `path`, or USB ids to find the port by (found again after a replug, when the name may change). */
export interface SerialPrinterConfig extends PrinterCommonConfig, PrinterLinkConfig {
  driver: 'escpos-serial';
  /** /dev/ttyUSB0, /dev/ttyS0, COM3 */
  path?: string;
  /** USB vendor id, hex ("0483"). */
  vendorId?: string;
  /** USB product id, hex ("5740"). */
  productId?: string;
  serialNumber?: string;
  /** Default 9600. */
  baudRate?: number;
  /** Default 8. */
  dataBits?: 7 | 8;
  /** Default 'none'. */
  parity?: 'none' | 'even' | 'odd';
  /** Default 1. */
  stopBits?: 1 | 2;
  /** Default 'none'. DTR/DSR flow control is not offered by serialport; use rtscts or xonxoff. */
  flowControl?: 'none' | 'rtscts' | 'xonxoff';
}

/** Linux usblp: give `devicePath`, or USB ids to find /dev/usb/lp* by in sysfs. */
export interface UsbPrinterConfig extends PrinterCommonConfig, PrinterLinkConfig {
  driver: 'escpos-usb';
  /** /dev/usb/lp0 */
  devicePath?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** The printer answers status over USB. Default false: status then reads 'unknown'. */
  bidirectional?: boolean;
}

/** ESC/POS on a transport built elsewhere (tests, tools, a link the site file cannot describe). */
export interface EscPosOnTransportConfig extends PrinterCommonConfig {
  driver: 'escpos';
  transport: ByteTransport;
}

export type PrinterConfig = SimulatedPrinterConfig | TcpPrinterConfig | SerialPrinterConfig | UsbPrinterConfig | EscPosOnTransportConfig;
export type PrinterDriverName = PrinterConfig['driver'];

export interface CreatedPrinter {
  printer: TicketPrinter;
  /** Present for driver 'simulated': the device's test controls and printed receipts. */
  simulator?: SimulatedPrinterDevice;
  /** The link the driver writes to (absent for 'simulated'), for health displays. */
  transport?: ByteTransport;
}

export interface CreatePrinterDeps {
  /** Clock for simulated receipts' receivedAt. */
  clock?: { now(): number };
  /** serialport binding for 'escpos-serial' (tests: @serialport/binding-mock). Default @serialport/bindings-cpp. */
  serialBinding?: SerialBinding;
}

/**
 * The one source of the printer's timing. A printer that falls silent is
 * offline within pollIntervalMs + statusTimeoutMs (~700 ms, inside the 1 s a
 * fault may take to pause the kiosk); ASB faults and a lost link are news at
 * once. The silence counts only time the lobby could listen (see the driver),
 * so a busy lobby does not shorten it. statusTimeoutMs is the driver's own
 * default, which it defines because a driver may not import this file.
 */
export const PRINTER_DEFAULTS = { pollIntervalMs: 400, statusTimeoutMs: DEFAULT_STATUS_TIMEOUT_MS, baudRate: 9600, tcpPort: 9100 } as const;

function idLabel(config: { vendorId?: string; productId?: string; serialNumber?: string }): string {
  return [config.vendorId ?? '*', config.productId ?? '*', ...(config.serialNumber ? [config.serialNumber] : [])].join(':');
}

export function createPrinter(config: PrinterConfig, deps: CreatePrinterDeps = {}): CreatedPrinter {
  const driverOptions: EscPosPrinterOptions = {
    pollIntervalMs: config.pollIntervalMs ?? PRINTER_DEFAULTS.pollIntervalMs,
    statusTimeoutMs: config.statusTimeoutMs ?? PRINTER_DEFAULTS.statusTimeoutMs,
    ...(config.encoding ? { encoding: config.encoding } : {}),
    ...(config.big5Repertoire ? { big5Repertoire: config.big5Repertoire } : {}),
    ...(config.autoStatusBack !== undefined ? { autoStatusBack: config.autoStatusBack } : {}),
    ...(config.rasterWidthDots !== undefined ? { rasterWidthDots: config.rasterWidthDots } : {}),
    ...(config.rasterFallback === false && config.encoding !== 'raster' ? { rasterizer: null } : {}),
  };
  const withId = (fallback: string): EscPosPrinterOptions => ({ ...driverOptions, id: config.id ?? fallback });

  switch (config.driver) {
    case 'simulated': {
      const { encoding, ...driver } = withId('sim-printer');
      const { printer, device } = createSimulatedPrinter({
        ...(config.id !== undefined ? { id: config.id } : {}),
        ...(encoding ? { encoding } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(config.keepReceipts !== undefined ? { keepReceipts: config.keepReceipts } : {}),
        driver,
      });
      return { printer, simulator: device };
    }
    case 'escpos':
      return { printer: new EscPosPrinter(config.transport, withId('escpos')), transport: config.transport };
    case 'escpos-tcp': {
      const port = config.port ?? PRINTER_DEFAULTS.tcpPort;
      const transport = createTcpTransport({ host: config.host, port, ...linkOptions(config) });
      return { printer: new EscPosPrinter(transport, withId(`escpos-tcp:${config.host}:${port}`)), transport };
    }
    case 'escpos-serial': {
      const ids = usbIds(config);
      if (!config.path && Object.keys(ids).length === 0) throw new Error("printer driver 'escpos-serial' needs a path, or a vendorId/productId/serialNumber");
      const flow = config.flowControl ?? 'none';
      const transport = createSerialTransport({
        ...(config.path ? { path: config.path } : {}),
        ...ids,
        baudRate: config.baudRate ?? PRINTER_DEFAULTS.baudRate,
        ...(config.dataBits ? { dataBits: config.dataBits } : {}),
        ...(config.parity ? { parity: config.parity } : {}),
        ...(config.stopBits ? { stopBits: config.stopBits } : {}),
        rtscts: flow === 'rtscts',
        xon: flow === 'xonxoff',
        xoff: flow === 'xonxoff',
        ...(deps.serialBinding ? { binding: deps.serialBinding } : {}),
        ...linkOptions(config),
      });
      const where = Object.keys(ids).length > 0 ? idLabel(config) : (config.path ?? '');
      return { printer: new EscPosPrinter(transport, withId(`escpos-serial:${where}`)), transport };
    }
    case 'escpos-usb': {
      const ids = usbIds(config);
      if (!config.devicePath && Object.keys(ids).length === 0) throw new Error("printer driver 'escpos-usb' needs a devicePath (/dev/usb/lp0), or a vendorId/productId/serialNumber");
      const transport = createUsbLpTransport({
        ...(config.devicePath ? { devicePath: config.devicePath } : {}),
        ...ids,
        readable: config.bidirectional ?? false,
        ...linkOptions(config),
      });
      const where = Object.keys(ids).length > 0 ? idLabel(config) : (config.devicePath ?? '');
      return { printer: new EscPosPrinter(transport, withId(`escpos-usb:${where}`)), transport };
    }
  }
}

export type {
  TicketPrinter,
  PrinterStatus,
  PrinterState,
  ReceiptDoc,
  ReceiptBlock,
  PrintResult,
  PrintWarning,
  ChineseEncoding,
  PrinterEncoding,
  TransportState,
} from './types';
export type { SimulatedFault, SimulatedPrinterDevice, SimulatedReceipt } from './simulated';
export { printerConfigSchema, type PrinterSiteConfig } from './config';
export { SIMULATED_FAULTS } from './simulated';
export type { ParsedItem, ImageItem, TextLine, QrItem } from './escpos/parser';

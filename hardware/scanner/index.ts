import type { SerialBinding } from '../transports/serial';
import { serialTransportFor, usbIds } from '../transports/serial-config';
import type { ByteTransport } from '../transports/types';
import { CdcSerialScanner, type CdcSerialScannerOptions } from './drivers/cdc-serial';
import { createSimulatedScanner, type SimulatedScanner } from './simulated';
import type { BarcodeScanner, ScanEncoding, ScanTerminator } from './types';

/** How the scanner's bytes are read; both the real driver and the simulator take these. */
export interface ScannerDecodeConfig {
  /** Default 'any': CR, LF or CR LF ends a scan. */
  terminator?: ScanTerminator;
  /** Default 'utf-8'; 'big5' for older scanners. */
  encoding?: ScanEncoding;
  /** Deliver a scan whose terminator never came after this quiet time; 0 = off. Default 200 ms. */
  idleFlushMs?: number;
  /** Longer scans are dropped and counted. Default 4096 bytes. */
  maxScanBytes?: number;
}

export interface NoScannerConfig {
  driver: 'none';
}

export interface SimulatedScannerConfig extends ScannerDecodeConfig {
  driver: 'simulated';
}

/**
 * A USB-CDC (or RS-232) scanner. Pass a ready `transport`, or say where the
 * port is and a reconnecting serial transport is built: `path`, or USB ids
 * (found again after a replug, when /dev/ttyACM0 may come back as ttyACM1).
 */
export interface CdcSerialScannerConfig extends ScannerDecodeConfig {
  driver: 'cdc-serial';
  transport?: ByteTransport;
  /** /dev/ttyACM0, COM5 */
  path?: string;
  /** USB vendor id, hex ("05e0"). */
  vendorId?: string;
  /** USB product id, hex ("1200"). */
  productId?: string;
  serialNumber?: string;
  /** Ignored by true USB-CDC devices; matters for an RS-232 scanner. Default 9600. */
  baudRate?: number;
  /** Reconnect back-off after an unplug. Default 250 ms doubling to 5000 ms. */
  reconnect?: { initialMs?: number; maxMs?: number };
}

export type ScannerConfig = NoScannerConfig | SimulatedScannerConfig | CdcSerialScannerConfig;
export type ScannerDriverName = ScannerConfig['driver'];

export interface CreatedScanner {
  /** Absent for driver 'none'. */
  scanner?: BarcodeScanner;
  /** Present for driver 'simulated': scan payloads from tests and the /devices panel. */
  simulator?: SimulatedScanner;
  /** The serial link built from `path`/USB ids, for health displays (absent otherwise). */
  transport?: ByteTransport;
}

export interface CreateScannerDeps {
  /** For `ScanEvent.at`. Default Date.now. */
  clock?: { now(): number };
  /** serialport binding for 'cdc-serial' by path/ids (tests: @serialport/binding-mock). Default @serialport/bindings-cpp. */
  serialBinding?: SerialBinding;
}

export const SCANNER_DEFAULTS = { baudRate: 9600 } as const;

function driverOptions(config: ScannerDecodeConfig, deps: CreateScannerDeps): CdcSerialScannerOptions {
  return {
    ...(config.terminator ? { terminator: config.terminator } : {}),
    ...(config.encoding ? { encoding: config.encoding } : {}),
    ...(config.idleFlushMs !== undefined ? { idleFlushMs: config.idleFlushMs } : {}),
    ...(config.maxScanBytes !== undefined ? { maxScanBytes: config.maxScanBytes } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  };
}

function serialTransport(config: CdcSerialScannerConfig, deps: CreateScannerDeps): ByteTransport {
  if (!config.path && Object.keys(usbIds(config)).length === 0) {
    throw new Error("scanner driver 'cdc-serial' needs a transport, a path (/dev/ttyACM0, COM5), or a vendorId/productId/serialNumber");
  }
  return serialTransportFor(config, { baudRate: SCANNER_DEFAULTS.baudRate, dataBits: 8, parity: 'none', stopBits: 1 }, { serialBinding: deps.serialBinding });
}

export function createScanner(config: ScannerConfig, deps: CreateScannerDeps = {}): CreatedScanner {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const { scanner, device } = createSimulatedScanner(driverOptions(config, deps));
      return { scanner, simulator: device };
    }
    case 'cdc-serial': {
      if (config.transport) return { scanner: new CdcSerialScanner(config.transport, driverOptions(config, deps)) };
      const transport = serialTransport(config, deps);
      return { scanner: new CdcSerialScanner(transport, driverOptions(config, deps)), transport };
    }
  }
}

export type { BarcodeScanner, ScanEvent, ScanError, ScannerStats, ScanTerminator, ScanEncoding, TransportState } from './types';
export type { SimulatedScanner, SimulatedScanOptions } from './simulated';
export { CDC_SCANNER_DEFAULTS } from './drivers/cdc-serial';
export { scannerConfigSchema, type ScannerSiteConfig } from './config';

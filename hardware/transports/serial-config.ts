import { z } from 'zod';
import type { ReconnectOptions } from './reconnecting';
import { createSerialTransport, type SerialBinding, type SerialTransport } from './serial';

/**
 * Where a serial device is and how its line is set, as a site file writes it.
 * Every wired device kind (printer, signs, keypads, counter displays, scanner)
 * takes this one shape, so an installer learns it once.
 */

const hexId = z.string().regex(/^[0-9a-fA-F]{4}$/, 'four hex digits, as lsusb or Device Manager shows them (e.g. "0483")');

/** Find the port by USB ids: survives a replug that renames /dev/ttyUSB0 to ttyUSB1 or COM3 to COM5. */
export const usbIdsShape = {
  vendorId: hexId.optional(),
  productId: hexId.optional(),
  serialNumber: z.string().min(1).max(64).optional(),
};

/** How a link comes back after an unplug; the same for every device. */
export const linkShape = {
  /** How long a write waits for an unplugged device to come back before it fails. Default 3000 ms. */
  writeTimeoutMs: z.number().int().min(100).max(60_000).optional(),
  reconnect: z.strictObject({ initialMs: z.number().int().min(10).optional(), maxMs: z.number().int().min(100).optional() }).optional(),
};

export const serialSettingsShape = {
  baudRate: z.number().int().min(1200).max(921_600).optional(),
  dataBits: z.union([z.literal(7), z.literal(8)]).optional(),
  parity: z.enum(['none', 'even', 'odd']).optional(),
  stopBits: z.union([z.literal(1), z.literal(2)]).optional(),
};

const located = (c: { path?: string | undefined; vendorId?: string | undefined; productId?: string | undefined; serialNumber?: string | undefined }) =>
  Boolean(c.path || c.vendorId || c.productId || c.serialNumber);
export const LOCATE_MESSAGE = 'give the port: "path" (/dev/ttyUSB0, COM3) or its USB ids ("vendorId", "productId", "serialNumber")';

/** A serial port by path or USB ids, with its line settings; absent settings take the device's usual ones. */
export const serialLinkSchema = z
  .strictObject({
    /** /dev/ttyUSB0, /dev/ttyS0, COM3 … */
    path: z.string().min(1).optional(),
    ...usbIdsShape,
    ...serialSettingsShape,
    ...linkShape,
  })
  .refine(located, LOCATE_MESSAGE);

export type SerialLinkConfig = z.infer<typeof serialLinkSchema>;
export type SerialLineDefaults = { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2 };

/** The reconnect and write-wait options of a link as the transports take them. */
export function linkOptions(config: { writeTimeoutMs?: number | undefined; reconnect?: { initialMs?: number | undefined; maxMs?: number | undefined } | undefined }): ReconnectOptions {
  const backoff = {
    ...(config.reconnect?.initialMs !== undefined ? { initialMs: config.reconnect.initialMs } : {}),
    ...(config.reconnect?.maxMs !== undefined ? { maxMs: config.reconnect.maxMs } : {}),
  };
  return {
    ...(config.writeTimeoutMs !== undefined ? { writeTimeoutMs: config.writeTimeoutMs } : {}),
    ...(config.reconnect ? { backoff } : {}),
  };
}

/** The port's USB ids that were given, and nothing else (exactOptionalPropertyTypes). */
export function usbIds(config: { vendorId?: string | undefined; productId?: string | undefined; serialNumber?: string | undefined }) {
  return {
    ...(config.vendorId !== undefined ? { vendorId: config.vendorId } : {}),
    ...(config.productId !== undefined ? { productId: config.productId } : {}),
    ...(config.serialNumber !== undefined ? { serialNumber: config.serialNumber } : {}),
  };
}

/** A reconnecting serial transport from a site's serial section and the device kind's usual line settings. */
export function serialTransportFor(
  config: SerialLinkConfig,
  defaults: SerialLineDefaults,
  deps: { serialBinding?: SerialBinding | undefined; readable?: boolean } = {},
): SerialTransport {
  return createSerialTransport({
    ...(config.path !== undefined ? { path: config.path } : {}),
    ...usbIds(config),
    baudRate: config.baudRate ?? defaults.baudRate,
    dataBits: config.dataBits ?? defaults.dataBits,
    parity: config.parity ?? defaults.parity,
    stopBits: config.stopBits ?? defaults.stopBits,
    ...(deps.readable !== undefined ? { readable: deps.readable } : {}),
    ...(deps.serialBinding ? { binding: deps.serialBinding } : {}),
    ...linkOptions(config),
  });
}

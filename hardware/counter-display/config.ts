import { z } from 'zod';
import { serialLinkSchema, type SerialLineDefaults } from '../transports/serial-config';

const byte = z.number().int().min(0).max(255);

/** A vendor's framed ASCII message, <start><address><text><checksum><end> (see types.ts FrameFormat). */
export const frameFormatSchema = z.strictObject({
  start: z.array(byte).min(1).max(4),
  end: z.array(byte).max(4),
  address: z.enum(['ascii2', 'byte']),
  checksum: z.enum(['none', 'xor', 'sum8']),
  width: z.number().int().min(1).max(8),
});

export const displayProtocolSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('framed'), format: frameFormatSchema }),
  /** Modbus-RTU function 16, one register per character; `replyTimeoutMs`: how long to wait for each module's answer before the next frame. */
  z.strictObject({
    kind: z.literal('modbus-rtu'),
    registers: z.number().int().min(1).max(8).default(4),
    replyTimeoutMs: z.number().int().min(20).max(2000).optional(),
  }),
]);

/**
 * Counter number displays in a site file: none, simulated (shown on /devices),
 * or on a serial/RS-485 bus, several addresses on one line (a display's
 * address is its counter's number; a Modbus module's slave id).
 */
export const counterDisplayConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('none') }),
  z.strictObject({ driver: z.literal('simulated'), protocol: displayProtocolSchema }),
  z.strictObject({ driver: z.literal('serial'), protocol: displayProtocolSchema, serial: serialLinkSchema }),
]);

export type CounterDisplaySiteConfig = z.infer<typeof counterDisplayConfigSchema>;

/** 9600 8N1: the factory setting of the Modbus modules and framed displays sold here. */
export const DISPLAY_SERIAL_DEFAULTS: SerialLineDefaults = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

import { z } from 'zod';
import { serialLinkSchema, type SerialLineDefaults } from '../transports/serial-config';

/**
 * Caller keypads in a site file: none, the simulator (/devices presses its
 * keys), or keypads on a serial/RS-485 line speaking the ASCII line protocol.
 * A keypad's address is its counter's number.
 */
export const keypadConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('none') }),
  z.strictObject({ driver: z.literal('simulated') }),
  z.strictObject({ driver: z.literal('serial'), serial: serialLinkSchema }),
]);

export type KeypadSiteConfig = z.infer<typeof keypadConfigSchema>;

/** The line protocol's usual setting; an installer overrides it in `serial`. */
export const KEYPAD_SERIAL_DEFAULTS: SerialLineDefaults = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

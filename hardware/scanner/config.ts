import { z } from 'zod';
import { linkShape, LOCATE_MESSAGE, usbIdsShape } from '../transports/serial-config';

/** The kiosk's summons scanner in a site file (a keyboard-wedge scanner needs no entry: the kiosk page reads it). */
export const scannerConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('none') }),
  z.strictObject({ driver: z.literal('simulated') }),
  z
    .strictObject({
      driver: z.literal('cdc-serial'),
      path: z.string().min(1).optional(),
      ...usbIdsShape,
      baudRate: z.number().int().min(1200).max(921_600).optional(),
      encoding: z.enum(['utf-8', 'big5']).optional(),
      reconnect: linkShape.reconnect,
    })
    .refine((c) => c.path || c.vendorId || c.productId || c.serialNumber, LOCATE_MESSAGE),
]);

export type ScannerSiteConfig = z.infer<typeof scannerConfigSchema>;

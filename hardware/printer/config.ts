import { z } from 'zod';
import { linkShape, LOCATE_MESSAGE, serialSettingsShape, usbIdsShape } from '../transports/serial-config';

/** What every printer section may say, whatever the driver. */
const printerCommon = {
  /** The printer font's two-byte encoding; 'raster' for printers without a Chinese font. */
  encoding: z.enum(['big5', 'gb18030', 'raster']).default('big5'),
  /** 'hkscs' only for printers whose font really has the HKSCS extension. */
  big5Repertoire: z.enum(['cp950', 'hkscs']).optional(),
  /** A line with a character the font lacks is printed as an image instead of a placeholder. */
  rasterFallback: z.boolean().optional(),
  rasterWidthDots: z.number().int().min(128).max(1024).optional(),
  autoStatusBack: z.boolean().optional(),
};

/** The ticket printer in a site file: the simulator, or ESC/POS over TCP 9100, serial, or Linux usblp. */
export const printerConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('simulated'), ...printerCommon }),
  z.strictObject({
    driver: z.literal('escpos-tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
    ...printerCommon,
    ...linkShape,
  }),
  z
    .strictObject({
      driver: z.literal('escpos-serial'),
      /** e.g. COM3 or /dev/ttyUSB0; or find the port by its USB ids, which survive a replug. */
      path: z.string().min(1).optional(),
      ...usbIdsShape,
      ...serialSettingsShape,
      baudRate: z.number().int().min(1200).max(921_600).default(9600),
      flowControl: z.enum(['none', 'rtscts', 'xonxoff']).optional(),
      ...printerCommon,
      ...linkShape,
    })
    .refine((c) => c.path || c.vendorId || c.productId || c.serialNumber, LOCATE_MESSAGE),
  z
    .strictObject({
      driver: z.literal('escpos-usb'),
      /** Linux usblp device, e.g. /dev/usb/lp0; or found by USB ids. */
      devicePath: z.string().min(1).optional(),
      ...usbIdsShape,
      bidirectional: z.boolean().optional(),
      ...printerCommon,
      ...linkShape,
    })
    .refine((c) => c.devicePath || c.vendorId || c.productId || c.serialNumber, 'give "devicePath" (/dev/usb/lp0) or the USB ids ("vendorId", "productId", "serialNumber")'),
]);

export type PrinterSiteConfig = z.infer<typeof printerConfigSchema>;

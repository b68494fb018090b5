import { z } from 'zod';
import { serialLinkSchema } from '../transports/serial-config';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lower-case letters, digits and dashes');
const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

/**
 * An LED marquee sign in a site file; the simulated ones show on /devices.
 * `serial` takes the protocol's usual line settings for what it leaves out
 * (SIGN_SERIAL_DEFAULTS: Alpha 4800 7E2, Onbon 9600 8N1).
 */
export const signConfigSchema = z
  .strictObject({
    id: idSchema,
    name: bilingual,
    /** alpha: Alpha protocol, Latin text only (shows the English text); onbon-bx: Onbon BX-5/6 font card, Chinese in GBK. */
    protocol: z.enum(['alpha', 'onbon-bx']),
    driver: z.enum(['simulated', 'serial']),
    /** For driver serial: the port by path or USB ids, and its settings. */
    serial: serialLinkSchema.optional(),
    /** Onbon controller address (the card's screen number). */
    address: z.number().int().min(0).max(65535).optional(),
    /**
     * Onbon cards: the model sets how many bytes one area holds (BX-5 512, BX-6
     * 1,024 — about 240 or 500 Chinese characters for all messages together), and
     * the font card's repertoire (GBK, or GB2312 on older cards: fewer traditional characters).
     */
    onbon: z.strictObject({ model: z.enum(['bx-5', 'bx-6']).default('bx-5'), font: z.enum(['gbk', 'gb2312']).default('gbk') }).optional(),
  })
  .superRefine((sign, ctx) => {
    if (sign.driver === 'serial' && !sign.serial) ctx.addIssue({ code: 'custom', message: `sign ${sign.id} needs its "serial" section (path or USB ids)`, path: ['serial'] });
  });

export type SignSiteConfig = z.infer<typeof signConfigSchema>;

import iconv from 'iconv-lite';
import type { SerialBinding, SerialTransport } from '../transports/serial';
import { serialTransportFor, type SerialLinkConfig } from '../transports/serial-config';
import type { ByteTransport } from '../transports/types';
import { prepareAlphaText } from './alpha-frames';
import { AlphaSign, type AlphaSignOptions } from './drivers/alpha';
import { OnbonBxSign, onbonAreaLayout, type OnbonBxSignOptions } from './drivers/onbon-bx';
import { buildArea, encodeGbkText, type FontRepertoire } from './onbon-frames';
import { createSimulatedSign, type SignProtocol, type SimulatedSignDevice } from './simulated';
import { normalizeSignText } from './text';
import type { MarqueeSign, SignMessage, SignWarning } from './types';

export interface SimulatedSignConfig {
  driver: 'simulated';
  protocol: SignProtocol;
  id?: string;
  /** An Onbon card's capacity and font, as the real one would have them. */
  onbon?: Pick<OnbonBxSignOptions, 'maxAreaBytes' | 'fontRepertoire'>;
}

/** An Alpha-protocol sign (Latin text) on a transport the core built. */
export interface AlphaSignConfig extends AlphaSignOptions {
  driver: 'alpha';
  transport: ByteTransport;
}

/** An Onbon BX-5/BX-6 font card (Chinese text) on a transport the core built. */
export interface OnbonSignConfig extends OnbonBxSignOptions {
  driver: 'onbon-bx';
  transport: ByteTransport;
}

export type SignConfig = { driver: 'none' } | SimulatedSignConfig | AlphaSignConfig | OnbonSignConfig;
export type SignDriverName = SignConfig['driver'];

export interface CreatedSign {
  sign?: MarqueeSign;
  /** Present for driver 'simulated': the sign's test controls and what it shows. */
  simulator?: SimulatedSignDevice;
}

export interface CreateSignDeps {
  /** Clock for the simulator's lastFrameAt. */
  clock?: { now(): number };
}

export function createSign(config: SignConfig, deps: CreateSignDeps = {}): CreatedSign {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const id = config.id ?? 'sim-sign';
      const { sign, device } = createSimulatedSign({
        protocol: config.protocol,
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(config.protocol === 'alpha' ? { alpha: { id } } : { onbon: { id, ...config.onbon } }),
      });
      return { sign, simulator: device };
    }
    case 'alpha': {
      const { driver: _driver, transport, ...options } = config;
      return { sign: new AlphaSign(transport, options) };
    }
    case 'onbon-bx': {
      const { driver: _driver, transport, ...options } = config;
      return { sign: new OnbonBxSign(transport, options) };
    }
  }
}

// ---- one message's text as the sign gets it ----------------------------------------

/** A stretch of a sign's text; `from` is set when the sign shows `text` in place of the character `from`. */
export interface SignTextRun {
  text: string;
  from?: string;
}

export interface SignTextShown {
  /** Exactly the text the sign gets (an Onbon card: its GBK bytes read back). */
  text: string;
  /** The same text in runs: stretches shown as given, and each replaced character with what is shown instead. */
  runs: SignTextRun[];
  /** One replaced-char warning per replaced character, in order. */
  warnings: SignWarning[];
}

/**
 * One message's text as a sign of `protocol` shows it, by the encoder its
 * driver uses (Alpha: prepareAlphaText; Onbon: the clean-up and encodeGbkText
 * that buildArea applies), for a preview before it is sent. Effects, colours
 * and the Onbon area's byte budget are not part of it.
 */
export function signTextShown(protocol: SignProtocol, text: string, options: { fontRepertoire?: FontRepertoire } = {}): SignTextShown {
  const normalized = normalizeSignText(text);
  let shown: string;
  let warnings: SignWarning[];
  if (protocol === 'alpha') {
    ({ text: shown, warnings } = prepareAlphaText(text, 0));
  } else {
    const encoded = encodeGbkText(normalized, 0, options.fontRepertoire ?? 'gbk');
    shown = iconv.decode(Buffer.from(encoded.bytes), 'gbk');
    warnings = encoded.warnings;
  }
  // Both encoders go through the cleaned-up text a character (code point) at a
  // time and report each one they replace, in order: line the reports up with it.
  const replaced = warnings.filter((w) => w.code === 'replaced-char' && w.char !== undefined && w.replacement !== undefined);
  const runs: SignTextRun[] = [];
  let plain = '';
  let next = 0;
  for (const ch of normalized) {
    const w = replaced[next];
    if (w && w.char === ch) {
      if (plain) runs.push({ text: plain });
      plain = '';
      runs.push({ text: w.replacement!, from: ch });
      next += 1;
    } else {
      plain += ch;
    }
  }
  if (plain) runs.push({ text: plain });
  const aligned = next === replaced.length && runs.map((r) => r.text).join('') === shown;
  return { text: shown, runs: aligned ? runs : shown ? [{ text: shown }] : [], warnings };
}

// ---- whether messages fit ------------------------------------------------------

export interface SignsFit {
  /** Index of the first message the sign would not show in full (it and every later one are cut); null when all fit. */
  cutFrom: number | null;
}

/**
 * Whether a sign of `protocol` would show all these messages in full, by the
 * same check its driver applies in show() (an Onbon card: buildArea with the
 * driver's area layout and byte budget, 512 bytes on a BX-5 by default). The
 * Alpha driver sends the messages whole, so they always fit.
 */
export function signsFit(protocol: SignProtocol, messages: readonly SignMessage[], options: Pick<OnbonBxSignOptions, 'fontRepertoire' | 'maxAreaBytes'> = {}): SignsFit {
  if (protocol === 'alpha') return { cutFrom: null };
  const { warnings } = buildArea(messages, onbonAreaLayout(options));
  const cut = warnings.find((w) => w.code === 'text-truncated');
  return { cutFrom: cut ? cut.messageIndex : null };
}

// ---- serial links ------------------------------------------------------------

/** Where a sign's serial port is and how it talks (the site file's `serial` section); absent fields take the protocol's usual setting. */
export type SignSerialConfig = SerialLinkConfig & {
  /** Replies come back on this port (RS-232, 4-wire RS-485). Default true; false for a TX-only cable (status then reads 'unknown'). */
  readable?: boolean;
};

/**
 * The line settings each protocol is usually found at (PROTOCOLS.md, "LED
 * signs"): Alpha 4800 baud 7E2 (many signs; others are set to 9600 or to
 * 8 data bits — follow the sign's setup menu), Onbon 9600 8N1 (57600 is the
 * card's other speed).
 */
export const SIGN_SERIAL_DEFAULTS: Readonly<Record<SignProtocol, { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even'; stopBits: 1 | 2 }>> = {
  alpha: { baudRate: 4800, dataBits: 7, parity: 'even', stopBits: 2 },
  'onbon-bx': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

/** A reconnecting serial transport for a sign, for the core to pass as `transport`. */
export function createSignSerialTransport(protocol: SignProtocol, config: SignSerialConfig, deps: { serialBinding?: SerialBinding } = {}): SerialTransport {
  return serialTransportFor(config, SIGN_SERIAL_DEFAULTS[protocol], { ...deps, readable: config.readable ?? true });
}

export type { MarqueeSign, SignMessage, SignEffect, SignSpeed, SignColor, SignStatus, SignState, SignWarning, SignShowResult, TransportState } from './types';
export type { SignProtocol, SignSnapshot, ShownMessage, SimulatedSignDevice } from './simulated';
export type { AlphaSignOptions } from './drivers/alpha';
export type { OnbonBxSignOptions, OnbonModel } from './drivers/onbon-bx';
export { ONBON_AREA_BYTES } from './drivers/onbon-bx';
export { signConfigSchema, type SignSiteConfig } from './config';
export type { AlphaPosition } from './alpha-frames';
export type { FontRepertoire } from './onbon-frames';

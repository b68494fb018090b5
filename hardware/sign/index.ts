import type { ReconnectOptions } from '../transports/reconnecting';
import { createSerialTransport, type SerialBinding, type SerialTransport } from '../transports/serial';
import type { ByteTransport } from '../transports/types';
import { AlphaSign, type AlphaSignOptions } from './drivers/alpha';
import { OnbonBxSign, type OnbonBxSignOptions } from './drivers/onbon-bx';
import { createSimulatedSign, type SignProtocol, type SimulatedSignDevice } from './simulated';
import type { MarqueeSign } from './types';

export interface SimulatedSignConfig {
  driver: 'simulated';
  protocol: SignProtocol;
  id?: string;
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
        ...(config.protocol === 'alpha' ? { alpha: { id } } : { onbon: { id } }),
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

// ---- serial links ------------------------------------------------------------

/** Where a sign's serial port is and how it talks; absent fields take the protocol's usual setting. */
export interface SignSerialConfig {
  /** /dev/ttyUSB0, COM3 … or USB ids to find the adapter by (found again after a replug). */
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  baudRate?: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Replies come back on this port (RS-232, 4-wire RS-485). Default true; false for a TX-only cable (status then reads 'unknown'). */
  readable?: boolean;
  /** How long show() waits for an unplugged adapter to come back. Default 3000 ms. */
  writeTimeoutMs?: number;
  reconnect?: { initialMs?: number; maxMs?: number };
}

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
  const d = SIGN_SERIAL_DEFAULTS[protocol];
  const link: ReconnectOptions = {
    ...(config.writeTimeoutMs !== undefined ? { writeTimeoutMs: config.writeTimeoutMs } : {}),
    ...(config.reconnect
      ? {
          backoff: {
            ...(config.reconnect.initialMs !== undefined ? { initialMs: config.reconnect.initialMs } : {}),
            ...(config.reconnect.maxMs !== undefined ? { maxMs: config.reconnect.maxMs } : {}),
          },
        }
      : {}),
  };
  return createSerialTransport({
    ...(config.path !== undefined ? { path: config.path } : {}),
    ...(config.vendorId !== undefined ? { vendorId: config.vendorId } : {}),
    ...(config.productId !== undefined ? { productId: config.productId } : {}),
    ...(config.serialNumber !== undefined ? { serialNumber: config.serialNumber } : {}),
    baudRate: config.baudRate ?? d.baudRate,
    dataBits: config.dataBits ?? d.dataBits,
    parity: config.parity ?? d.parity,
    stopBits: config.stopBits ?? d.stopBits,
    readable: config.readable ?? true,
    ...(deps.serialBinding ? { binding: deps.serialBinding } : {}),
    ...link,
  });
}

export type { MarqueeSign, SignMessage, SignEffect, SignSpeed, SignColor, SignStatus, SignState, SignWarning, SignShowResult, TransportState } from './types';
export type { SignProtocol, SignSnapshot, ShownMessage, SimulatedSignDevice } from './simulated';
export type { AlphaSignOptions } from './drivers/alpha';
export type { OnbonBxSignOptions } from './drivers/onbon-bx';
export type { AlphaPosition } from './alpha-frames';
export type { FontRepertoire } from './onbon-frames';

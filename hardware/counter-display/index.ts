import type { SerialBinding } from '../transports/serial';
import { serialTransportFor } from '../transports/serial-config';
import type { ByteTransport } from '../transports/types';
import { DISPLAY_SERIAL_DEFAULTS, type CounterDisplaySiteConfig } from './config';
import { FramedCounterDisplays } from './drivers/framed';
import { ModbusCounterDisplays } from './drivers/modbus-rtu';
import { createSimulatedCounterDisplays, type DisplayProtocol, type SimulatedCounterDisplays } from './simulated';
import type { CounterDisplays } from './types';

/** A site's counter-display section, or (tests, tools) a protocol on a transport built elsewhere. */
export type CounterDisplayConfig = CounterDisplaySiteConfig | { driver: 'wired'; protocol: DisplayProtocol; transport: ByteTransport };

export interface CreatedCounterDisplays {
  displays?: CounterDisplays;
  /** Present for driver 'simulated': what each address shows. */
  simulator?: SimulatedCounterDisplays;
  /** The serial link built for driver 'serial', for health displays. */
  transport?: ByteTransport;
}

/** The driver for a protocol on a line; several addresses share it. */
export function displaysOn(transport: ByteTransport, protocol: DisplayProtocol): CounterDisplays {
  return protocol.kind === 'framed'
    ? new FramedCounterDisplays(transport, protocol.format)
    : new ModbusCounterDisplays(transport, { registers: protocol.registers, ...(protocol.replyTimeoutMs !== undefined ? { replyTimeoutMs: protocol.replyTimeoutMs } : {}) });
}

export function createCounterDisplays(config: CounterDisplayConfig, deps: { serialBinding?: SerialBinding } = {}): CreatedCounterDisplays {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const { displays, device } = createSimulatedCounterDisplays(config.protocol);
      return { displays, simulator: device };
    }
    case 'wired':
      return { displays: displaysOn(config.transport, config.protocol), transport: config.transport };
    case 'serial': {
      const transport = serialTransportFor(config.serial, DISPLAY_SERIAL_DEFAULTS, deps);
      return { displays: displaysOn(transport, config.protocol), transport };
    }
  }
}

export type { CounterDisplays, FrameFormat } from './types';
export { DEFAULT_FRAME } from './types';
export type { DisplayProtocol, SimulatedCounterDisplays } from './simulated';
export { counterDisplayConfigSchema, displayProtocolSchema, frameFormatSchema, DISPLAY_SERIAL_DEFAULTS, type CounterDisplaySiteConfig } from './config';

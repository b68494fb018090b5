import type { SerialBinding } from '../transports/serial';
import { serialTransportFor } from '../transports/serial-config';
import type { ByteTransport } from '../transports/types';
import { KEYPAD_SERIAL_DEFAULTS, type KeypadSiteConfig } from './config';
import { LineKeypads } from './drivers/line-keypad';
import { createSimulatedKeypads, type SimulatedKeypads } from './simulated';
import type { CallerKeypads } from './types';

/** A site's keypad section, or (tests, tools) the line protocol on a transport built elsewhere. */
export type KeypadConfig = KeypadSiteConfig | { driver: 'line'; transport: ByteTransport };

export interface CreatedKeypads {
  keypads?: CallerKeypads;
  /** Present for driver 'simulated': press keys, read the keypads' displays. */
  simulator?: SimulatedKeypads;
  /** The serial link built for driver 'serial', for health displays. */
  transport?: ByteTransport;
}

export function createKeypads(config: KeypadConfig, deps: { serialBinding?: SerialBinding } = {}): CreatedKeypads {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const { keypads, device } = createSimulatedKeypads();
      return { keypads, simulator: device };
    }
    case 'line':
      return { keypads: new LineKeypads(config.transport), transport: config.transport };
    case 'serial': {
      const transport = serialTransportFor(config.serial, KEYPAD_SERIAL_DEFAULTS, deps);
      return { keypads: new LineKeypads(transport), transport };
    }
  }
}

export type { CallerKeypads, KeypadPress, KeypadKey } from './types';
export { KEYPAD_KEYS } from './types';
export type { SimulatedKeypads } from './simulated';
export { keypadConfigSchema, KEYPAD_SERIAL_DEFAULTS, type KeypadSiteConfig } from './config';

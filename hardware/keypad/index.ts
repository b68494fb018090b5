import type { ByteTransport } from '../transports/types';
import { LineKeypads } from './drivers/line-keypad';
import { createSimulatedKeypads, type SimulatedKeypads } from './simulated';
import type { CallerKeypads } from './types';

export type KeypadConfig = { driver: 'none' } | { driver: 'simulated' } | { driver: 'line'; transport: ByteTransport };

export function createKeypads(config: KeypadConfig): { keypads?: CallerKeypads; simulator?: SimulatedKeypads } {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const { keypads, device } = createSimulatedKeypads();
      return { keypads, simulator: device };
    }
    case 'line':
      return { keypads: new LineKeypads(config.transport) };
  }
}

export type { CallerKeypads, KeypadPress, KeypadKey } from './types';
export { KEYPAD_KEYS } from './types';
export type { SimulatedKeypads } from './simulated';

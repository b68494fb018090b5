import type { ByteTransport } from '../transports/types';
import { FramedCounterDisplays } from './drivers/framed';
import { ModbusCounterDisplays } from './drivers/modbus-rtu';
import { createSimulatedCounterDisplays, type DisplayProtocol, type SimulatedCounterDisplays } from './simulated';
import type { CounterDisplays } from './types';

export type CounterDisplayConfig =
  | { driver: 'none' }
  | { driver: 'simulated'; protocol: DisplayProtocol }
  | { driver: 'wired'; protocol: DisplayProtocol; transport: ByteTransport };

export function createCounterDisplays(config: CounterDisplayConfig): { displays?: CounterDisplays; simulator?: SimulatedCounterDisplays } {
  switch (config.driver) {
    case 'none':
      return {};
    case 'simulated': {
      const { displays, device } = createSimulatedCounterDisplays(config.protocol);
      return { displays, simulator: device };
    }
    case 'wired':
      return {
        displays:
          config.protocol.kind === 'framed'
            ? new FramedCounterDisplays(config.transport, config.protocol.format)
            : new ModbusCounterDisplays(config.transport, config.protocol.registers),
      };
  }
}

export type { CounterDisplays, FrameFormat } from './types';
export { DEFAULT_FRAME } from './types';
export type { DisplayProtocol, SimulatedCounterDisplays } from './simulated';

import type { ByteTransport } from '../../transports/types';
import { encodeModbusWrite } from '../frames';
import type { CounterDisplays } from '../types';

/**
 * Modbus-RTU 7-segment modules: the display's slave id is its address.
 * Frames are sent one at a time with the 3.5-character silence Modbus needs
 * between them (about 4 ms at 9600 baud).
 */
export class ModbusCounterDisplays implements CounterDisplays {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: ByteTransport,
    private readonly registers = 4,
    private readonly interFrameMs = 5,
  ) {}

  get state() {
    return this.transport.state;
  }

  show(address: number, text: string): Promise<void> {
    const frame = encodeModbusWrite(address, text, this.registers);
    const next = this.chain.then(async () => {
      await this.transport.write(frame);
      await new Promise((r) => setTimeout(r, this.interFrameMs));
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

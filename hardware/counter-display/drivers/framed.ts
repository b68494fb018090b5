import type { ByteTransport } from '../../transports/types';
import { encodeFrame } from '../frames';
import type { CounterDisplays, FrameFormat } from '../types';

/** Displays that take a vendor's framed ASCII message (format from site config). */
export class FramedCounterDisplays implements CounterDisplays {
  constructor(
    private readonly transport: ByteTransport,
    private readonly format: FrameFormat,
  ) {}

  get state() {
    return this.transport.state;
  }

  show(address: number, text: string): Promise<void> {
    return this.transport.write(encodeFrame(this.format, address, text));
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

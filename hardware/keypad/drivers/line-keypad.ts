import { Listeners } from '../../transports/listeners';
import type { ByteTransport } from '../../transports/types';
import { encodeDisplay, LineSplitter, parsePress } from '../line-protocol';
import type { CallerKeypads, KeypadPress } from '../types';

/** Keypads on a serial (RS-232/RS-485) line speaking the ASCII line protocol. */
export class LineKeypads implements CallerKeypads {
  private readonly presses = new Listeners<[KeypadPress]>();
  private readonly garbage = new Listeners<[string]>();
  private readonly offs: (() => void)[];

  constructor(private readonly transport: ByteTransport) {
    const splitter = new LineSplitter((line) => {
      const press = parsePress(line);
      if (press) this.presses.emit(press);
      else this.garbage.emit(line);
    });
    this.offs = [
      transport.onData((bytes) => splitter.push(bytes)),
      // Half a press from before an unplug would swallow the first whole one after it.
      transport.onState((state) => state !== 'open' && splitter.reset()),
    ];
  }

  get state() {
    return this.transport.state;
  }

  onPress(listener: (press: KeypadPress) => void): () => void {
    return this.presses.add(listener);
  }

  onGarbage(listener: (line: string) => void): () => void {
    return this.garbage.add(listener);
  }

  show(address: number, text: string): Promise<void> {
    return this.transport.write(encodeDisplay(address, text));
  }

  async close(): Promise<void> {
    this.offs.forEach((off) => off());
    await this.transport.close();
  }
}

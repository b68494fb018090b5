import { createMemoryPair } from '../transports/memory';
import type { ByteTransport } from '../transports/types';
import { Listeners } from '../transports/listeners';
import { LineKeypads } from './drivers/line-keypad';
import { encodePress, LineSplitter, parseDisplay } from './line-protocol';
import type { KeypadPress } from './types';

/**
 * The keypads' end of the line: tests and the /devices panel press keys here,
 * the bytes travel through the real driver, and what the host shows on each
 * keypad's display is kept.
 */
export class SimulatedKeypads {
  private readonly displays = new Map<number, string>();
  private readonly changes = new Listeners<[]>();
  private readonly off: () => void;

  constructor(private readonly transport: ByteTransport) {
    const splitter = new LineSplitter((line) => {
      const d = parseDisplay(line);
      if (!d) return;
      this.displays.set(d.address, d.text);
      this.changes.emit();
    });
    this.off = transport.onData((b) => splitter.push(b));
  }

  press(press: KeypadPress): Promise<void> {
    return this.transport.write(encodePress(press));
  }

  /** What each keypad's little display shows, by address. */
  get shown(): ReadonlyMap<number, string> {
    return this.displays;
  }

  onChange(listener: () => void): () => void {
    return this.changes.add(listener);
  }

  detach(): void {
    this.off();
  }
}

export function createSimulatedKeypads(): { keypads: LineKeypads; device: SimulatedKeypads } {
  const pair = createMemoryPair();
  return { keypads: new LineKeypads(pair.a), device: new SimulatedKeypads(pair.b) };
}

import { createMemoryPair } from '../transports/memory';
import { Listeners } from '../transports/listeners';
import type { ByteTransport } from '../transports/types';
import { FramedCounterDisplays } from './drivers/framed';
import { ModbusCounterDisplays } from './drivers/modbus-rtu';
import { decodeFrame, decodeModbusWrite, encodeModbusWriteReply } from './frames';
import { DEFAULT_FRAME, type CounterDisplays, type FrameFormat } from './types';

export type DisplayProtocol = { kind: 'framed'; format: FrameFormat } | { kind: 'modbus-rtu'; registers: number; replyTimeoutMs?: number };

/**
 * The displays' end of the line: decodes every frame the driver sends (so a
 * wrong byte shows up as a bad frame, not as a silently right display) and
 * keeps what each address shows.
 */
export class SimulatedCounterDisplays {
  private readonly shownBy = new Map<number, string>();
  private readonly changes = new Listeners<[]>();
  private buffer: number[] = [];
  badFrames = 0;
  /** Modbus modules switched off or cut from the bus (test control): they neither show nor answer. */
  readonly silent = new Set<number>();
  private readonly off: () => void;

  constructor(
    private readonly transport: ByteTransport,
    private readonly protocol: DisplayProtocol,
  ) {
    this.off = transport.onData((bytes) => this.receive(bytes));
  }

  private receive(bytes: Uint8Array): void {
    this.buffer.push(...bytes);
    for (;;) {
      // Framed lines resynchronise on the start byte after noise or a lost byte.
      if (this.protocol.kind === 'framed') {
        const start = this.protocol.format.start[0];
        const skip = this.buffer.findIndex((b) => b === start);
        if (skip !== 0) {
          this.buffer.splice(0, skip === -1 ? this.buffer.length : skip);
          if (this.buffer.length === 0) return;
        }
      }
      const len = this.frameLength();
      if (len === null || this.buffer.length < len) return;
      const frame = Uint8Array.from(this.buffer.splice(0, len));
      const decoded =
        this.protocol.kind === 'framed'
          ? decodeFrame(this.protocol.format, frame)
          : ((d) => (d ? { address: d.slave, text: d.text } : null))(decodeModbusWrite(frame));
      if (!decoded) {
        this.badFrames++;
        continue;
      }
      if (this.silent.has(decoded.address)) continue;
      this.shownBy.set(decoded.address, decoded.text);
      this.changes.emit();
      // A Modbus module answers every write addressed to it (not a broadcast to 0), as the real ones do.
      if (this.protocol.kind === 'modbus-rtu' && decoded.address !== 0) {
        void this.transport.write(encodeModbusWriteReply(decoded.address, this.protocol.registers)).catch(() => undefined);
      }
    }
  }

  /** Both protocols have fixed-length frames once the header is known. */
  private frameLength(): number | null {
    if (this.protocol.kind === 'modbus-rtu') return this.buffer.length >= 7 ? 9 + this.buffer[5]! * 2 : null;
    const f = this.protocol.format;
    return f.start.length + (f.address === 'ascii2' ? 2 : 1) + f.width + (f.checksum === 'none' ? 0 : 1) + f.end.length;
  }

  get shown(): ReadonlyMap<number, string> {
    return this.shownBy;
  }

  onChange(listener: () => void): () => void {
    return this.changes.add(listener);
  }

  detach(): void {
    this.off();
  }
}

export function createSimulatedCounterDisplays(protocol: DisplayProtocol = { kind: 'framed', format: DEFAULT_FRAME }): {
  displays: CounterDisplays;
  device: SimulatedCounterDisplays;
} {
  const pair = createMemoryPair();
  const displays = protocol.kind === 'framed' ? new FramedCounterDisplays(pair.a, protocol.format) : new ModbusCounterDisplays(pair.a, { registers: protocol.registers, interFrameMs: 0 });
  return { displays, device: new SimulatedCounterDisplays(pair.b, protocol) };
}

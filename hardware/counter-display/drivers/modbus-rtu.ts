import type { ByteTransport } from '../../transports/types';
import { decodeModbusWriteReply, encodeModbusWrite } from '../frames';
import type { CounterDisplays } from '../types';

export interface ModbusDisplayOptions {
  /** Characters per module (one register each). Default 4. */
  registers?: number;
  /**
   * How long to wait for a module's answer before sending the next frame.
   * On a two-wire RS-485 bus the master must not talk while a slave answers,
   * so every write waits for its reply (or this long). Default 200 ms.
   */
  replyTimeoutMs?: number;
  /** The silence Modbus needs between frames (3.5 characters: about 4 ms at 9600 baud). Default 5 ms. */
  interFrameMs?: number;
}

/**
 * Modbus-RTU 7-segment modules: the display's slave id is its address.
 * Frames go one at a time: each waits for its module's reply, then the
 * inter-frame silence. A module that does not answer is remembered so the
 * staff health view can name it; the number is still sent to the others.
 */
export class ModbusCounterDisplays implements CounterDisplays {
  private chain: Promise<void> = Promise.resolve();
  private readonly registers: number;
  private readonly replyTimeoutMs: number;
  private readonly interFrameMs: number;
  private rx: number[] = [];
  private waiting: { slave: number; done: (answered: boolean) => void } | undefined;
  private readonly silent = new Set<number>();
  private readonly off: () => void;

  constructor(
    private readonly transport: ByteTransport,
    options: ModbusDisplayOptions = {},
  ) {
    this.registers = options.registers ?? 4;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 200;
    this.interFrameMs = options.interFrameMs ?? 5;
    this.off = transport.onData((bytes) => this.receive(bytes));
  }

  get state() {
    return this.transport.state;
  }

  /** Addresses whose module did not answer its last frame. */
  unanswered(): number[] {
    return [...this.silent].sort((a, b) => a - b);
  }

  show(address: number, text: string): Promise<void> {
    const frame = encodeModbusWrite(address, text, this.registers);
    const next = this.chain.then(async () => {
      // Listening starts before the write (a module may answer at once); the clock starts once the
      // frame has left, since a write may wait for an unplugged adapter to come back.
      const reply = this.transport.canRead ? this.expectReply(address) : undefined;
      try {
        await this.transport.write(frame);
      } catch (err) {
        this.waiting?.done(false);
        throw err;
      }
      if (!reply || (await reply.arm())) this.silent.delete(address);
      else this.silent.add(address);
      await new Promise((r) => setTimeout(r, this.interFrameMs));
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private expectReply(slave: number): { arm(): Promise<boolean> } {
    this.rx = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        if (timer) clearTimeout(timer);
        if (this.waiting?.done === finish) this.waiting = undefined;
        resolve(ok);
      };
      this.waiting = { slave, done: finish };
    });
    return {
      arm: () => {
        const waiting = this.waiting;
        if (waiting?.slave === slave) timer = setTimeout(() => waiting.done(false), this.replyTimeoutMs);
        return answered;
      },
    };
  }

  private receive(bytes: Uint8Array): void {
    if (!this.waiting) return;
    this.rx.push(...bytes);
    // Resynchronise on the awaited slave's id: a reply from a module that
    // answered late, or line noise, must not be taken for this one's.
    for (;;) {
      const start = this.rx.indexOf(this.waiting.slave);
      if (start === -1) {
        this.rx = [];
        return;
      }
      if (start > 0) this.rx.splice(0, start);
      const reply = decodeModbusWriteReply(this.rx);
      if (reply === 'incomplete') return;
      if (reply === null) {
        this.rx.shift();
        continue;
      }
      // An exception reply is an answer too: the module is there, and says why it refused.
      this.waiting.done(true);
      this.rx = [];
      return;
    }
  }

  close(): Promise<void> {
    this.off();
    this.waiting?.done(false);
    return this.transport.close();
  }
}

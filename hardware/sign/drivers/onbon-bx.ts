import { Listeners } from '../../transports/listeners';
import type { ByteTransport, TransportState } from '../../transports/types';
import {
  BROADCAST_NO_REPLY,
  buildArea,
  CMD,
  decodeReply,
  encodeDynamicArea,
  encodeFrame,
  encodePing,
  HOST_ADDRESS,
  ANY_DEVICE,
  onbonErrorName,
  OnbonFrameReader,
  type AreaLayout,
  type FontRepertoire,
  type OnbonDecodeResult,
  type OnbonReply,
} from '../onbon-frames';
import type { MarqueeSign, SignMessage, SignShowResult, SignStatus } from '../types';

export interface OnbonBxSignOptions {
  id?: string;
  /** The controller's screen address (DstAddr). Default 0x0001, the factory setting; 0xFFFE is "any, and answer". */
  address?: number;
  /** Pixels; the dynamic area covers it all. Default 128×32. */
  screen?: { width: number; height: number };
  /** Dynamic area number. Default 0. */
  areaId?: number;
  /** Header DeviceType. Default 0xFE (any). */
  deviceType?: number;
  /** The characters the card's Chinese font has. Default 'gbk'; 'gb2312' for a card with a GB2312 font (no Traditional-only characters). */
  fontRepertoire?: FontRepertoire;
  /** How long each page stays in static and moving-up modes. Default 5 s. */
  holdSeconds?: number;
  /** Area size limit: 512 (BX-5, default) or 1024 (BX-6). */
  maxAreaBytes?: number;
  /** How long to wait for an ACK/NACK. Default 1000 ms. */
  replyTimeoutMs?: number;
  /** PING the card this often, to notice it going away and coming back. 0: never. Default 5000 ms. */
  pollIntervalMs?: number;
}

/** Bytes one dynamic area holds, by controller model. */
export const ONBON_AREA_BYTES = { 'bx-5': 512, 'bx-6': 1024 } as const;
export type OnbonModel = keyof typeof ONBON_AREA_BYTES;

export const ONBON_DEFAULTS = {
  address: 0x0001,
  screen: { width: 128, height: 32 },
  areaId: 0,
  holdSeconds: 5,
  maxAreaBytes: ONBON_AREA_BYTES['bx-5'],
  replyTimeoutMs: 1000,
  pollIntervalMs: 5000,
} as const;

/** The one dynamic area show() fills, for these options: its size, font and byte budget (shared with signsFit, so a preview checks the same budget). */
export function onbonAreaLayout(o: Pick<OnbonBxSignOptions, 'screen' | 'areaId' | 'holdSeconds' | 'fontRepertoire' | 'maxAreaBytes'> = {}): AreaLayout {
  return {
    screen: o.screen ?? ONBON_DEFAULTS.screen,
    id: o.areaId ?? ONBON_DEFAULTS.areaId,
    holdSeconds: o.holdSeconds ?? ONBON_DEFAULTS.holdSeconds,
    repertoire: o.fontRepertoire ?? 'gbk',
    maxAreaBytes: o.maxAreaBytes ?? ONBON_DEFAULTS.maxAreaBytes,
  };
}

interface Waiter {
  resolve: (reply: OnbonReply | null) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const sameStatus = (a: SignStatus, b: SignStatus) => a.state === b.state && a.link === b.link && a.detail === b.detail;

/**
 * An Onbon BX-5/BX-6 font card (Chinese text in GBK) over any byte
 * transport: RS-232/485 at 9600 or 57600 8N1, or TCP to a network card.
 *
 * Messages go to one dynamic (RAM) area, A3 06, which the card keeps until
 * it loses power — so a card that comes back has forgotten them. When the
 * link can read, every request asks for a reply and a PING goes out every
 * `pollIntervalMs`: an answer makes the sign 'online', silence 'offline', and
 * the change back to 'online' is the caller's cue to show its messages
 * again. On a one-way link nothing is asked and the state is 'unknown'.
 *
 * Replies carry no sequence number, so requests go one at a time.
 */
export class OnbonBxSign implements MarqueeSign {
  readonly id: string;
  private readonly listeners = new Listeners<[SignStatus]>();
  private readonly detachers: Array<() => void> = [];
  private readonly reader: OnbonFrameReader;
  private readonly address: number;
  private readonly replyTimeoutMs: number;
  private readonly expectReplies: boolean;
  private chain: Promise<unknown> = Promise.resolve();
  private waiter: Waiter | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private closed = false;
  private last: SignStatus;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: OnbonBxSignOptions = {},
  ) {
    this.id = options.id ?? 'onbon-sign';
    this.address = options.address ?? ONBON_DEFAULTS.address;
    if (!Number.isInteger(this.address) || this.address < 0 || this.address > 0xffff) throw new RangeError(`Onbon screen address must be 0–0xFFFF, got ${this.address}`);
    const screen = options.screen ?? ONBON_DEFAULTS.screen;
    for (const [k, v] of Object.entries(screen)) {
      if (!Number.isInteger(v) || v <= 0 || v > 0x7fff) throw new RangeError(`Onbon screen ${k} must be a positive pixel count, got ${v}`);
    }
    this.replyTimeoutMs = options.replyTimeoutMs ?? ONBON_DEFAULTS.replyTimeoutMs;
    // Broadcast 1 (0xFFFF) is never answered.
    this.expectReplies = transport.canRead && this.address !== BROADCAST_NO_REPLY;
    this.reader = new OnbonFrameReader((r) => this.onFrame(r));
    this.last = this.linkStatus(transport.state);
    this.detachers.push(transport.onData((bytes) => this.reader.push(bytes)));
    this.detachers.push(transport.onState((state) => this.onTransportState(state)));
    const every = options.pollIntervalMs ?? ONBON_DEFAULTS.pollIntervalMs;
    if (this.expectReplies && every > 0) {
      this.pollTimer = setInterval(() => void this.poll(), every);
      this.pollTimer.unref?.();
    }
    // A link that is already open (memory pair) gets no 'open' event.
    if (transport.state === 'open' && this.expectReplies) void this.poll();
  }

  async show(messages: SignMessage[]): Promise<SignShowResult> {
    if (this.closed) throw new Error(`sign ${this.id} is closed`);
    const layout = onbonAreaLayout(this.options);
    const areaId = layout.id;
    const { area, warnings } = buildArea(messages, layout);
    // Nothing to show: delete the area, which blanks it.
    const data = encodeDynamicArea(
      messages.length === 0
        ? { reply: this.expectReplies, processMode: 0, deleteIds: [areaId], areas: [] }
        : { reply: this.expectReplies, processMode: 0, deleteIds: [], areas: [area] },
    );
    const frame = this.frame(data);
    const reply = await this.request(frame, false);
    const result: SignShowResult = { bytes: frame.length, ...(warnings.length > 0 ? { warnings } : {}) };
    if (reply === undefined) return result;
    if (reply === null) return { ...result, acknowledged: false };
    if (reply.error !== 0) throw new Error(`sign ${this.id} refused the messages: ${onbonErrorName(reply.error)}`);
    return { ...result, acknowledged: true };
  }

  status(): SignStatus {
    return this.last;
  }

  onStatus(listener: (status: SignStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  /** PINGs the card now (when the link can read) and returns the resulting status. */
  async poll(): Promise<SignStatus> {
    if (this.closed || !this.expectReplies || this.polling) return this.last;
    if (this.transport.state !== 'open') {
      this.publish(this.linkStatus(this.transport.state));
      return this.last;
    }
    this.polling = true;
    try {
      // A PING that would wait behind a dead link is worthless: never held for a reconnect.
      await this.request(this.frame(encodePing(true)), true).catch(() => null);
    } finally {
      this.polling = false;
    }
    return this.last;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const off of this.detachers.splice(0)) off();
    this.failWaiter();
    this.listeners.clear();
    await this.transport.close();
  }

  private frame(data: Uint8Array): Uint8Array {
    return encodeFrame({ dst: this.address, src: HOST_ADDRESS, deviceType: this.options.deviceType ?? ANY_DEVICE, data });
  }

  /**
   * Writes one request and, when replies are expected, waits for it:
   * undefined when no reply was asked for, null when none came.
   */
  private request(frame: Uint8Array, noWait: boolean): Promise<OnbonReply | null | undefined> {
    const run = this.chain.then(async () => {
      if (!this.expectReplies) {
        await this.transport.write(frame, { noWait });
        return undefined;
      }
      let waiter!: Waiter;
      const replied = new Promise<OnbonReply | null>((resolve) => {
        waiter = { resolve, timer: undefined };
      });
      this.waiter = waiter;
      try {
        await this.transport.write(frame, { noWait });
      } catch (err) {
        if (this.waiter === waiter) this.waiter = undefined;
        throw err;
      }
      // The clock starts once the frame has left (it may wait for a reconnect first).
      if (this.waiter === waiter) {
        waiter.timer = setTimeout(() => {
          if (this.waiter === waiter) this.waiter = undefined;
          waiter.resolve(null);
        }, this.replyTimeoutMs);
      }
      const reply = await replied;
      if (reply) {
        this.publish({ state: 'online', link: this.transport.state, ...(reply.error !== 0 ? { detail: `last request refused: ${onbonErrorName(reply.error)}` } : {}) });
      } else {
        const link = this.transport.state;
        this.publish(link === 'open' ? { state: 'offline', link, detail: 'no reply from the sign' } : this.linkStatus(link));
      }
      return reply;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private onFrame(result: OnbonDecodeResult): void {
    if (!result.ok) return; // noise or a damaged reply: the request times out
    const { header, data } = result.frame;
    if (header.dst !== HOST_ADDRESS) return; // another host's reply on a shared bus
    const reply = decodeReply(data);
    if (!reply || reply.group !== CMD.ack[0]) return;
    const w = this.waiter;
    if (!w) return; // late: its request already timed out
    this.waiter = undefined;
    if (w.timer) clearTimeout(w.timer);
    w.resolve(reply);
  }

  private failWaiter(): void {
    const w = this.waiter;
    this.waiter = undefined;
    if (w?.timer) clearTimeout(w.timer);
    w?.resolve(null);
  }

  private linkStatus(link: TransportState): SignStatus {
    if (link !== 'open') return { state: 'offline', link, detail: `transport ${link}` };
    if (!this.transport.canRead) return { state: 'unknown', link, detail: 'one-way link: the sign cannot answer' };
    if (this.address === BROADCAST_NO_REPLY) return { state: 'unknown', link, detail: 'broadcast address 0xFFFF: the sign does not answer' };
    return { state: 'unknown', link, detail: 'not asked yet' };
  }

  private onTransportState(state: TransportState): void {
    if (this.closed) return;
    if (state === 'open') {
      this.reader.reset();
      if (this.expectReplies) void this.poll();
      else this.publish(this.linkStatus(state));
      return;
    }
    // A reply cannot come over a dead link; losing it is news now, not at the next poll.
    this.failWaiter();
    this.publish(this.linkStatus(state));
  }

  private publish(status: SignStatus): void {
    if (this.closed || sameStatus(this.last, status)) return;
    this.last = status;
    this.listeners.emit(status);
  }
}

import { Listeners } from '../transports/listeners';
import { createMemoryPair, type MemoryPair } from '../transports/memory';
import { DEFAULT_WRITE_TIMEOUT_MS } from '../transports/reconnecting';
import type { ByteTransport } from '../transports/types';
import { AlphaPacketReader, effectForAlphaMode, type AlphaDecodeResult } from './alpha-frames';
import { AlphaSign, type AlphaSignOptions } from './drivers/alpha';
import { OnbonBxSign, type OnbonBxSignOptions } from './drivers/onbon-bx';
import {
  BROADCAST_NO_REPLY,
  BROADCAST_REPLY,
  CMD,
  decodeDynamicArea,
  encodeAck,
  encodeFrame,
  messagesFromArea,
  OnbonFrameReader,
  type OnbonDecodeResult,
  type OnbonFrame,
} from './onbon-frames';
import type { SignColor, SignEffect, SignSpeed } from './types';

export type SignProtocol = 'alpha' | 'onbon-bx';

/** One message as the sign shows it. `speed` and `color` appear when the frame set them. */
export interface ShownMessage {
  text: string;
  effect: SignEffect;
  speed?: SignSpeed;
  color?: SignColor;
}

export interface SignSnapshot {
  protocol: SignProtocol;
  /** What the sign shows now, in the order it cycles through them; empty when blank or switched off. */
  messages: ShownMessage[];
  /** Epoch ms (injected clock) of the last good frame, null before the first. */
  lastFrameAt: number | null;
  /** Good frames decoded (including ones for other addresses). */
  frames: number;
  /** Frames that failed to decode (bad CRC, bad escape, cut off, malformed): never shown. */
  badFrames: number;
  /** Switched off with setOffline(true). */
  offline: boolean;
}

export interface SimulatedSignDeviceOptions {
  protocol: SignProtocol;
  /** Onbon screen address it answers to (besides the broadcasts). Default 1. */
  address?: number;
  /** Alpha: the address it answers to besides "00". Default "01". */
  alphaAddress?: string;
  /** Alpha: its own type code, answered besides 'Z' (all signs). Default 'Z'. */
  alphaTypeCode?: string;
  /** Same shape as the core's Clock. */
  clock?: { now(): number };
}

/**
 * A marquee sign on the far end of a byte transport: it decodes every frame
 * it is sent, keeps what it would show, answers an Onbon controller's way
 * (ACK, NACK 05 on a bad CRC, NACK 02 on an unknown command), and can be
 * switched off.
 *
 * Like the hardware, an Onbon card forgets its dynamic areas when it loses
 * power; an Alpha sign keeps its TEXT files in memory.
 */
export class SimulatedSignDevice {
  readonly protocol: SignProtocol;
  private readonly clock: { now(): number };
  private readonly changes = new Listeners<[SignSnapshot]>();
  private readonly off: () => void;
  private readonly onbonReader: OnbonFrameReader | undefined;
  private readonly alphaReader: AlphaPacketReader | undefined;
  private readonly address: number;
  private readonly alphaAddress: string;
  private readonly alphaTypeCode: string;
  /** Alpha: TEXT files by label. Onbon: dynamic areas by id. */
  private readonly alphaFiles = new Map<string, ShownMessage[]>();
  private readonly onbonAreas = new Map<number, ShownMessage[]>();
  private lastFrameAt: number | null = null;
  private frames = 0;
  private bad = 0;
  private replies = 0;
  private isOffline = false;

  constructor(
    private readonly transport: ByteTransport,
    options: SimulatedSignDeviceOptions,
  ) {
    this.protocol = options.protocol;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.address = options.address ?? 1;
    this.alphaAddress = (options.alphaAddress ?? '01').toUpperCase();
    this.alphaTypeCode = options.alphaTypeCode ?? 'Z';
    if (this.protocol === 'onbon-bx') this.onbonReader = new OnbonFrameReader((r) => this.onOnbon(r));
    else this.alphaReader = new AlphaPacketReader((r) => this.onAlpha(r));
    this.off = transport.onData((bytes) => {
      // Switched off: bytes on the wire go nowhere.
      if (this.isOffline) return;
      this.onbonReader?.push(bytes);
      this.alphaReader?.push(bytes);
    });
  }

  get snapshot(): SignSnapshot {
    const shown = this.isOffline
      ? []
      : this.protocol === 'alpha'
        ? [...this.alphaFiles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, m]) => m)
        : [...this.onbonAreas.entries()].sort(([a], [b]) => a - b).flatMap(([, m]) => m);
    return {
      protocol: this.protocol,
      messages: shown.map((m) => ({ ...m })),
      lastFrameAt: this.lastFrameAt,
      frames: this.frames,
      badFrames: this.bad,
      offline: this.isOffline,
    };
  }

  /** Replies sent (Onbon ACK/NACK). */
  get repliesSent(): number {
    return this.replies;
  }

  get offline(): boolean {
    return this.isOffline;
  }

  /**
   * Switches the sign off (true: drops everything, answers nothing, shows
   * nothing) or back on (false: half-received frames are gone; an Onbon card
   * comes back blank, an Alpha sign with its stored files).
   */
  setOffline(offline: boolean): void {
    if (offline === this.isOffline) return;
    this.isOffline = offline;
    this.onbonReader?.reset();
    this.alphaReader?.reset();
    if (!offline) this.onbonAreas.clear();
    this.emit();
  }

  onChange(listener: (snapshot: SignSnapshot) => void): () => void {
    return this.changes.add(listener);
  }

  /** Stop listening to the transport (the transport belongs to the caller). */
  detach(): void {
    this.off();
  }

  private emit(): void {
    if (this.changes.size > 0) this.changes.emit(this.snapshot);
  }

  private good(): void {
    this.frames += 1;
    this.lastFrameAt = this.clock.now();
  }

  private badFrame(): void {
    this.bad += 1;
    this.emit();
  }

  // ---- Alpha ----

  private onAlpha(result: AlphaDecodeResult): void {
    if (!result.ok) {
      this.badFrame();
      return;
    }
    this.good();
    const { typeCode, address, commands } = result.packet;
    const forMe = (typeCode === 'Z' || typeCode === this.alphaTypeCode) && (address === '00' || address.toUpperCase() === this.alphaAddress);
    if (forMe) {
      for (const cmd of commands) {
        if (cmd.code !== 'A' || !('pages' in cmd)) continue; // other commands change nothing shown here
        this.alphaFiles.set(
          cmd.label,
          cmd.pages.map((p) => ({
            text: p.text,
            effect: effectForAlphaMode(p.mode),
            ...(p.speed !== undefined ? { speed: p.speed } : {}),
            ...(p.color !== undefined ? { color: p.color } : {}),
          })),
        );
      }
    }
    this.emit();
  }

  // ---- Onbon ----

  private answersTo(dst: number): boolean {
    // 0x8000–0xDFFF: reserved for links (TCP, GPRS) where the address is not used.
    return dst === this.address || dst === BROADCAST_REPLY || dst === BROADCAST_NO_REPLY || (dst >= 0x8000 && dst <= 0xdfff);
  }

  private reply(request: { dst: number; src: number }, error: number): void {
    if (request.dst === BROADCAST_NO_REPLY) return;
    const frame = encodeFrame({ dst: request.src, src: request.dst === BROADCAST_REPLY ? BROADCAST_REPLY : this.address, data: encodeAck(error) });
    this.replies += 1;
    // A sign does not keep replies for a cable that is not there.
    this.transport.write(frame, { noWait: true }).catch(() => undefined);
  }

  private onOnbon(result: OnbonDecodeResult): void {
    if (!result.ok) {
      // A card answers a frame it could read the header of but whose CRC fails with NACK ERR_CHECKSUM (§7.2 example 5).
      const h = result.header;
      if (result.reason === 'bad-crc' && h && this.answersTo(h.dst)) this.reply({ dst: h.dst, src: h.src }, 5);
      this.badFrame();
      return;
    }
    this.good();
    this.handleOnbon(result.frame);
    this.emit();
  }

  private handleOnbon(frame: OnbonFrame): void {
    const { header, data } = frame;
    if (!this.answersTo(header.dst)) return;
    const wantsReply = data[2] === 0x01;
    const answer = (error: number) => {
      if (wantsReply) this.reply(header, error);
    };
    if (data[0] === CMD.ping[0] && data[1] === CMD.ping[1]) {
      answer(0);
      return;
    }
    if (data[0] === CMD.dynamicArea[0] && data[1] === CMD.dynamicArea[1]) {
      const cmd = decodeDynamicArea(data);
      if (!cmd) {
        // Well framed, badly formed: counted as bad and refused.
        this.bad += 1;
        answer(2);
        return;
      }
      if (cmd.deleteIds === 'all') this.onbonAreas.clear();
      else for (const id of cmd.deleteIds) this.onbonAreas.delete(id);
      for (const area of cmd.areas) this.onbonAreas.set(area.id, messagesFromArea(area));
      answer(0);
      return;
    }
    if (data[0] === CMD.ack[0]) return; // another device's reply
    answer(2); // ERR_NOCMD: not simulated
  }
}

export interface CreateSimulatedSignOptions {
  protocol: SignProtocol;
  /** Driver options for the protocol's real driver (short timeouts by default). */
  alpha?: AlphaSignOptions;
  onbon?: OnbonBxSignOptions;
  clock?: { now(): number };
  /** Split what the driver writes into slices of this size on the way to the sign. */
  maxChunk?: number;
  /** A one-way line: the driver hears nothing back. */
  oneWay?: boolean;
  /** How long show() waits for a pulled cable to come back. Default 3000 ms. */
  writeTimeoutMs?: number;
}

export interface SimulatedSign {
  /** The real driver; its bytes are what the device decodes. */
  sign: AlphaSign | OnbonBxSign;
  device: SimulatedSignDevice;
  /** The memory link between them, to pull the cable in tests. */
  link: MemoryPair;
}

/** The protocol's real driver wired to a simulated sign through a memory pair. */
export function createSimulatedSign(options: CreateSimulatedSignOptions): SimulatedSign {
  const link = createMemoryPair({
    ...(options.maxChunk !== undefined ? { maxChunk: options.maxChunk } : {}),
    ...(options.oneWay ? { aCanRead: false } : {}),
    writeTimeoutMs: { a: options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS, b: 0 },
  });
  const alphaAddress = options.alpha?.address;
  const device = new SimulatedSignDevice(link.b, {
    protocol: options.protocol,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onbon?.address !== undefined ? { address: options.onbon.address } : {}),
    ...(alphaAddress !== undefined ? { alphaAddress: typeof alphaAddress === 'number' ? alphaAddress.toString(16).padStart(2, '0') : alphaAddress } : {}),
    ...(options.alpha?.typeCode !== undefined ? { alphaTypeCode: options.alpha.typeCode } : {}),
  });
  const sign =
    options.protocol === 'alpha'
      ? new AlphaSign(link.a, { id: 'sim-sign', ...options.alpha })
      : new OnbonBxSign(link.a, { id: 'sim-sign', replyTimeoutMs: 250, pollIntervalMs: 1000, ...options.onbon });
  return { sign, device, link };
}


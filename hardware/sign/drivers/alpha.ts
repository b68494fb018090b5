import { Listeners } from '../../transports/listeners';
import type { ByteTransport, TransportState } from '../../transports/types';
import { encodeAlphaShow, type AlphaPosition } from '../alpha-frames';
import type { MarqueeSign, SignMessage, SignShowResult, SignStatus } from '../types';

export interface AlphaSignOptions {
  id?: string;
  /** Type code; 'Z' (default) addresses every sign type. */
  typeCode?: string;
  /** Sign address, 0–255 or two hex digits; 0 / "00" (default) is every sign on the line. */
  address?: number | string;
  /** TEXT file the messages are written to. Default 'A'. */
  fileLabel?: string;
  /** Default 'middle'. */
  position?: AlphaPosition;
}

function addressHex(address: number | string | undefined): string {
  if (address === undefined) return '00';
  if (typeof address === 'number') {
    if (!Number.isInteger(address) || address < 0 || address > 0xff) throw new RangeError(`Alpha sign address must be 0–255, got ${address}`);
    return address.toString(16).toUpperCase().padStart(2, '0');
  }
  return address;
}

const sameStatus = (a: SignStatus, b: SignStatus) => a.state === b.state && a.link === b.link && a.detail === b.detail;

/**
 * An Alpha-protocol sign (Latin text) over any byte transport, usually a
 * serial line. Alpha signs do not acknowledge a TEXT write, so with the link
 * up the state is 'unknown'; a pulled link (USB-serial adapter gone) is
 * 'offline', and its return is a change out of 'offline' — the moment to
 * send the messages again.
 */
export class AlphaSign implements MarqueeSign {
  readonly id: string;
  private readonly listeners = new Listeners<[SignStatus]>();
  private readonly off: () => void;
  private last: SignStatus;
  private closed = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: AlphaSignOptions = {},
  ) {
    this.id = options.id ?? 'alpha-sign';
    // Fail now on a bad address or label, not at the first show().
    encodeAlphaShow([], this.frameOptions());
    this.last = this.statusFor(transport.state);
    this.off = transport.onState((state) => this.publish(this.statusFor(state)));
  }

  async show(messages: SignMessage[]): Promise<SignShowResult> {
    if (this.closed) throw new Error(`sign ${this.id} is closed`);
    const { bytes, warnings } = encodeAlphaShow(messages, this.frameOptions());
    await this.transport.write(bytes);
    return warnings.length > 0 ? { bytes: bytes.length, warnings } : { bytes: bytes.length };
  }

  status(): SignStatus {
    return this.last;
  }

  onStatus(listener: (status: SignStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.off();
    this.listeners.clear();
    await this.transport.close();
  }

  private frameOptions() {
    const o = this.options;
    return {
      address: addressHex(o.address),
      ...(o.typeCode !== undefined ? { typeCode: o.typeCode } : {}),
      ...(o.fileLabel !== undefined ? { fileLabel: o.fileLabel } : {}),
      ...(o.position !== undefined ? { position: o.position } : {}),
    };
  }

  private statusFor(link: TransportState): SignStatus {
    if (link === 'open') return { state: 'unknown', link, detail: 'Alpha signs do not acknowledge writes' };
    return { state: 'offline', link, detail: `transport ${link}` };
  }

  private publish(status: SignStatus): void {
    if (this.closed || sameStatus(this.last, status)) return;
    this.last = status;
    this.listeners.emit(status);
  }
}

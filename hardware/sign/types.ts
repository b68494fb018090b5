/**
 * The LED marquee sign (跑馬燈) interface. Knows messages and how they move,
 * nothing of courts or queues: the core decides what the lobby sign says and
 * hands it over as a list of messages the sign cycles through.
 */
import type { TransportState } from '../transports/types';

export type { TransportState };

/**
 * How a message enters and stays on the sign. The names follow the Alpha
 * protocol's vocabulary (PROTOCOLS.md, "LED signs"):
 *
 * - `rotate`: the text travels from right to left across the sign — the
 *   classic 跑馬燈 marquee (Alpha `a`; Onbon 0x03 向左移动).
 * - `scroll`: the text is pushed up from the bottom line (Alpha `m`; Onbon
 *   0x05 向上移动). Vertical, not the horizontal marquee.
 * - `hold`: stationary (Alpha `b`; Onbon 0x01 静止显示).
 * - `flash`: stationary and flashing (Alpha `c`; Onbon has none: shown held,
 *   with a warning).
 * - `wipe`: revealed from left to right (Alpha `l`; Onbon 0x02 快速打出,
 *   "typed out" character by character, the nearest it has).
 * - `auto`: the sign picks (Alpha `o`); Onbon has no such mode and rotates.
 */
export type SignEffect = 'scroll' | 'hold' | 'flash' | 'rotate' | 'wipe' | 'auto';

/**
 * 1 slowest … 5 fastest (the Alpha speeds). Absent: 3 on Onbon (where one
 * area has one speed: the first message's); on Alpha the sign's own default,
 * or 3 when another message in the same show() sets a speed.
 */
export type SignSpeed = 1 | 2 | 3 | 4 | 5;

/**
 * 'auto': the sign's default. A colour holds until changed, so once one
 * message in a show() has a colour, the others are restated: Alpha AUTOCOLOR,
 * Onbon red. Amber is Onbon's yellow (\C3).
 */
export type SignColor = 'red' | 'green' | 'amber' | 'auto';

export interface SignMessage {
  text: string;
  effect: SignEffect;
  speed?: SignSpeed;
  color?: SignColor;
}

/**
 * - `online`: the sign answered recently.
 * - `offline`: the link is down, or the sign stopped answering.
 * - `unknown`: the link is up but the sign cannot answer (a one-way line, or
 *   a protocol that never replies, like Alpha writes) — or it has not been
 *   asked yet.
 */
export type SignState = 'online' | 'offline' | 'unknown';

export interface SignStatus {
  state: SignState;
  /** The link to the sign: 'disconnected' is a pulled cable, as opposed to 'open' with state 'offline' (the sign itself is off). */
  link: TransportState;
  detail?: string;
}

/**
 * Something the sign cannot show as asked. Never silent: the core logs it
 * (a Chinese name on a Latin-only Alpha sign is a real case).
 *
 * - replaced-char: not in the sign's character set; `replacement` is shown instead.
 * - effect-substituted: the protocol has no such effect; `replacement` names the one used.
 * - effects-merged: the sign shows all messages in one area with one effect
 *   (Onbon); this message's own effect was not used.
 * - text-truncated: the messages did not fit in one frame; the rest was cut.
 */
export interface SignWarning {
  code: 'replaced-char' | 'effect-substituted' | 'effects-merged' | 'text-truncated';
  /** Index into the messages passed to show(). */
  messageIndex: number;
  /** The offending character, for replaced-char. */
  char?: string;
  /** What is shown instead: a character for replaced-char, an effect for effect-substituted/effects-merged. */
  replacement?: string;
  message: string;
}

export interface SignShowResult {
  /** Bytes written to the link. */
  bytes: number;
  /** Absent when the messages are shown exactly as given. */
  warnings?: SignWarning[];
  /**
   * On a sign that answers: true when it acknowledged the frame, false when
   * no answer came (the status is then 'offline'; send again when it is back).
   * Absent when the sign cannot answer.
   */
  acknowledged?: boolean;
}

export interface MarqueeSign {
  readonly id: string;
  /**
   * Replaces what the sign shows with these messages, cycled in order. An
   * empty list blanks the sign. Resolves once the sign has the frame (and, on
   * a sign that answers, has acknowledged it); rejects when the link is down
   * past the transport's write timeout, or the sign refuses the frame.
   */
  show(messages: SignMessage[]): Promise<SignShowResult>;
  /** The status last seen, without asking the sign. */
  status(): SignStatus;
  /**
   * Status changes. A sign coming back (state leaving 'offline') has lost or
   * may have lost what it showed: the caller sends the current messages again.
   */
  onStatus(listener: (status: SignStatus) => void): () => void;
  close(): Promise<void>;
}

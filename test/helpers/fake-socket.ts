import type { WebSocketLike } from '../../renderer/client/live';

/**
 * A WebSocket the test drives by hand: pass the class itself as a LiveClient's
 * `WebSocket`. Every socket made is kept in `FakeSocket.all` (newest last;
 * reset it with `FakeSocket.all = []`); what the client sent is in `sent`.
 */
export class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  /** The socket made last, or null if none yet. */
  static get last(): FakeSocket | null {
    return FakeSocket.all.at(-1) ?? null;
  }
  readyState = 0;
  sent: string[] = [];
  /** The client closed this socket. */
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }

  // test controls

  /** The server accepts the connection. */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The server sends `msg` (as JSON). */
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  /** The connection drops (not closed by the client). */
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  /** Everything the client sent, parsed. */
  messages(): { type: string; topics?: string[]; screen?: string; path?: string }[] {
    return this.sent.map((s) => JSON.parse(s) as { type: string });
  }
  /** The topics of the first message sent (the subscribe), if any. */
  subscribedTo(): unknown {
    const first = this.sent[0];
    return first ? (JSON.parse(first) as { topics: unknown }).topics : undefined;
  }
}

/** LiveClient options that keep it from setting timers or sending heartbeats. */
export const noTimers = { setTimer: () => 0, clearTimer: () => undefined, heartbeatMs: 0 };

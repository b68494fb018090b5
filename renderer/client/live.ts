/**
 * The live client: one WebSocket per screen. Subscribes to topics, receives full
 * snapshots (each replaces the last one whole), reconnects with back-off and
 * resubscribes. Pure: the WebSocket constructor and timers are injectable.
 */
import { LIVE_PATH, liveStoppedSchema, TOPIC_SCHEMAS, type ClientMessage, type LiveStopped, type Topic, type TopicData } from '../../core/contract';

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser WebSocket this client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

const WS_OPEN = 1;

export type Snapshot<T extends Topic = Topic> = { topic: T; version: number; data: TopicData[T] };

export interface LiveClientOptions {
  url: string;
  topics: readonly Topic[];
  onSnapshot: <T extends Topic>(snap: Snapshot<T>) => void;
  onStatus?: (status: ConnectionStatus) => void;
  WebSocket?: WebSocketCtor;
  /** First reconnect delay; doubles up to maxDelayMs (then ±20 % jitter). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** 0..1 source for jitter; defaults to Math.random. */
  random?: () => number;
  /**
   * Send a ping this often while open (0 disables). A connection silent for 1.75× this long
   * (no pong, no snapshot) is dropped and reopened: a frozen server sends no close.
   */
  heartbeatMs?: number;
  /** A socket not open after this long is dropped and tried again (a frozen server accepts and never answers). */
  connectTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  log?: (msg: string) => void;
  /** The server refused something (e.g. a staff topic without a signed-in session). */
  onServerError?: (message: string) => void;
  /**
   * The server took topics from this socket (signed out, session expired, role removed,
   * kiosk revoked). They are dropped from this client too, so a reconnect does not ask again.
   */
  onStopped?: (stopped: LiveStopped) => void;
  /**
   * The Electron kiosk window's credential, said on the socket before subscribing (a
   * WebSocket cannot send its header); null in a browser, whose cookie does the same.
   */
  kioskCredential?: () => Promise<string | null>;
  /** Said once each time the socket opens, so staff see this screen (and miss it) in the health view. */
  hello?: { screen: string; path: string };
}

/** ws:// or wss:// on the page's own host. */
export function liveUrl(loc: { protocol: string; host: string } = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${LIVE_PATH}`;
}

/**
 * What a page says it is on the live socket: the screen it was routed to and
 * its path. A path the server would refuse, and a phone page's ticket token,
 * are left out (the screen's own path stands in). Undefined without a screen.
 */
export function helloFor(screen: string | undefined, pathname: string | undefined): { screen: string; path: string } | undefined {
  if (!screen || !/^[a-z]{2,20}$/.test(screen)) return undefined;
  const path = pathname ?? '';
  const ok = screen !== 'phone' && path.length <= 120 && /^\/[A-Za-z0-9/_-]*$/.test(path);
  return { screen, path: ok ? path : `/${screen}` };
}

/**
 * The wait before reconnect attempt `attempt` (0-based): `initial` doubling to `max`, ±20 %
 * jitter so a room of boards does not knock at the same instant. Capped low: a board must
 * be back within ~2 s of the server's return, and a refused connection costs the server little.
 */
export function backoffDelay(attempt: number, initial: number, max: number, random: () => number): number {
  const exp = Math.min(max, initial * 2 ** Math.max(0, attempt));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

/** Defaults: back-off 250 ms → 1.5 s (±20 %), a ping every 2 s, silence past 3.5 s drops the socket. */
export const LIVE_DEFAULTS = { initialDelayMs: 250, maxDelayMs: 1500, heartbeatMs: 2000, connectTimeoutMs: 3000 } as const;
/** How long without any message (a pong answers each ping) before the connection is taken as dead, in heartbeats. */
const SILENT_HEARTBEATS = 1.75;

export class LiveClient {
  private ws: WebSocketLike | null = null;
  private status: ConnectionStatus = 'idle';
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private connectTimer: unknown = null;
  private lastMessageAt = 0;
  private lastPingAt = 0;
  private stopped = true;
  private readonly versions = new Map<Topic, number>();
  private topics: readonly Topic[];
  /** Topics added by addTopics: kept across reopen(). */
  private readonly sticky = new Set<Topic>();
  private readonly o: Required<Omit<LiveClientOptions, 'onStatus' | 'log' | 'onServerError' | 'onStopped' | 'hello' | 'kioskCredential'>> &
    Pick<LiveClientOptions, 'onStatus' | 'log' | 'onServerError' | 'onStopped' | 'hello' | 'kioskCredential'>;

  constructor(options: LiveClientOptions) {
    this.o = {
      WebSocket: (globalThis as unknown as { WebSocket: WebSocketCtor }).WebSocket,
      ...LIVE_DEFAULTS,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      ...options,
    };
    this.topics = [...options.topics];
  }

  /** The topics this client subscribes to (on every (re)connection). */
  get subscribed(): readonly Topic[] {
    return this.topics;
  }

  get connection(): ConnectionStatus {
    return this.status;
  }

  /** The version of the last snapshot applied for `topic` on this connection. */
  versionOf(topic: Topic): number | undefined {
    return this.versions.get(topic);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /**
   * Drop the current socket and open a new one at once, subscribing to `topics`.
   * The server reads the session cookie when the socket opens, so a screen
   * calls this after signing in or out to (un)lock staff topics.
   */
  reopen(topics: readonly Topic[] = this.topics): void {
    this.topics = [...new Set([...topics, ...this.sticky])];
    if (this.stopped) return;
    this.drop('reopen');
    this.attempt = 0;
    this.versions.clear();
    this.connect();
  }

  /**
   * Follow more topics on this socket, now and after every reconnect and
   * reopen (a component that needs a public topic, e.g. the marquee band or
   * the emergency overlay, adds it to its screen's one socket).
   */
  addTopics(topics: readonly Topic[]): void {
    const fresh = topics.filter((t) => !this.topics.includes(t));
    for (const t of topics) this.sticky.add(t);
    if (fresh.length === 0) return;
    this.topics = [...this.topics, ...fresh];
    const ws = this.ws;
    if (ws && this.status === 'open' && ws.readyState === WS_OPEN) {
      const msg: ClientMessage = { type: 'subscribe', topics: fresh };
      ws.send(JSON.stringify(msg));
    }
  }

  stop(): void {
    this.stopped = true;
    this.drop('bye');
    this.setStatus('closed');
  }

  /** Close the socket quietly: its handlers go first, so its close starts no reconnect. */
  private drop(reason: string): void {
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(1000, reason);
    } catch {
      /* already closed */
    }
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.o.onStatus?.(s);
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) this.o.clearTimer(this.reconnectTimer);
    if (this.heartbeatTimer !== null) this.o.clearTimer(this.heartbeatTimer);
    if (this.connectTimer !== null) this.o.clearTimer(this.connectTimer);
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
    this.connectTimer = null;
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus(this.status === 'reconnecting' ? 'reconnecting' : 'connecting');
    let ws: WebSocketLike;
    try {
      ws = new this.o.WebSocket(this.o.url);
    } catch (err) {
      this.o.log?.(`live: cannot open ${this.o.url}: ${String(err)}`);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    if (this.o.connectTimeoutMs) {
      this.connectTimer = this.o.setTimer(() => {
        this.connectTimer = null;
        if (this.ws !== ws) return;
        this.o.log?.('live: no answer while connecting, trying again');
        this.abandon(ws, 'connect timeout');
      }, this.o.connectTimeoutMs);
    }
    const opened = (credential: string | null) => {
      if (this.ws !== ws) return;
      if (credential) {
        const kiosk: ClientMessage = { type: 'kiosk', credential };
        ws.send(JSON.stringify(kiosk));
      }
      const msg: ClientMessage = { type: 'subscribe', topics: [...this.topics] };
      ws.send(JSON.stringify(msg));
      if (this.o.hello) {
        const hello: ClientMessage = { type: 'hello', screen: this.o.hello.screen, path: this.o.hello.path };
        ws.send(JSON.stringify(hello));
      }
      this.setStatus('open');
      this.scheduleHeartbeat();
    };
    ws.onopen = () => {
      if (this.ws !== ws) return;
      if (this.connectTimer !== null) this.o.clearTimer(this.connectTimer);
      this.connectTimer = null;
      this.attempt = 0;
      this.versions.clear();
      this.lastMessageAt = this.o.now();
      const credential = this.o.kioskCredential;
      if (!credential) return opened(null);
      void credential().then(opened, () => opened(null));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastMessageAt = this.o.now();
      this.handleMessage(ev.data);
    };
    ws.onerror = () => {
      /* onclose follows */
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.clearTimers();
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt, this.o.initialDelayMs, this.o.maxDelayMs, this.o.random);
    this.attempt += 1;
    this.reconnectTimer = this.o.setTimer(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  /** Close a socket without waiting for its close event (a frozen server sends none) and reconnect. */
  private abandon(ws: WebSocketLike, reason: string): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (this.ws === ws) this.ws = null;
    try {
      ws.close(4000, reason);
    } catch {
      /* ignore */
    }
    this.scheduleReconnect();
  }

  /**
   * Checks four times a heartbeat, pings once a heartbeat: a silent server is noticed within
   * SILENT_HEARTBEATS (+¼) heartbeats of its last word, not a whole extra period later.
   */
  private scheduleHeartbeat(): void {
    if (!this.o.heartbeatMs) return;
    const step = this.o.heartbeatMs / 4;
    this.lastPingAt = this.o.now();
    const tick = () => {
      this.heartbeatTimer = null;
      const ws = this.ws;
      if (!ws || this.stopped) return;
      const now = this.o.now();
      if (now - this.lastMessageAt > this.o.heartbeatMs * SILENT_HEARTBEATS) {
        this.o.log?.('live: connection silent, reconnecting');
        this.abandon(ws, 'heartbeat timeout');
        return;
      }
      if (now - this.lastPingAt >= this.o.heartbeatMs && ws.readyState === WS_OPEN) {
        this.lastPingAt = now;
        const ping: ClientMessage = { type: 'ping' };
        ws.send(JSON.stringify(ping));
      }
      this.heartbeatTimer = this.o.setTimer(tick, step);
    };
    this.heartbeatTimer = this.o.setTimer(tick, step);
  }

  private handleMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      this.o.log?.('live: message is not JSON');
      return;
    }
    if (!msg || typeof msg !== 'object' || !('type' in msg)) return;
    const m = msg as { type: string; topic?: unknown; version?: unknown; data?: unknown; message?: unknown };
    if (m.type === 'error') {
      this.o.log?.(`live: server error: ${String(m.message)}`);
      this.o.onServerError?.(String(m.message));
      return;
    }
    if (m.type === 'stopped') {
      const stopped = liveStoppedSchema.safeParse(msg);
      if (!stopped.success) return;
      this.o.log?.(`live: ${stopped.data.message}`);
      this.topics = this.topics.filter((t) => !stopped.data.topics.includes(t));
      for (const t of stopped.data.topics) {
        this.sticky.delete(t);
        this.versions.delete(t);
      }
      this.o.onStopped?.(stopped.data);
      return;
    }
    if (m.type !== 'snapshot') return;
    const topic = m.topic as Topic;
    if (!this.topics.includes(topic) || !Object.hasOwn(TOPIC_SCHEMAS, topic)) return;
    const version = typeof m.version === 'number' ? m.version : 0;
    const last = this.versions.get(topic);
    if (last !== undefined && version < last) return; // stale on this connection
    const parsed = TOPIC_SCHEMAS[topic].safeParse(m.data);
    if (!parsed.success) {
      this.o.log?.(`live: snapshot for ${topic} does not match the contract`);
      return;
    }
    this.versions.set(topic, version);
    this.o.onSnapshot({ topic, version, data: parsed.data } as Snapshot);
  }
}

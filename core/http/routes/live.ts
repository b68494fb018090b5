import type { FastifyInstance } from 'fastify';
import { clientMessageSchema, LIVE_CLOSE, LIVE_PATH, ratingCounterOf, type LiveStopReason, type ServerMessage, type Topic } from '../../contract';
import { sessionToken } from '../auth';
import { kioskToken } from '../kiosk-auth';
import { isLoopback } from '../../config/network';
import { isPublicTopic, refusalMessage, stopMessage, topicVerdicts, whyNotFollow, type LiveHolder } from '../topic-access';
import type { LiveClient } from '../../live/hub';
import type { HttpServices } from '../services';

const MAX_MESSAGE_BYTES = 4096;

/**
 * A socket whose unread output passes this is a slow (or hostile) reader: it is closed, not
 * queued for without end. A screen that merely lagged reconnects and gets every topic's
 * snapshot again, so nothing it needs is lost.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Messages a screen may send in a second (a real one sends a ping every 2 s, a subscribe now and then). */
export const MESSAGES_PER_SECOND = 20;
/** A socket closed for a reason is cut off after this if its peer does not read the close frame. */
const CLOSE_GRACE_MS = 2000;

/**
 * What live sockets are counted by: an IPv4 address, or an IPv6 address's /64 (a phone
 * may take a new IPv6 address in its network at will).
 */
export function addressKey(address: string | undefined): string {
  if (!address) return '?';
  if (address.startsWith('::ffff:')) return address.slice(7);
  if (!address.includes(':')) return address;
  const [head] = address.split('::');
  const groups = (head ?? '').split(':').filter(Boolean);
  return `${[...groups, '0', '0', '0', '0'].slice(0, 4).join(':')}::/64`;
}

/**
 * How often each socket's staff and kiosk topics are checked again: a session that ends by
 * time (expiry, idle sign-out) or a kiosk revoked loses its topics within this. Sign-outs,
 * role changes and disabled accounts (`staff.changed`) are checked at once.
 */
export const LIVE_RECHECK_MS = 1000;

/** A session read this recently is not read again for a publish. */
const PUBLISH_MEMO_MS = 50;

/** One socket per screen: it subscribes to topics and receives full snapshots. */
export function liveRoutes(app: FastifyInstance, s: HttpServices): void {
  const guards = new Set<() => void>();
  const recheckAll = (): void => {
    for (const recheck of guards) recheck();
  };
  const timer = setInterval(recheckAll, LIVE_RECHECK_MS);
  timer.unref();
  const offStaff = s.bus.on('staff.changed', recheckAll);
  app.addHook('onClose', async () => {
    clearInterval(timer);
    offStaff();
  });

  /** Open live sockets per address (loopback not counted: the lobby PC's own windows). */
  const perAddress = new Map<string, number>();
  const limit = s.site.network.liveConnectionsPerAddress;
  const full = (key: string): boolean => (perAddress.get(key) ?? 0) >= limit;

  app.get(
    LIVE_PATH,
    {
      websocket: true,
      // Refused before the upgrade, so a flood from one address costs no WebSocket each.
      preValidation: async (req, reply) => {
        if (isLoopback(req.socket.remoteAddress) || !full(addressKey(req.socket.remoteAddress))) return;
        await reply.code(429).send({ error: 'too_many_requests', message: `At most ${limit} live connections from one address.` });
      },
    },
    (socket, req) => {
      const local = isLoopback(req.socket.remoteAddress);
      const counted = local ? null : addressKey(req.socket.remoteAddress);
      let closing = false;
      /** Closes with a reason the screen can read; a peer that reads nothing is cut off after a grace. */
      const shut = (code: number, reason: string): void => {
        if (closing) return;
        closing = true;
        s.hub.unsubscribe(client);
        try {
          socket.close(code, reason);
        } catch {
          // already closed
        }
        setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
      };
      if (counted !== null) {
        // Two upgrades can pass the check together: the later one is closed here.
        perAddress.set(counted, (perAddress.get(counted) ?? 0) + 1);
        if (perAddress.get(counted)! > limit) {
          queueMicrotask(() => shut(LIVE_CLOSE.tooManyConnections, 'too many connections from this address'));
        }
      }
      // The session and a provisioned browser's kiosk cookie come with the upgrade request.
      const token = sessionToken(req);
      let kioskCredential = kioskToken(req);
      /** Topics that need a session or a kiosk: checked on every publish against the verdicts below. */
      const guarded = new Set<Topic>();
      // Read again on subscribe, on every staff change, once a LIVE_RECHECK_MS, and before a
      // publish of a guarded topic unless read in the last PUBLISH_MEMO_MS (one flush sends
      // several topics; a burst of changes should not cost a query per topic per screen).
      const holder: LiveHolder = { user: null, ticketKiosk: false, ratingTablet: false, onLobbyComputer: local };
      let readAt = -Infinity;
      const refresh = (): void => {
        // Not the person's own activity: must not keep an idle console signed in.
        holder.user = token ? s.accounts.sessionUser(token) : null;
        const device = kioskCredential === undefined ? null : s.kiosks.useKiosk(kioskCredential);
        holder.ticketKiosk = device?.purpose === 'tickets';
        holder.ratingTablet = ratingCounterOf(device?.purpose) !== null;
        readAt = performance.now();
      };

      const client: LiveClient = {
        send: (text) => {
          if (closing || socket.readyState !== socket.OPEN) return;
          // Checked before each send: what is already queued for this peer, not what it may read later.
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return shut(LIVE_CLOSE.slowReader, 'slow reader: reconnect for fresh snapshots');
          socket.send(text);
        },
        keeps: (topic) => {
          if (!guarded.has(topic)) return true;
          try {
            if (performance.now() - readAt > PUBLISH_MEMO_MS) refresh();
          } catch {
            return false; // the database closed as the lobby stops: send nothing unchecked
          }
          const reason = whyNotFollow(topic, holder);
          if (reason) stop([topic], reason);
          return reason === null;
        },
      };
      const reply = (msg: ServerMessage) => client.send(JSON.stringify(msg));

      function stop(topics: Topic[], reason: LiveStopReason): void {
        for (const t of topics) guarded.delete(t);
        s.hub.unsubscribe(client, topics);
        reply({ type: 'stopped', topics, reason, message: stopMessage(reason, topics) });
      }

      function recheck(): void {
        if (guarded.size === 0) return;
        try {
          refresh();
        } catch {
          return; // the database closed as the lobby stops
        }
        for (const [reason, topics] of topicVerdicts(guarded, holder).refused) stop(topics, reason);
      }
      guards.add(recheck);

      let screenKey: string | null = null;
      let saidHello = false;
      // A token bucket: a burst of MESSAGES_PER_SECOND, refilled at that rate.
      let tokens = MESSAGES_PER_SECOND;
      let filledAt = performance.now();
      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        if (closing) return;
        const now = performance.now();
        tokens = Math.min(MESSAGES_PER_SECOND, tokens + ((now - filledAt) / 1000) * MESSAGES_PER_SECOND);
        filledAt = now;
        if (tokens < 1) return shut(LIVE_CLOSE.tooManyMessages, 'too many messages');
        tokens -= 1;
        if (isBinary || raw.length > MAX_MESSAGE_BYTES) return reply({ type: 'error', message: 'message too large or binary' });
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          return reply({ type: 'error', message: 'message is not JSON' });
        }
        const msg = clientMessageSchema.safeParse(json);
        if (!msg.success) return reply({ type: 'error', message: msg.error.issues[0]?.message ?? 'invalid message' });
        if (msg.data.type === 'ping') {
          if (screenKey) s.screens.beat(screenKey);
          return reply({ type: 'pong' });
        }
        if (msg.data.type === 'hello') {
          // One screen per socket: a socket saying it is 2,000 boards is one at most.
          if (saidHello) return reply({ type: 'error', message: 'hello was said already on this socket' });
          saidHello = true;
          screenKey = s.screens.hello(msg.data.screen, msg.data.path, req.ip);
          if (!screenKey) reply({ type: 'error', message: 'too many screens listed; this one is not' });
          return;
        }
        if (msg.data.type === 'kiosk') {
          kioskCredential = msg.data.credential;
          if (!s.kiosks.useKiosk(kioskCredential)) reply({ type: 'error', message: 'This kiosk credential is not valid.' });
          return;
        }
        // A topic already followed is not sent again: the set of topics a socket follows is at
        // most every topic once, and a repeated subscribe costs no snapshot.
        const wanted = [...new Set(msg.data.topics)].filter((t) => !s.hub.follows(client, t));
        if (wanted.length === 0) return;
        if (!wanted.every(isPublicTopic)) refresh();
        const { allowed, refused } = topicVerdicts(wanted, holder);
        // The topics it may follow still arrive: a console's public board keeps working while signed out.
        for (const [reason, topics] of refused) reply({ type: 'error', message: refusalMessage(reason, topics) });
        for (const t of allowed) if (!isPublicTopic(t)) guarded.add(t);
        if (allowed.length) s.hub.subscribe(client, allowed);
      });
      const gone = (): void => {
        guards.delete(recheck);
        s.hub.unsubscribe(client);
      };
      socket.on('close', () => {
        closing = true;
        if (counted !== null) {
          const n = (perAddress.get(counted) ?? 1) - 1;
          if (n > 0) perAddress.set(counted, n);
          else perAddress.delete(counted);
        }
        gone();
        if (screenKey) s.screens.gone(screenKey);
      });
      socket.on('error', gone);
    },
  );
}

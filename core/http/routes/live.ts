import type { FastifyInstance } from 'fastify';
import { API, clientMessageSchema, rolesPass, type Access, type LiveStopReason, type ServerMessage, type StaffUser, type Topic } from '../../contract';
import { sessionToken } from '../auth';
import { kioskToken } from '../kiosk-auth';
import { isLoopback, topicAccess } from '../route-access';
import type { LiveClient } from '../../live/hub';
import type { HttpServices } from '../services';

const MAX_MESSAGE_BYTES = 4096;

/**
 * How often each socket's staff and kiosk topics are checked again: a session that ends by
 * time (expiry, idle sign-out) or a kiosk revoked loses its topics within this. Sign-outs,
 * role changes and disabled accounts (`staff.changed`) are checked at once.
 */
export const LIVE_RECHECK_MS = 1000;

/** A session read this recently is not read again for a publish. */
const PUBLISH_MEMO_MS = 50;

const STOPPED: Record<LiveStopReason, string> = {
  'signed-out': 'Signed out',
  'role-removed': 'This account no longer has the role for it',
  'kiosk-revoked': 'Not a kiosk on the lobby computer',
};

const REFUSED: Record<LiveStopReason, string> = {
  'signed-out': 'Sign in to follow',
  'role-removed': 'Your roles do not include',
  'kiosk-revoked': 'Only a kiosk on the lobby computer may follow',
};

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

  app.get(API.live, { websocket: true }, (socket, req) => {
    // The session and a provisioned browser's kiosk cookie come with the upgrade request.
    const token = sessionToken(req);
    let kioskCredential = kioskToken(req);
    const local = isLoopback(req.socket.remoteAddress);
    /** Topics that need a session or a kiosk: checked on every publish against the verdicts below. */
    const guarded = new Set<Topic>();
    // Read again on subscribe, on every staff change, once a LIVE_RECHECK_MS, and before a
    // publish of a guarded topic unless read in the last PUBLISH_MEMO_MS (one flush sends
    // several topics; a burst of changes should not cost a query per topic per screen).
    let user: StaffUser | null = null;
    let kiosk = false;
    let readAt = -Infinity;
    const refresh = (): void => {
      // Not the person's own activity: must not keep an idle console signed in.
      user = token ? s.accounts.sessionUser(token, { touch: false }) : null;
      kiosk = kioskCredential !== undefined && s.kiosks.kioskFor(kioskCredential) !== null;
      readAt = performance.now();
    };
    const why = (access: Access): LiveStopReason | null => {
      if (access === 'public') return null;
      if (access === 'kiosk') return kiosk ? null : 'kiosk-revoked';
      if (access === 'lobby-kiosk') return kiosk && local ? null : 'kiosk-revoked';
      if (!user) return 'signed-out';
      return rolesPass(access, user.roles) ? null : 'role-removed';
    };

    const client: LiveClient = {
      send: (text) => socket.readyState === socket.OPEN && socket.send(text),
      keeps: (topic) => {
        if (!guarded.has(topic)) return true;
        try {
          if (performance.now() - readAt > PUBLISH_MEMO_MS) refresh();
        } catch {
          return false; // the database closed as the lobby stops: send nothing unchecked
        }
        const reason = why(topicAccess(topic));
        if (reason) stop([topic], reason);
        return reason === null;
      },
    };
    const reply = (msg: ServerMessage) => client.send(JSON.stringify(msg));

    function stop(topics: Topic[], reason: LiveStopReason): void {
      for (const t of topics) guarded.delete(t);
      s.hub.unsubscribe(client, topics);
      reply({ type: 'stopped', topics, reason, message: `${STOPPED[reason]}: ${topics.join(', ')} stopped` });
    }

    function recheck(): void {
      if (guarded.size === 0) return;
      try {
        refresh();
      } catch {
        return; // the database closed as the lobby stops
      }
      const lost = new Map<LiveStopReason, Topic[]>();
      for (const t of guarded) {
        const reason = why(topicAccess(t));
        if (reason) lost.set(reason, [...(lost.get(reason) ?? []), t]);
      }
      for (const [reason, topics] of lost) stop(topics, reason);
    }
    guards.add(recheck);

    let screenKey: string | null = null;
    socket.on('message', (raw: Buffer, isBinary: boolean) => {
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
        screenKey = s.screens.hello(msg.data.screen, msg.data.path, req.ip);
        return;
      }
      if (msg.data.type === 'kiosk') {
        kioskCredential = msg.data.credential;
        if (!s.kiosks.kioskFor(kioskCredential)) reply({ type: 'error', message: 'This kiosk credential is not valid.' });
        return;
      }
      const wanted = [...new Set(msg.data.topics)];
      const needsCheck = wanted.some((t) => topicAccess(t) !== 'public');
      if (needsCheck) refresh();
      const refused = new Map<LiveStopReason, Topic[]>();
      const allowed: Topic[] = [];
      for (const t of wanted) {
        const reason = why(topicAccess(t));
        if (reason) refused.set(reason, [...(refused.get(reason) ?? []), t]);
        else allowed.push(t);
      }
      // The topics it may follow still arrive: a console's public board keeps working while signed out.
      for (const [reason, topics] of refused) reply({ type: 'error', message: `${REFUSED[reason]}: ${topics.join(', ')}` });
      for (const t of allowed) if (topicAccess(t) !== 'public') guarded.add(t);
      if (allowed.length) s.hub.subscribe(client, allowed);
    });
    const gone = (): void => {
      guards.delete(recheck);
      s.hub.unsubscribe(client);
    };
    socket.on('close', () => {
      gone();
      if (screenKey) s.screens.gone(screenKey);
    });
    socket.on('error', gone);
  });
}

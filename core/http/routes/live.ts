import type { FastifyInstance } from 'fastify';
import { API, clientMessageSchema, TOPIC_ACCESS, type ServerMessage } from '../../contract';
import { sessionToken } from '../auth';
import type { LiveClient } from '../../live/hub';
import type { HttpServices } from '../services';

const MAX_MESSAGE_BYTES = 4096;

/** One socket per screen: it subscribes to topics and receives full snapshots. */
export function liveRoutes(app: FastifyInstance, s: HttpServices): void {
  app.get(API.live, { websocket: true }, (socket, req) => {
    // Staff topics need a signed-in session; the cookie comes with the upgrade request.
    const token = sessionToken(req);
    const client: LiveClient = { send: (text) => socket.readyState === socket.OPEN && socket.send(text) };
    const reply = (msg: ServerMessage) => client.send(JSON.stringify(msg));

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
      const refused = msg.data.topics.filter((t) => TOPIC_ACCESS[t] === 'staff');
      if (refused.length && !s.accounts.sessionUser(token)) {
        return reply({ type: 'error', message: `Sign in to follow: ${refused.join(', ')}` });
      }
      s.hub.subscribe(client, msg.data.topics);
    });
    socket.on('close', () => {
      s.hub.unsubscribe(client);
      if (screenKey) s.screens.gone(screenKey);
    });
    socket.on('error', () => s.hub.unsubscribe(client));
  });
}

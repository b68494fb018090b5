import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOPICS, TOPIC_ACCESS, type ServerMessage } from '../../../core/contract';
import { MAX_BUFFERED_BYTES } from '../../../core/http/routes/live';
import { startChildLobby, type ChildLobby } from '../../helpers/child-lobby';
import { httpClient, sampleSiteWith } from '../../helpers/lobby';
import { rawWebSocket, textFrame } from '../../helpers/raw-ws';
import { tempDir } from '../../helpers/tmp';

/**
 * A socket that follows every public topic and never reads: the server closes it once a
 * megabyte waits for it, instead of queueing every snapshot (it grew 130 MB a minute), and
 * the lobby's memory stays where it was. The lobby runs in its own process so its memory
 * is its own.
 */
const PUBLIC = TOPICS.filter((t) => TOPIC_ACCESS[t] === 'public');
const TICKETS = 1500;

let lobby: ChildLobby;
const sites = tempDir('lobby-slow-site-');

beforeAll(async () => {
  lobby = await startChildLobby({ sitePath: sampleSiteWith(sites.dir, { kiosk: { ticketsPerMinute: 100_000 } }) });
}, 90_000);
afterAll(async () => {
  await lobby?.stop();
  sites.cleanup();
});

describe('a slow reader on /live', () => {
  it(`is closed once ${MAX_BUFFERED_BYTES / 1024 / 1024} MB waits for it; a board keeps every change; the lobby's memory does not grow with what the reader left unread`, async () => {
    const kiosk = httpClient(lobby.url, { kiosk: lobby.kioskToken });
    const services = ['consult', 'documents', 'bail', 'community-service', 'certificates', 'witness-fees'];
    let n = 0;
    const ticket = async () => {
      // Round the services: each has its own day's number range.
      const res = await kiosk.post<{ number: string }>('/api/tickets', { serviceId: services[n++ % services.length] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    for (let i = 0; i < 100; i++) await ticket(); // warm-up: the receipts list fills, JIT, caches
    const before = await lobby.memory();

    const board = new WebSocket(`${lobby.url.replace('http', 'ws')}/live`);
    let boardVersion = 0;
    board.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type === 'snapshot' && m.topic === 'queue.board') boardVersion = m.version;
    });
    await new Promise((r) => board.once('open', r));
    board.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] }));

    const reader = await rawWebSocket(`${lobby.url.replace('http', 'ws')}/live`);
    reader.write(textFrame(JSON.stringify({ type: 'subscribe', topics: PUBLIC })));
    // It never reads from here on (the socket stays paused).

    let sent = 0;
    for (let i = 0; i < TICKETS; i++) {
      await ticket();
      sent += 1;
    }
    const after = await lobby.memory();

    // The board that reads is up to date: a new socket gets the same version it has.
    const probe = new WebSocket(`${lobby.url.replace('http', 'ws')}/live`);
    const current = new Promise<number>((resolve) =>
      probe.on('message', (d) => {
        const m = JSON.parse(String(d)) as ServerMessage;
        if (m.type === 'snapshot') resolve(m.version);
      }),
    );
    await new Promise((r) => probe.once('open', r));
    probe.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] }));
    const version = await current;
    const deadline = Date.now() + 10_000;
    while (boardVersion < version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(boardVersion).toBe(version);
    probe.close();
    board.close();

    // Read what was left for the reader: the end of the stream comes, well short of what was published.
    reader.resume();
    let received = 0;
    // Until the server ends it, or (were it never closed) until nothing more comes for 3 s.
    const ended = await new Promise<boolean>((resolve) => {
      let quiet = setTimeout(() => resolve(false), 3000);
      reader.on('data', (d: Buffer) => {
        received += d.length;
        clearTimeout(quiet);
        quiet = setTimeout(() => resolve(false), 3000);
      });
      reader.once('end', () => {
        clearTimeout(quiet);
        resolve(true);
      });
    });
    reader.destroy();
    const published = sent * 20_000; // each ticket's devices.sim snapshot alone is over 20 KB
    const grew = (after.heapUsed + after.arrayBuffers) - (before.heapUsed + before.arrayBuffers);
    console.log(
      `slow reader: ${(published / 1e6).toFixed(0)}+ MB published, ${(received / 1e6).toFixed(1)} MB reached it before it was closed; ` +
        `lobby heap+buffers ${(before.heapUsed / 1e6).toFixed(0)}+${(before.arrayBuffers / 1e6).toFixed(0)} → ${(after.heapUsed / 1e6).toFixed(0)}+${(after.arrayBuffers / 1e6).toFixed(0)} MB, RSS ${(before.rss / 1e6).toFixed(0)} → ${(after.rss / 1e6).toFixed(0)} MB`,
    );
    expect(ended, 'the server ended the slow socket').toBe(true);
    expect(received).toBeLessThan(published / 2);
    expect(grew).toBeLessThan(16 * 1024 * 1024);
  }, 180_000);
});

/**
 * The lobby's memory under a hostile reader: 300 boards on /live (as /calls boards:
 * queue.board, marquee, emergency, each pinging every 2 s) and one socket that follows every
 * public topic and never reads (a new one every 20 s once the server has ended the last),
 * while tickets are issued and called all along. The lobby runs in its own process; its
 * heap and RSS are sampled after a full collection. Target: growth < 10 % over the run.
 *
 * BENCH_LIVE_MINUTES sets the length (default 10); e.g. BENCH_LIVE_MINUTES=0.5 for a quick run.
 * Alone: node --import tsx test/bench/live-memory.ts
 */
import { pathToFileURL } from 'node:url';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { TOPICS, TOPIC_ACCESS } from '../../core/contract';
import { startChildLobby } from '../helpers/child-lobby';
import { createFirstAdmin, httpClient, sampleSiteWith } from '../helpers/lobby';
import { rawWebSocket, textFrame } from '../helpers/raw-ws';
import { tempDir } from '../helpers/tmp';

const BOARDS = 300;
const PUBLIC = TOPICS.filter((t) => TOPIC_ACCESS[t] === 'public');
const SERVICES = ['consult', 'documents', 'bail', 'community-service', 'certificates', 'witness-fees'];
const MB = 1024 * 1024;

export async function benchLiveMemory(minutes = Number(process.env.BENCH_LIVE_MINUTES ?? 10)): Promise<void> {
  const durationMs = minutes * 60_000;
  const sites = tempDir('lobby-bench-site-');
  // The bench kiosk issues a ticket every 200 ms: lift the per-kiosk limit meant for real kiosks.
  const lobby = await startChildLobby({ sitePath: sampleSiteWith(sites.dir, { kiosk: { ticketsPerMinute: 100_000 } }) });
  const boards: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  let reader: Socket | null = null;
  try {
    const admin = await createFirstAdmin(lobby);
    const kiosk = httpClient(lobby.url, { kiosk: lobby.kioskToken });
    let snapshots = 0;
    for (let i = 0; i < BOARDS; i++) {
      const ws = new WebSocket(`${lobby.url.replace('http', 'ws')}/live`);
      ws.on('message', () => snapshots++);
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board', 'marquee', 'emergency'] }));
      boards.push(ws);
    }
    timers.push(setInterval(() => boards.forEach((ws) => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}')), 2000));

    let tickets = 0;
    let calls = 0;
    let failures = 0;
    let n = 0;
    timers.push(
      setInterval(() => {
        void kiosk.post('/api/tickets', { serviceId: SERVICES[n++ % SERVICES.length] }).then((r) => (r.status === 201 ? tickets++ : failures++));
      }, 200),
    );
    timers.push(
      setInterval(() => {
        void admin.post('/api/staff/counter/action', { action: 'next', counterId: calls % 2 ? 'c1' : 'c2' }).then((r) => (r.status === 200 ? calls++ : failures++));
      }, 1000),
    );
    let readers = 0;
    const newReader = async () => {
      reader?.destroy();
      reader = await rawWebSocket(`${lobby.url.replace('http', 'ws')}/live`);
      reader.write(textFrame(JSON.stringify({ type: 'subscribe', topics: PUBLIC })));
      readers++;
    };
    await newReader();
    timers.push(setInterval(() => void newReader(), 20_000));

    // Warm-up (the receipts list fills, JIT, caches), then the baseline.
    await new Promise((r) => setTimeout(r, Math.min(30_000, durationMs / 10)));
    const start = await lobby.memory();
    const samples = [start];
    const t0 = Date.now();
    const every = Math.max(5000, durationMs / 10);
    while (Date.now() - t0 < durationMs) {
      await new Promise((r) => setTimeout(r, Math.min(every, durationMs - (Date.now() - t0))));
      samples.push(await lobby.memory());
    }
    const end = samples.at(-1)!;
    const pct = (a: number, b: number) => ((b - a) / a) * 100;
    const fmt = (b: number) => `${(b / MB).toFixed(1)} MB`;
    const heapGrowth = pct(start.heapUsed, end.heapUsed);
    const rssGrowth = pct(start.rss, end.rss);
    console.log(
      `live memory, ${BOARDS} boards + 1 slow reader (${readers} in turn), ${minutes} min: ${tickets} tickets, ${calls} calls, ${failures} refused, ${snapshots} snapshots to boards`,
    );
    console.log(`${'  heap used'.padEnd(34)} ${fmt(start.heapUsed)} → ${fmt(end.heapUsed)} (max ${fmt(Math.max(...samples.map((s) => s.heapUsed)))})   growth ${heapGrowth.toFixed(1)} % (target < 10 %)`);
    console.log(`${'  RSS'.padEnd(34)} ${fmt(start.rss)} → ${fmt(end.rss)} (max ${fmt(Math.max(...samples.map((s) => s.rss)))})   growth ${rssGrowth.toFixed(1)} % (target < 10 %)`);
    console.log(`${'  buffers (arrayBuffers)'.padEnd(34)} ${fmt(start.arrayBuffers)} → ${fmt(end.arrayBuffers)}`);
  } finally {
    for (const t of timers) clearInterval(t);
    (reader as Socket | null)?.destroy();
    for (const ws of boards) ws.terminate();
    await lobby.stop();
    sites.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLiveMemory().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

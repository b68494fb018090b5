/**
 * `npm run bench`: the figures issue notes quote. Each run starts a real lobby
 * (SQLite file, simulated printer behind the real ESC/POS driver, HTTP, WS).
 */
import { performance } from 'node:perf_hooks';
import { httpClient, sampleSiteWith, startTestLobby } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';
import { summary } from './stats';
import { comparePrinterEncoders } from './printer-compare';
import { benchQueueOps } from './queue-ops';
import { benchCourt } from './court';
import { benchDay } from './day';
import { benchStatistics } from './statistics';
import { benchMarqueeFrames } from './marquee-frames';
import { connectScreens, measureFanOut } from './live-latency';
import { benchEventLoop } from './event-loop';
import { benchLiveMemory } from './live-memory';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1000);
const CLIENTS = 50;
const CALLS = Number(process.env.BENCH_CALLS ?? 100);

const ms = (n: number) => `${n.toFixed(2)} ms`;
export function line(label: string, s: { n: number; median: number; p99: number }, target?: number): void {
  const ratio = target ? `   p99/target ${(s.p99 / target).toFixed(2)} (target ${target} ms)` : '';
  console.log(`${label.padEnd(34)} n=${String(s.n).padEnd(5)} median ${ms(s.median).padStart(9)}   p99 ${ms(s.p99).padStart(9)}${ratio}`);
}

async function tapToPrinter(): Promise<number[]> {
  const sites = tempDir('lobby-bench-site-');
  // One bench kiosk issues thousands of tickets: lift the per-kiosk limit meant for real kiosks.
  const t = await startTestLobby({ sitePath: sampleSiteWith(sites.dir, { kiosk: { ticketsPerMinute: 100_000 } }) });
  try {
    const device = t.lobby.simulator!;
    const services = t.lobby.site.services.map((s) => s.id);
    const http = httpClient(t.url, { kiosk: t.kioskToken });
    // Warm-up: JIT, statement cache, connection.
    for (let i = 0; i < 20; i++) await http.post('/api/tickets', { serviceId: services[i % services.length] });
    const latencies: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const printed = new Promise<number>((resolve) => {
        const off = device.onReceipt((r) => {
          off();
          bytes.push(r.bytes);
          resolve(performance.now());
        });
      });
      const t0 = performance.now();
      const res = await http.post<{ print: string }>('/api/tickets', { serviceId: services[i % services.length] });
      if (res.status !== 201 || res.body.print !== 'printed') throw new Error(`ticket ${i} failed: ${res.status} ${JSON.stringify(res.body)}`);
      latencies.push((await printed) - t0);
    }
    line(`tap → last byte at printer`, summary(latencies), 20);
    const b = summary(bytes);
    console.log(`${'bytes per ticket'.padEnd(34)} median ${b.median} B, max ${b.max} B   max/target ${(b.max / 400).toFixed(2)} (target 400 B)`);
    // 8N1: ten bits on the wire per byte.
    for (const baud of [9600, 115200]) {
      console.log(`${`  at ${baud} baud (8N1)`.padEnd(34)} ${((b.median * 10) / baud).toFixed(3)} s per ticket (max ${((b.max * 10) / baud).toFixed(3)} s)`);
    }
    return latencies;
  } finally {
    await t.stop();
    sites.cleanup();
  }
}

async function fanOut(): Promise<void> {
  const sites = tempDir('lobby-bench-site-');
  // One bench kiosk issues thousands of tickets: lift the per-kiosk limit meant for real kiosks.
  const t = await startTestLobby({ sitePath: sampleSiteWith(sites.dir, { kiosk: { ticketsPerMinute: 100_000 } }) });
  try {
    const staff = httpClient(t.url, { kiosk: t.kioskToken });
    await staff.post('/api/staff/setup', { setupCode: t.setupCode, username: 'bench', displayName: 'Bench', password: 'bench-password' });
    await staff.refreshCsrf();
    const kiosk = httpClient(t.url, { kiosk: t.kioskToken });
    for (let i = 0; i < CALLS; i++) await kiosk.post('/api/tickets', { serviceId: 'consult' });

    const boards = await connectScreens(t.url, 'queue.board', CLIENTS);
    try {
      const latencies = await measureFanOut(boards, CALLS, async () => {
        const res = await staff.post<{ call: { number: string } | null }>('/api/staff/counter/action', { action: 'next', counterId: 'c1' });
        if (!res.body.call) throw new Error('nothing to call');
      });
      line(`call → ${CLIENTS} live /calls boards`, summary(latencies), 50);
    } finally {
      boards.close();
    }

    const bands = await connectScreens(t.url, 'marquee', CLIENTS);
    try {
      const message = { zh: '新修正法令公告', en: 'Amended law notice', category: 'law', priority: 3, startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null, targets: ['screen:calls'] };
      const latencies = await measureFanOut(bands, 100, async (k) => {
        const res = await staff.post('/api/staff/marquee', { ...message, zh: `${message.zh} ${k}` });
        if (res.status !== 201) throw new Error(`marquee edit failed: ${JSON.stringify(res.body)}`);
      });
      line(`marquee edit → ${CLIENTS} boards`, summary(latencies), 50);
    } finally {
      bands.close();
    }
  } finally {
    await t.stop();
    sites.cleanup();
  }
}

async function main(): Promise<void> {
  console.log(`lobby benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
  await tapToPrinter();
  await fanOut();
  await comparePrinterEncoders();
  benchQueueOps();
  await benchCourt(line);
  await benchDay(line);
  benchStatistics(line);
  await benchMarqueeFrames(line);
  await benchEventLoop();
  await benchLiveMemory();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench`: the figures issue notes quote. Each run starts a real lobby
 * (SQLite file, simulated printer behind the real ESC/POS driver, HTTP, WS).
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ServerMessage } from '../../core/contract';
import { httpClient, startTestLobby } from '../helpers/lobby';
import { summary } from './stats';
import { comparePrinterEncoders } from './printer-compare';
import { benchQueueOps } from './queue-ops';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1000);
const CLIENTS = 50;
const CALLS = Number(process.env.BENCH_CALLS ?? 100);

const ms = (n: number) => `${n.toFixed(2)} ms`;
function line(label: string, s: { n: number; median: number; p99: number }, target?: number): void {
  const ratio = target ? `   p99/target ${(s.p99 / target).toFixed(2)} (target ${target} ms)` : '';
  console.log(`${label.padEnd(34)} n=${String(s.n).padEnd(5)} median ${ms(s.median).padStart(9)}   p99 ${ms(s.p99).padStart(9)}${ratio}`);
}

async function tapToPrinter(): Promise<number[]> {
  const t = await startTestLobby();
  try {
    const device = t.lobby.simulator!;
    const services = t.lobby.site.services.map((s) => s.id);
    const http = httpClient(t.url);
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
  }
}

async function fanOut(): Promise<void> {
  const t = await startTestLobby();
  const sockets: WebSocket[] = [];
  try {
    const staff = httpClient(t.url);
    await staff.post('/api/staff/setup', { setupCode: t.setupCode, username: 'bench', displayName: 'Bench', password: 'bench-password' });
    await staff.refreshCsrf();
    const kiosk = httpClient(t.url);
    for (let i = 0; i < CALLS; i++) await kiosk.post('/api/tickets', { serviceId: 'consult' });

    const waiters: ((version: number, at: number) => void)[] = [];
    const latest: number[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
      sockets.push(ws);
      latest.push(0);
      ws.on('message', (d) => {
        const at = performance.now();
        const m = JSON.parse(String(d)) as ServerMessage;
        if (m.type !== 'snapshot' || m.topic !== 'queue.board') return;
        latest[c] = m.version;
        waiters[c]?.(m.version, at);
      });
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] }));
    }
    while (latest.some((v) => v === 0)) await new Promise((r) => setTimeout(r, 5));

    const latencies: number[] = [];
    for (let k = 0; k < CALLS; k++) {
      const base = Math.max(...latest);
      const arrivals = latest.map(
        (_, c) =>
          new Promise<number>((resolve) => {
            waiters[c] = (version, at) => {
              if (version > base) resolve(at);
            };
          }),
      );
      const t0 = performance.now();
      const res = await staff.post<{ call: { number: string } | null }>('/api/staff/counter/call-next', { counterId: 'c1' });
      if (!res.body.call) throw new Error('nothing to call');
      for (const at of await Promise.all(arrivals)) latencies.push(at - t0);
    }
    line(`call → ${CLIENTS} live screens`, summary(latencies), 50);
  } finally {
    for (const ws of sockets) ws.close();
    await t.stop();
  }
}

async function main(): Promise<void> {
  console.log(`lobby benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
  await tapToPrinter();
  await fanOut();
  await comparePrinterEncoders();
  benchQueueOps();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

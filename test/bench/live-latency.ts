/**
 * "A staff change reaches N screens": the time from the HTTP request that
 * makes a change to the moment every one of N live clients holds the new
 * snapshot of a topic. Shared by the queue, marquee and hearing benchmarks.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ServerMessage, Topic } from '../../core/contract';

export interface Screens {
  /** Resolves with each client's arrival time of the first snapshot newer than the current one. */
  nextArrivals(): Promise<number>[];
  close(): void;
}

export async function connectScreens(baseUrl: string, topic: Topic, count: number): Promise<Screens> {
  const sockets: WebSocket[] = [];
  const latest: number[] = [];
  const waiters: (((version: number, at: number) => void) | undefined)[] = [];
  for (let c = 0; c < count; c++) {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/live`);
    sockets.push(ws);
    latest.push(0);
    ws.on('message', (d) => {
      const at = performance.now();
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type !== 'snapshot' || m.topic !== topic) return;
      latest[c] = m.version;
      waiters[c]?.(m.version, at);
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  }
  while (latest.some((v) => v === 0)) await new Promise((r) => setTimeout(r, 5));
  return {
    nextArrivals() {
      const base = Math.max(...latest);
      return latest.map(
        (_, c) =>
          new Promise<number>((resolve) => {
            waiters[c] = (version, at) => {
              if (version > base) resolve(at);
            };
          }),
      );
    },
    close() {
      for (const ws of sockets) ws.close();
    },
  };
}

/** Runs `change` `rounds` times and returns every client's latency for every round, in ms. */
export async function measureFanOut(screens: Screens, rounds: number, change: (round: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const arrivals = screens.nextArrivals();
    const t0 = performance.now();
    await change(k);
    for (const at of await Promise.all(arrivals)) out.push(at - t0);
    // Let the coalescing tick pass, so each round is one change.
    await new Promise((r) => setTimeout(r, 2));
  }
  return out;
}

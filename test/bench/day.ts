/**
 * A lobby day compressed: 2,000 tickets, 5,000 calls (recalls included), 500
 * marquee edits and 300 hearings taken through their states, with 50 boards
 * following every public topic. Prints the p99 of each kind of operation and
 * the heap before and after (after a full GC), whose growth must stay under 10%.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Topic } from '../../core/contract';
import { httpClient, sampleSiteWith, startTestLobby } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';
import { summary } from './stats';

type Line = (label: string, s: { n: number; median: number; p99: number }, target?: number) => void;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

export async function benchDay(line: Line): Promise<void> {
  console.log('\na day compressed: 2,000 tickets, 5,000 calls, 500 edits, 300 hearings, 50 boards (after 200 warm-up rounds)');
  const sites = tempDir('lobby-bench-site-');
  // One bench kiosk issues thousands of tickets: lift the per-kiosk limit meant for real kiosks.
  const t = await startTestLobby({ sitePath: sampleSiteWith(sites.dir, { kiosk: { ticketsPerMinute: 100_000 } }) });
  const boards: WebSocket[] = [];
  try {
    const admin = httpClient(t.url, { kiosk: t.kioskToken });
    await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: 'Admin', password: 'bench-password' });
    await admin.refreshCsrf();
    const kiosk = httpClient(t.url, { kiosk: t.kioskToken });
    // What the boards follow (the /devices simulator panel is not a board).
    const topics: Topic[] = ['queue.board', 'kiosk.status', 'marquee', 'emergency', 'hearings.board', 'detainees.board'];
    for (let i = 0; i < 50; i++) {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ type: 'subscribe', topics }));
      ws.on('message', () => undefined);
      boards.push(ws);
    }
    const today = (await admin.get<{ time: string }>('/api/health')).body.time.slice(0, 10);
    const hearingIds: number[] = [];
    for (let i = 0; i < 300; i++) {
      const minutes = 8 * 60 + 30 + Math.floor(i / 4) * 5;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const res = await admin.post<{ hearing: { id: number } }>('/api/staff/hearings', {
        date: today,
        time,
        courtroomId: `r${(i % 4) + 1}`,
        caseNumber: `113年度偵字第${2000 + i}號`,
        division: '信',
        prosecutor: '林檢察官',
        persons: [{ name: '王小明', role: 'defendant' }],
      });
      hearingIds.push(res.body.hearing.id);
    }
    const times: Record<string, number[]> = { issue: [], call: [], recall: [], edit: [], hearing: [] };
    const timed = async (kind: string, fn: () => Promise<{ status: number }>) => {
      const t0 = performance.now();
      const res = await fn();
      times[kind]!.push(performance.now() - t0);
      if (res.status >= 400) throw new Error(`${kind} failed with ${res.status}`);
    };
    const services = ['consult', 'documents', 'bail', 'community-service', 'certificates', 'witness-fees'];
    const counters = ['c1', 'c2', 'c3'];
    const states = ['checked_in', 'waiting', 'in_session', 'finished'];
    let hearingStep = 0;
    let editId = 0;
    // The first stretch warms the JIT and the caches; growth is measured from there on.
    const WARM_UP = 200;
    let startHeap = 0;
    for (let step = 0; step < 2000 + WARM_UP; step++) {
      if (step === WARM_UP) {
        for (const list of Object.values(times)) list.length = 0;
        await new Promise((r) => setTimeout(r, 200));
        startHeap = heapAfterGc();
      }
      await timed('issue', () => kiosk.post('/api/tickets', { serviceId: services[step % services.length] }));
      await timed('call', () => admin.post('/api/staff/counter/action', { action: 'next', counterId: counters[step % 3] }));
      // 5,000 calls: each ticket is called once and most recalled once or twice.
      await timed('recall', () => admin.post('/api/staff/counter/action', { action: 'recall', counterId: counters[step % 3] }).then((r) => (r.status === 409 ? { status: 200 } : r)));
      if (step % 2 === 0) await timed('recall', () => admin.post('/api/staff/counter/action', { action: 'recall', counterId: counters[step % 3] }).then((r) => (r.status === 409 ? { status: 200 } : r)));
      if (step % 4 === 0) {
        await timed('edit', async () => {
          const body = { zh: `公告 ${step}`, en: `Notice ${step}`, category: 'news', priority: 3, startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null, targets: ['screen:calls', 'sign:lobby-led'] };
          if (editId === 0 || step % 40 === 0) {
            const res = await admin.post<{ message: { id: number } }>('/api/staff/marquee', body);
            editId = res.body.message.id;
            return res;
          }
          return admin.put(`/api/staff/marquee/${editId}`, body);
        });
      }
      // 300 hearings × 4 state changes spread over the day.
      if (step % 2 === 1 && hearingStep < hearingIds.length * states.length) {
        const id = hearingIds[Math.floor(hearingStep / states.length)]!;
        const to = states[hearingStep % states.length]!;
        hearingStep++;
        await timed('hearing', () => admin.post(`/api/staff/hearings/${id}/state`, { to }));
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    const endHeap = heapAfterGc();
    for (const [kind, list] of Object.entries(times)) line(`  ${kind} (${list.length})`, summary(list));
    const growth = (endHeap - startHeap) / startHeap;
    const gcNote = (globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a full collection)';
    console.log(`  heap after GC: start ${(startHeap / 1e6).toFixed(1)} MB, end ${(endHeap / 1e6).toFixed(1)} MB, growth ${(growth * 100).toFixed(1)}% (target < 10%)${gcNote}`);
  } finally {
    for (const ws of boards) ws.close();
    await t.stop();
    sites.cleanup();
  }
}

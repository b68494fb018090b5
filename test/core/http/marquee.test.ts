import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EmergencyState, MarqueeBoard, ServerMessage } from '../../../core/contract';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: ReturnType<typeof httpClient>;
let desk: ReturnType<typeof httpClient>;
let counter: ReturnType<typeof httpClient>;

const message = {
  zh: '新修正法令：刑事訴訟法部分條文',
  en: 'Amended law: Code of Criminal Procedure',
  category: 'law',
  priority: 4,
  startsAt: null,
  endsAt: null,
  days: [],
  hoursFrom: null,
  hoursTo: null,
  targets: ['screen:calls', 'sign:lobby-led'],
};

async function as(username: string, roles: string[]) {
  await admin.post('/api/staff/users', { username, displayName: username, password: 'staff-password', roles });
  const c = httpClient(t.url);
  await c.post('/api/staff/login', { username, password: 'staff-password' });
  await c.refreshCsrf();
  return c;
}

beforeAll(async () => {
  t = await startTestLobby();
  admin = httpClient(t.url);
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
  await admin.refreshCsrf();
  desk = await as('desk1', ['desk']);
  counter = await as('counter1', ['counter']);
});
afterAll(async () => {
  await t.stop();
});

function watch(topic: string) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
  const seen: unknown[] = [];
  ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] })));
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    if (m.type === 'snapshot') seen.push(m.data);
  });
  return { ws, seen };
}

async function until(cond: () => boolean, ms = 3000) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('marquee over HTTP', () => {
  it('desk staff write a message and every /calls board gets it live, as text', async () => {
    const board = watch('marquee');
    await until(() => board.seen.length > 0);
    const created = await desk.post<{ message: { id: number } }>('/api/staff/marquee', { ...message, en: '<img src=x onerror=alert(1)>' });
    expect(created.status).toBe(201);
    await until(() => (board.seen.at(-1) as MarqueeBoard).screens.calls.some((m) => m.id === created.body.message.id));
    expect((board.seen.at(-1) as MarqueeBoard).screens.calls.find((m) => m.id === created.body.message.id)?.en).toBe('<img src=x onerror=alert(1)>');
    const edited = await fetch(`${t.url}/api/staff/marquee/${created.body.message.id}`, { method: 'DELETE' });
    expect(edited.status).toBe(401);
    board.ws.close();
  });

  it('refuses bad messages with the field and the reason, and writes nothing', async () => {
    const before = ((await desk.get<{ messages: unknown[] }>('/api/staff/marquee')).body.messages).length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...message, zh: '' }, /Chinese text is empty/],
      [{ ...message, en: 'x'.repeat(301) }, /longer than 300/],
      [{ ...message, zh: 'bell\u0007' }, /control characters/],
      [{ ...message, targets: [] }, /at least one/],
      [{ ...message, targets: ['sign:nowhere'] }, /unknown sign:nowhere/],
      [{ ...message, targets: ['screen:bathroom'] }, /screen:<board>/],
      [{ ...message, priority: 9 }, /priority/],
      [{ ...message, startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-11-01T00:00:00+08:00' }, /end is before the start/],
      [{ ...message, hoursFrom: '08:00' }, /both hours/],
      [{ ...message, startsAt: 'tomorrow' }, /startsAt/],
    ];
    for (const [body, reason] of cases) {
      const res = await desk.post<{ message: string }>('/api/staff/marquee', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.message).toMatch(reason);
    }
    expect(((await desk.get<{ messages: unknown[] }>('/api/staff/marquee')).body.messages).length).toBe(before);
  });

  it('only desk staff and admins write messages; only admins raise an emergency', async () => {
    expect((await counter.post('/api/staff/marquee', message)).status).toBe(403);
    expect((await desk.post('/api/staff/emergency', { kind: 'fire', zh: '火警', en: 'Fire', endsAt: null })).status).toBe(403);
  });

  it('an emergency takes over the public topic and clears', async () => {
    const em = watch('emergency');
    await until(() => em.seen.length > 0);
    const raised = await admin.post('/api/staff/emergency', { kind: 'earthquake', zh: '地震，請就地掩護', en: 'Earthquake: drop, cover, hold on', endsAt: null });
    expect(raised.status).toBe(201);
    await until(() => (em.seen.at(-1) as EmergencyState).active?.kind === 'earthquake');
    expect((await admin.post('/api/staff/emergency/clear', {})).status).toBe(200);
    await until(() => (em.seen.at(-1) as EmergencyState).active === null);
    const audit = await admin.get<{ entries: { action: string; actor: string }[] }>('/api/staff/audit');
    expect(audit.body.entries.filter((e) => e.action.startsWith('emergency.')).map((e) => [e.action, e.actor])).toEqual([
      ['emergency.clear', 'chen'],
      ['emergency.raise', 'chen'],
    ]);
    em.ws.close();
  });
});

describe('LED signs', () => {
  it('show the active messages (Onbon: Chinese and English; Alpha: English), take over in an emergency, and get the messages back after going away', async () => {
    const sim = () => t.lobby.simPanel.snapshot().signs;
    await desk.post('/api/staff/marquee', { ...message, zh: '接見時間調整公告', en: 'New visiting hours' });
    await until(() => sim().find((s) => s.id === 'lobby-led')!.messages.some((m) => m.text.includes('接見時間調整公告')));
    const onbon = sim().find((s) => s.id === 'lobby-led')!;
    expect(onbon.messages.map((m) => m.text).join(' ')).toContain('New visiting hours');
    expect(onbon.badFrames).toBe(0);

    await desk.post('/api/staff/marquee', { ...message, zh: '只給入口', en: 'Entrance only', targets: ['sign:entrance-led'] });
    await until(() => sim().find((s) => s.id === 'entrance-led')!.messages.some((m) => m.text === 'Entrance only'));
    expect(sim().find((s) => s.id === 'entrance-led')!.messages.map((m) => m.text).join(' ')).not.toMatch(/\p{Script=Han}/u);

    await admin.post('/api/staff/emergency', { kind: 'fire', zh: '火警，請疏散', en: 'Fire: please evacuate', endsAt: null });
    await until(() => sim().every((s) => s.messages.length === 1 && s.messages[0]!.text.includes('evacuate')));
    await admin.post('/api/staff/emergency/clear', {});
    await until(() => sim().find((s) => s.id === 'lobby-led')!.messages.some((m) => m.text.includes('接見時間調整公告')));

    expect((await admin.post('/api/devices/sim/sign', { id: 'lobby-led', offline: true })).status).toBe(200);
    await until(() => sim().find((s) => s.id === 'lobby-led')!.offline);
    expect((await admin.post('/api/devices/sim/sign', { id: 'lobby-led', offline: false })).status).toBe(200);
    // The card comes back blank; the lobby notices it answering again and resends.
    await until(() => sim().find((s) => s.id === 'lobby-led')!.messages.some((m) => m.text.includes('接見時間調整公告')), 15_000);
  }, 30_000);
});

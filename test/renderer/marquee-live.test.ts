/**
 * The marquee's store side: a screen says hello and takes extra public topics
 * on its one socket; the staff slice's requests (DELETE without a body, CSRF
 * on every change, the server's message kept); the sign simulator switch;
 * the emergency announcement (three chimes, then the voices there are, on the
 * board's held line).
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { MarqueeMessageInput } from '../../core/contract';
import type { ClipPlayer, Speaker } from '../../renderer/audio/announcer';
import { announceEmergency, emergencySteps } from '../../renderer/components/marquee/emergency-sound';
import { LiveClient, helloFor } from '../../renderer/client/live';
import { createDevicesStore } from '../../renderer/apps/devices/store';
import { createCaller } from '../../renderer/client/call';
import { createEmergencyApi } from '../../renderer/features/emergency/api';
import { createEmergencySlice, type EmergencySlice } from '../../renderer/features/emergency/slice';
import { createMarqueeApi } from '../../renderer/features/marquee/api';
import { createMarqueeSlice, type MarqueeSlice } from '../../renderer/features/marquee/slice';
import { bridgeLive, createLiveSlice, screenLive, type LiveSlice } from '../../renderer/features/live/slice';
import { FakeSocket, noTimers } from '../helpers/fake-socket';
import { marqueeMessage } from '../helpers/fixtures';

describe('hello and extra topics on the screen socket', () => {
  it('says hello once the socket opens, after subscribing, on every (re)connection', () => {
    FakeSocket.all = [];
    const client = new LiveClient({ url: 'ws://x/live', topics: ['queue.board'], onSnapshot: () => undefined, WebSocket: FakeSocket, hello: { screen: 'calls', path: '/calls/hall-a' }, ...noTimers });
    client.start();
    const ws = FakeSocket.all[0]!;
    expect(ws.sent).toEqual([]);
    ws.open();
    expect(ws.messages()).toEqual([
      { type: 'subscribe', topics: ['queue.board'] },
      { type: 'hello', screen: 'calls', path: '/calls/hall-a' },
    ]);
    client.reopen();
    FakeSocket.all[1]!.open();
    expect(FakeSocket.all[1]!.messages()[1]).toEqual({ type: 'hello', screen: 'calls', path: '/calls/hall-a' });
  });

  it('without the option, no hello (as before)', () => {
    FakeSocket.all = [];
    const client = new LiveClient({ url: 'ws://x/live', topics: ['queue.board'], onSnapshot: () => undefined, WebSocket: FakeSocket, ...noTimers });
    client.start();
    FakeSocket.all[0]!.open();
    expect(FakeSocket.all[0]!.messages()).toEqual([{ type: 'subscribe', topics: ['queue.board'] }]);
  });

  it('the hello carries the screen and a path the server accepts; a phone never sends its ticket token', () => {
    expect(helloFor('calls', '/calls')).toEqual({ screen: 'calls', path: '/calls' });
    expect(helloFor('hearings', '/hearings/room-3')).toEqual({ screen: 'hearings', path: '/hearings/room-3' });
    expect(helloFor('phone', '/phone/t/SECRET-token')).toEqual({ screen: 'phone', path: '/phone' });
    expect(helloFor('kiosk', '/kiosk/%E4%B8%AD')).toEqual({ screen: 'kiosk', path: '/kiosk' });
    expect(helloFor('kiosk', `/${'a'.repeat(200)}`)).toEqual({ screen: 'kiosk', path: '/kiosk' });
    expect(helloFor(undefined, '/calls')).toBeUndefined();
    expect(helloFor('Calls!', '/calls')).toBeUndefined();
  });

  it('addTopics subscribes at once when open, only to what is new, and keeps them across reopen()', () => {
    FakeSocket.all = [];
    const client = new LiveClient({ url: 'ws://x/live', topics: ['queue.board'], onSnapshot: () => undefined, WebSocket: FakeSocket, ...noTimers });
    client.start();
    client.addTopics(['emergency']); // not open yet: part of the first subscribe
    const ws = FakeSocket.all[0]!;
    ws.open();
    expect(ws.messages()).toEqual([{ type: 'subscribe', topics: ['queue.board', 'emergency'] }]);
    client.addTopics(['emergency', 'marquee']);
    expect(ws.messages().at(-1)).toEqual({ type: 'subscribe', topics: ['marquee'] });
    client.addTopics(['marquee']);
    expect(ws.sent).toHaveLength(2);
    // the staff console reopens with its own list after signing in: the added topics stay
    client.reopen(['queue.board', 'devices.health']);
    FakeSocket.all[1]!.open();
    expect(FakeSocket.all[1]!.messages()[0]).toEqual({ type: 'subscribe', topics: ['queue.board', 'devices.health', 'emergency', 'marquee'] });
    expect(client.subscribed).toEqual(['queue.board', 'devices.health', 'emergency', 'marquee']);
  });

  it('bridgeLive registers the screen socket for the band and the overlay', () => {
    FakeSocket.all = [];
    const store = createStore<LiveSlice>()((...a) => ({ ...createLiveSlice()(...a) }));
    const client = bridgeLive(store, ['queue.board'], { url: 'ws://x/live', WebSocket: FakeSocket, ...noTimers });
    expect(screenLive()?.client).toBe(client);
    expect(screenLive()?.store).toBe(store);
    client.stop();
  });
});

// ---- the staff slice over a fake fetch ---------------------------------------------------------

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeFetch(answer: (req: Seen) => { status: number; body?: unknown }) {
  const seen: Seen[] = [];
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const req: Seen = { method: init?.method ?? 'GET', url, headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body as string | undefined };
    seen.push(req);
    const a = answer(req);
    return new Response(a.body === undefined ? '' : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

const input: MarqueeMessageInput = { zh: '公告', en: 'Notice', category: 'news', priority: 3, startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null, targets: ['screen:calls'] };

function sliceWith(answer: (req: Seen) => { status: number; body?: unknown }) {
  const f = fakeFetch(answer);
  let lost = 0;
  const http = createCaller({ fetch: f.fetch, csrfToken: () => 'csrf-1' });
  const store = createStore<MarqueeSlice & EmergencySlice>()((...a) => ({
    ...createMarqueeSlice(createMarqueeApi(http), () => lost++)(...a),
    ...createEmergencySlice(createEmergencyApi(http), () => lost++)(...a),
  }));
  return { store, seen: f.seen, lost: () => lost };
}

describe('the staff marquee and emergency slices', () => {
  it('creates with POST and the CSRF token, then reloads the list', async () => {
    const { store, seen } = sliceWith((req) =>
      req.method === 'POST' ? { status: 201, body: { message: marqueeMessage() } } : { status: 200, body: { messages: [marqueeMessage()] } },
    );
    const saved = await store.getState().saveMarquee(null, input);
    expect(saved?.id).toBe(7);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/staff/marquee' });
    expect(seen[0]!.headers['x-csrf-token']).toBe('csrf-1');
    expect(JSON.parse(seen[0]!.body!)).toEqual(input);
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/api/staff/marquee' });
    expect(store.getState().marqueeMessages?.map((m) => m.id)).toEqual([7]);
  });

  it('edits with PUT to the message', async () => {
    const { store, seen } = sliceWith((req) => (req.method === 'PUT' ? { status: 200, body: { message: marqueeMessage({ en: 'Changed' }) } } : { status: 200, body: { messages: [] } }));
    expect((await store.getState().saveMarquee(7, { ...input, en: 'Changed' }))?.en).toBe('Changed');
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/api/staff/marquee/7' });
  });

  it('deletes with DELETE, no body and no content type', async () => {
    const { store, seen } = sliceWith((req) => (req.method === 'DELETE' ? { status: 200, body: { ok: true } } : { status: 200, body: { messages: [] } }));
    expect(await store.getState().deleteMarquee(7)).toBe(true);
    expect(seen[0]!.method).toBe('DELETE');
    expect(seen[0]!.url).toBe('/api/staff/marquee/7');
    expect(seen[0]!.body).toBeUndefined();
    expect(Object.keys(seen[0]!.headers).map((h) => h.toLowerCase())).not.toContain('content-type');
    expect(seen[0]!.headers['x-csrf-token']).toBe('csrf-1');
  });

  it("keeps the server's message (it names the field) and tells the console when the session is gone", async () => {
    const { store, lost } = sliceWith(() => ({ status: 400, body: { error: 'invalid', message: 'targets: unknown sign:nowhere' } }));
    expect(await store.getState().saveMarquee(null, input)).toBeNull();
    expect(store.getState().marqueeError).toBe('targets: unknown sign:nowhere');
    expect(store.getState().marqueeBusy).toBeNull();
    const gone = sliceWith(() => ({ status: 401, body: { error: 'unauthorized', message: 'Please sign in.' } }));
    await gone.store.getState().loadMarquee();
    expect(gone.store.getState().marqueeLoadError).toBe('Please sign in.');
    expect(gone.lost()).toBe(1);
    void lost;
  });

  it('raises and clears an emergency with the CSRF token', async () => {
    const e = { id: 3, kind: 'fire', zh: '火警', en: 'Fire', raisedAt: '2026-11-26T09:00:00+08:00', endsAt: null };
    const { store, seen } = sliceWith((req) => (req.url.endsWith('/clear') ? { status: 200, body: { ok: true } } : { status: 201, body: { emergency: e } }));
    expect(await store.getState().raiseEmergency({ kind: 'fire', zh: '火警', en: 'Fire', endsAt: null })).toEqual(e);
    expect(await store.getState().clearEmergency()).toBe(true);
    expect(seen.map((s) => [s.method, s.url, s.headers['x-csrf-token']])).toEqual([
      ['POST', '/api/staff/emergency', 'csrf-1'],
      ['POST', '/api/staff/emergency/clear', 'csrf-1'],
    ]);
  });
});

describe('the sign simulator switch', () => {
  const me = (roles: string[], csrfToken: string) => ({ user: { id: 1, username: 'admin', displayName: 'Admin', roles }, csrfToken, needsSetup: false });
  it('asks for an admin signed in, then posts with its CSRF token', async () => {
    const admin = fakeFetch((req) =>
      req.url === '/api/staff/me' ? { status: 200, body: me(['admin'], 't-9') } : { status: 200, body: { id: 'lobby-led', offline: true } },
    );
    const offline = (fetch: typeof admin.fetch, id: string) => createDevicesStore({ fetch }).getState().setSignOffline(id, true);
    expect(await offline(admin.fetch, 'lobby-led')).toBeNull();
    expect(admin.seen[1]).toMatchObject({ method: 'POST', url: '/api/devices/sim/sign' });
    expect(admin.seen[1]!.headers['x-csrf-token']).toBe('t-9');
    expect(JSON.parse(admin.seen[1]!.body!)).toEqual({ id: 'lobby-led', offline: true });

    const desk = fakeFetch(() => ({ status: 200, body: me(['desk'], 't') }));
    expect(await offline(desk.fetch, 'lobby-led')).toMatchObject({ kind: 'signin' });
    expect(desk.seen).toHaveLength(1);

    const missing = fakeFetch((req) =>
      req.url === '/api/staff/me' ? { status: 200, body: me(['admin'], 't') } : { status: 404, body: { error: 'not_found', message: 'No simulated sign x.' } },
    );
    expect(await offline(missing.fetch, 'x')).toEqual({ kind: 'not-simulated', message: 'No simulated sign x.' });
  });
});

// ---- the emergency announcement ---------------------------------------------------------------------

function players(opts: { voices?: ('zh' | 'en')[]; failClip?: number; hangSpeech?: boolean } = {}) {
  const played: string[] = [];
  let clipCount = 0;
  let stopped = 0;
  const clips: ClipPlayer = {
    play: async (clip) => {
      clipCount++;
      played.push(clip);
      if (opts.failClip === clipCount) throw new Error('no such clip');
    },
    stop: () => void stopped++,
    preload: () => undefined,
  };
  const speech: Speaker = {
    hasVoice: (lang) => (opts.voices ?? []).includes(lang),
    speak: (text, lang) => {
      played.push(`${lang}:${text}`);
      return opts.hangSpeech ? new Promise<void>(() => undefined) : Promise.resolve();
    },
    cancel: () => void stopped++,
  };
  return { clips, speech, played, stopped: () => stopped };
}

describe('the emergency announcement', () => {
  const text = { zh: '地震，請就地掩護', en: 'Earthquake: drop, cover, hold on' };

  it('chimes three times, then speaks Chinese and English when voices exist', async () => {
    const p = players({ voices: ['zh', 'en'] });
    const steps = await announceEmergency(text, p).done;
    expect(steps).toEqual(['chime', 'chime', 'chime', 'speak:zh', 'speak:en']);
    expect(p.played).toEqual(['chime', 'chime', 'chime', `zh:${text.zh}`, `en:${text.en}`]);
  });

  it('without a voice: the chimes alone; a failed chime is skipped', async () => {
    expect(emergencySteps(text, null).map((s) => s.kind)).toEqual(['clip', 'clip', 'clip']);
    const p = players({ failClip: 2 });
    expect(await announceEmergency(text, p).done).toEqual(['chime', 'chime!error', 'chime']);
  });

  it('a voice that hangs is stopped after its timeout', async () => {
    const timers: (() => void)[] = [];
    const p = players({ voices: ['zh'], hangSpeech: true });
    const run = announceEmergency(text, {
      ...p,
      setTimer: (fn) => {
        timers.push(fn);
        return timers.length;
      },
      clearTimer: () => undefined,
    });
    await new Promise((r) => setTimeout(r, 0));
    timers.at(-1)!(); // the utterance's timeout
    expect(await run.done).toEqual(['chime', 'chime', 'chime', 'speak:zh!timeout']);
    expect(p.stopped()).toBeGreaterThan(0);
  });

  it("holds the board's line before its first chime and lets it go when done or cancelled", async () => {
    const events: string[] = [];
    const p = players({ voices: ['zh', 'en'] });
    const hold = () => {
      events.push('hold');
      return () => events.push('release');
    };
    const clips: ClipPlayer = { ...p.clips, play: (clip) => (events.push(clip), p.clips.play(clip)) };
    await announceEmergency(text, { ...p, clips, hold }).done;
    expect(events).toEqual(['hold', 'chime', 'chime', 'chime', 'release']);

    events.length = 0;
    const hung = players({ voices: ['zh'], hangSpeech: true });
    const run = announceEmergency(text, { ...hung, hold });
    await new Promise((r) => setTimeout(r, 0));
    run.cancel();
    expect(hung.stopped()).toBe(1); // silenced before the line is let go
    await run.done;
    expect(events).toEqual(['hold', 'release']); // released once
  });

  it('stops at once when the emergency is cleared', async () => {
    const p = players({ voices: ['zh', 'en'], hangSpeech: true });
    const run = announceEmergency(text, p);
    await new Promise((r) => setTimeout(r, 0));
    run.cancel();
    const steps = await run.done;
    expect(steps).toEqual(['chime', 'chime', 'chime']);
    expect(p.stopped()).toBe(1);
  });
});

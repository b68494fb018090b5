/**
 * The staff editor's LED sign preview, store side: the server is asked as
 * staff type, once typing pauses (250 ms); the answer to the latest draft
 * wins; while one is on its way the previous preview stays; a failure is a
 * note, never a throw; the request is a GET with the draft in the query.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ROUTES, type SignPreview, type SignPreviewQuery } from '../../core/contract';
import { ApiError, createCaller } from '../../renderer/client/call';
import { createMarqueeApi, type MarqueeApi } from '../../renderer/features/marquee/api';
import { createMarqueeSlice, NO_SIGN_PREVIEW, SIGN_PREVIEW_DEBOUNCE_MS, type MarqueeSlice } from '../../renderer/features/marquee/slice';
import { deferred } from '../helpers/deferred';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function sign(text: string): SignPreview {
  return { id: 'lobby-led', protocol: 'onbon-bx', text, runs: [{ text }], replaced: [], tooLong: false };
}

/** A slice with a hand-driven clock and an API whose answers the test gives. */
function setup() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
  };
  const calls: { draft: SignPreviewQuery; signal: AbortSignal | undefined; answer: ReturnType<typeof deferred<SignPreview[]>> }[] = [];
  const api = {
    signPreview: (draft: SignPreviewQuery, signal?: AbortSignal) => {
      const answer = deferred<SignPreview[]>();
      calls.push({ draft, signal, answer });
      return answer.promise;
    },
  } as unknown as MarqueeApi;
  let lost = 0;
  const store = createStore<MarqueeSlice>()(
    createMarqueeSlice(api, () => (lost += 1), {
      setTimer: (fn, ms) => {
        const id = nextId++;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimer: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    }),
  );
  return { store, calls, advance, pending: () => timers.length, lost: () => lost };
}

describe('the sign preview as staff type', () => {
  it('asks once typing pauses for 250 ms, with the trimmed draft, a side not typed left out', async () => {
    const { store, calls, advance } = setup();
    expect(SIGN_PREVIEW_DEBOUNCE_MS).toBe(250);
    store.getState().previewSigns('公', '');
    advance(100);
    store.getState().previewSigns('公告', '');
    advance(100);
    store.getState().previewSigns(' 公告 ', ' '); // the same draft once trimmed: the pause counts from '公告'
    advance(149);
    expect(calls).toHaveLength(0);
    expect(store.getState().signPreview).toMatchObject({ signs: null, loading: true, error: null });
    advance(1);
    expect(calls.map((c) => c.draft)).toEqual([{ zh: '公告' }]);
    calls[0]!.answer.resolve([sign('公告')]);
    await flush();
    expect(store.getState().signPreview).toEqual({ signs: [sign('公告')], for: { zh: '公告', en: '' }, loading: false, error: null });
  });

  it('the same draft again asks nothing; both sides empty clears the preview and asks nothing', async () => {
    const { store, calls, advance, pending } = setup();
    store.getState().previewSigns('公告', 'Notice');
    advance(250);
    calls[0]!.answer.resolve([sign('公告 Notice')]);
    await flush();
    store.getState().previewSigns('公告 ', 'Notice');
    advance(1000);
    expect(calls).toHaveLength(1);
    expect(store.getState().signPreview.loading).toBe(false);
    store.getState().previewSigns('  ', '');
    expect(store.getState().signPreview).toEqual(NO_SIGN_PREVIEW);
    expect(pending()).toBe(0);
    advance(1000);
    expect(calls).toHaveLength(1);
  });

  it('while the next answer is on its way the previous preview stays', async () => {
    const { store, calls, advance } = setup();
    store.getState().previewSigns('甲', '');
    advance(250);
    calls[0]!.answer.resolve([sign('甲')]);
    await flush();
    store.getState().previewSigns('甲乙', '');
    expect(store.getState().signPreview).toMatchObject({ signs: [sign('甲')], for: { zh: '甲', en: '' }, loading: true });
    advance(250);
    await flush();
    expect(store.getState().signPreview).toMatchObject({ signs: [sign('甲')], loading: true });
    calls[1]!.answer.resolve([sign('甲乙')]);
    await flush();
    expect(store.getState().signPreview).toMatchObject({ signs: [sign('甲乙')], for: { zh: '甲乙', en: '' }, loading: false });
  });

  it('the latest draft wins: an older answer arriving late is dropped (and its request aborted)', async () => {
    const { store, calls, advance } = setup();
    store.getState().previewSigns('舊', '');
    advance(250);
    store.getState().previewSigns('新', '');
    expect(calls[0]!.signal?.aborted).toBe(true);
    advance(250);
    calls[1]!.answer.resolve([sign('新')]);
    await flush();
    calls[0]!.answer.resolve([sign('舊')]);
    await flush();
    expect(store.getState().signPreview).toMatchObject({ signs: [sign('新')], for: { zh: '新', en: '' }, loading: false });
  });

  it('an older answer arriving while the newer draft still waits for its pause is dropped too', async () => {
    const { store, calls, advance } = setup();
    store.getState().previewSigns('舊', '');
    advance(250);
    store.getState().previewSigns('新', ''); // debouncing: not asked yet
    calls[0]!.answer.resolve([sign('舊')]);
    await flush();
    expect(store.getState().signPreview).toMatchObject({ signs: null, loading: true });
    advance(250);
    calls[1]!.answer.resolve([sign('新')]);
    await flush();
    expect(store.getState().signPreview.signs).toEqual([sign('新')]);
  });

  it('a failure keeps the last preview with the reason as a note; the next answer clears it; a 401 ends the session', async () => {
    const { store, calls, advance, lost } = setup();
    store.getState().previewSigns('甲', '');
    advance(250);
    calls[0]!.answer.resolve([sign('甲')]);
    await flush();
    store.getState().previewSigns('甲'.repeat(301), '');
    advance(250);
    calls[1]!.answer.reject(new ApiError(400, 'invalid', 'zh: the Chinese text is longer than 300 characters'));
    await flush();
    expect(store.getState().signPreview).toEqual({
      signs: [sign('甲')],
      for: { zh: '甲', en: '' },
      loading: false,
      error: 'zh: the Chinese text is longer than 300 characters',
    });
    // the same draft again asks again (the server may be back)
    store.getState().previewSigns('甲'.repeat(301), '');
    advance(250);
    expect(calls).toHaveLength(3);
    calls[2]!.answer.reject(new ApiError(401, 'unauthorized', 'Please sign in.'));
    await flush();
    expect(lost()).toBe(1);
    store.getState().previewSigns('甲乙', '');
    advance(250);
    calls[3]!.answer.resolve([sign('甲乙')]);
    await flush();
    expect(store.getState().signPreview).toMatchObject({ signs: [sign('甲乙')], error: null });
  });

  it('a failure for an older draft is dropped, not shown', async () => {
    const { store, calls, advance } = setup();
    store.getState().previewSigns('舊', '');
    advance(250);
    store.getState().previewSigns('新', '');
    calls[0]!.answer.reject(new ApiError(0, 'network', 'offline'));
    await flush();
    expect(store.getState().signPreview.error).toBeNull();
  });
});

describe('the request', () => {
  it('a GET with the draft in the query, no CSRF token, validated against the contract', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const body = { signs: [sign('公告 ?n?code')] };
    const api = createMarqueeApi(
      createCaller({
        csrfToken: () => 'csrf-1',
        fetch: async (url, init) => {
          seen.push({ url, init });
          return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
        },
      }),
    );
    expect(await api.signPreview({ zh: '公告 & ?', en: 'Ünïcode' })).toEqual(body.signs);
    const url = new URL(seen[0]!.url, 'http://x');
    expect(url.pathname).toBe(ROUTES.signPreview.path);
    expect(Object.fromEntries(url.searchParams)).toEqual({ zh: '公告 & ?', en: 'Ünïcode' });
    expect(seen[0]!.init?.method).toBe('GET');
    expect((seen[0]!.init?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    await api.signPreview({ en: 'x' });
    expect(new URL(seen[1]!.url, 'http://x').search).toBe('?en=x');
  });

  it('an answer not in the contract is an error', async () => {
    const api = createMarqueeApi(createCaller({ csrfToken: () => null, fetch: async () => new Response(JSON.stringify({ signs: [{ id: 1 }] }), { status: 200 }) }));
    await expect(api.signPreview({ zh: '甲' })).rejects.toMatchObject({ code: 'bad_response' });
  });
});

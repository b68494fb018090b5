import { describe, expect, it, vi } from 'vitest';
import { KIOSK_CREDENTIAL_HEADER, RATING_REASONS, type RatingPrompts } from '../../core/contract';
import { createKioskApi, createKioskStore } from '../../renderer/apps/kiosk/store';
import { createRateStore } from '../../renderer/apps/rate/store';
import { createCaller } from '../../renderer/client/call';
import { IDLE, counterIdFromPath, promptFor, rateReducer, ratingRequest, type RateFlow } from '../../renderer/features/rating/flow';

const prompts = (id: string | null, counterId = 'c1'): RatingPrompts => ({
  counters: [
    { counterId, prompt: id ? { id, serviceId: 'consult', expiresAt: '2026-11-26T14:08:00+08:00' } : null },
    { counterId: 'other', prompt: { id: 'someone-elses-prompt', serviceId: 'bail', expiresAt: '2026-11-26T14:08:00+08:00' } },
  ],
});

describe('the rating flow (face → reasons → thanks)', () => {
  it('a prompt for this counter shows the faces; none keeps it calm', () => {
    expect(rateReducer(IDLE, { type: 'prompt', promptId: null })).toBe(IDLE);
    expect(rateReducer(IDLE, { type: 'prompt', promptId: 'p-0123456789' })).toEqual({ step: 'faces', target: { promptId: 'p-0123456789' } });
  });

  it('the faces follow the prompt: gone (expired) → calm; a newer one replaces it', () => {
    const faces: RateFlow = { step: 'faces', target: { promptId: 'p-0123456789' } };
    expect(rateReducer(faces, { type: 'prompt', promptId: null })).toEqual(IDLE);
    expect(rateReducer(faces, { type: 'prompt', promptId: 'p-0123456789' })).toBe(faces);
    expect(rateReducer(faces, { type: 'prompt', promptId: 'p-newer-45678' })).toEqual({ step: 'faces', target: { promptId: 'p-newer-45678' } });
  });

  it('a face, then reasons toggled (kept in contract order), then submit → sending → thanks → idle', () => {
    let s: RateFlow = { step: 'faces', target: { promptId: 'p-0123456789' } };
    s = rateReducer(s, { type: 'face', score: 5 });
    expect(s).toEqual({ step: 'reasons', target: { promptId: 'p-0123456789' }, score: 5, reasons: [] });
    s = rateReducer(s, { type: 'reason', reason: 'friendly' });
    s = rateReducer(s, { type: 'reason', reason: 'fast' });
    s = rateReducer(s, { type: 'reason', reason: 'clear' });
    s = rateReducer(s, { type: 'reason', reason: 'clear' }); // off again
    expect(s.step === 'reasons' && s.reasons).toEqual(['fast', 'friendly']);
    s = rateReducer(s, { type: 'face', score: 4 }); // changing one's mind keeps the reasons
    expect(s.step === 'reasons' && s.score).toBe(4);
    // a prompt change while choosing does not interrupt the citizen
    expect(rateReducer(s, { type: 'prompt', promptId: null })).toBe(s);
    expect(rateReducer(s, { type: 'prompt', promptId: 'p-0123456789' })).toBe(s);
    // … but the counter finishing the next ticket asks the next citizen
    expect(rateReducer(s, { type: 'prompt', promptId: 'p-next-456789' })).toEqual({ step: 'faces', target: { promptId: 'p-next-456789' } });
    s = rateReducer(s, { type: 'submit' });
    expect(s.step).toBe('sending');
    expect(ratingRequest(s)).toEqual({ promptId: 'p-0123456789', score: 4, reasons: ['fast', 'friendly'] });
    expect(rateReducer(s, { type: 'submit' })).toBe(s); // a second tap sends nothing more
    expect(rateReducer(s, { type: 'face', score: 1 })).toBe(s);
    s = rateReducer(s, { type: 'sent' });
    expect(s).toEqual({ step: 'thanks' });
    expect(rateReducer(s, { type: 'done' })).toEqual(IDLE);
  });

  it('a prompt already answered here is not offered again', () => {
    expect(rateReducer(IDLE, { type: 'prompt', promptId: 'p-0123456789' }, new Set(['p-0123456789']))).toBe(IDLE);
  });

  it('nothing is sent before a face is chosen, and reasons need a face', () => {
    const faces: RateFlow = { step: 'faces', target: { promptId: 'p-0123456789' } };
    expect(rateReducer(faces, { type: 'submit' })).toBe(faces);
    expect(rateReducer(faces, { type: 'reason', reason: 'fast' })).toBe(faces);
    expect(ratingRequest(faces)).toBeNull();
  });

  it('the kiosk flow: service → faces → reasons; its request names the service, no prompt', () => {
    let s = rateReducer(IDLE, { type: 'open-kiosk' });
    expect(s).toEqual({ step: 'service' });
    expect(rateReducer(s, { type: 'prompt', promptId: 'p-0123456789' })).toBe(s);
    s = rateReducer(s, { type: 'service', serviceId: 'consult' });
    s = rateReducer(s, { type: 'face', score: 2 });
    s = rateReducer(s, { type: 'reason', reason: 'wait-long' });
    s = rateReducer(s, { type: 'submit' });
    expect(ratingRequest(s)).toEqual({ serviceId: 'consult', score: 2, reasons: ['wait-long'] });
    expect(rateReducer(s, { type: 'failed' })).toEqual({ step: 'failed' });
  });

  it('every reason the contract knows can be chosen', () => {
    let s: RateFlow = { step: 'reasons', target: { serviceId: 'x' }, score: 3, reasons: [] };
    for (const r of [...RATING_REASONS].reverse()) s = rateReducer(s, { type: 'reason', reason: r });
    expect(s.step === 'reasons' && s.reasons).toEqual([...RATING_REASONS]);
  });
});

describe('paths and prompts', () => {
  it('reads the counter from /rate/<counter>', () => {
    expect(counterIdFromPath('/rate/c1')).toBe('c1');
    expect(counterIdFromPath('/rate/c1/')).toBe('c1');
    expect(counterIdFromPath('/rate')).toBeNull();
    expect(counterIdFromPath('/rate/<script>')).toBeNull();
    expect(counterIdFromPath('/kiosk/c1')).toBeNull();
  });

  it('finds this counter’s prompt only', () => {
    expect(promptFor(prompts('p-0123456789'), 'c1')?.id).toBe('p-0123456789');
    expect(promptFor(prompts(null), 'c1')).toBeNull();
    expect(promptFor(prompts('p-0123456789'), 'c9')).toBeNull();
    expect(promptFor(undefined, 'c1')).toBeNull();
  });
});

describe('the stores send one rating per tap', () => {
  function fakeFetch(status = 201) {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(status < 400 ? { ok: true } : { error: 'conflict', message: 'already rated' }), { status });
    });
    return { fetch, calls };
  }

  it('the tablet posts score and reasons for the prompt, then thanks; the prompt is not offered again', async () => {
    const { fetch, calls } = fakeFetch();
    const store = createRateStore({ fetch });
    const s = store.getState();
    s.dispatch({ type: 'prompt', promptId: 'p-0123456789' });
    s.dispatch({ type: 'face', score: 5 });
    s.dispatch({ type: 'reason', reason: 'friendly' });
    await Promise.all([store.getState().submit(), store.getState().submit()]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/ratings/counter');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ promptId: 'p-0123456789', score: 5, reasons: ['friendly'] });
    expect(store.getState().flow).toEqual({ step: 'thanks' });
    store.getState().dispatch({ type: 'done' });
    store.getState().dispatch({ type: 'prompt', promptId: 'p-0123456789' });
    expect(store.getState().flow).toEqual(IDLE);
  });

  it('a refused rating says so (failed), then calm', async () => {
    const { fetch } = fakeFetch(409);
    const store = createRateStore({ fetch });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.getState().dispatch({ type: 'prompt', promptId: 'p-0123456789' });
    store.getState().dispatch({ type: 'face', score: 1 });
    await store.getState().submit();
    warn.mockRestore();
    expect(store.getState().flow).toEqual({ step: 'failed' });
  });

  it('the kiosk posts to the kiosk route with its credential', async () => {
    const { fetch, calls } = fakeFetch();
    const store = createKioskStore(createKioskApi(createCaller({ fetch, kioskCredential: async () => 'k-123' })));
    const s = store.getState();
    s.dispatch({ type: 'open-kiosk' });
    s.dispatch({ type: 'service', serviceId: 'consult' });
    s.dispatch({ type: 'face', score: 3 });
    await store.getState().submit();
    expect(calls.map((c) => c.url)).toEqual(['/api/ratings/kiosk']);
    expect((calls[0]!.init?.headers as Record<string, string>)[KIOSK_CREDENTIAL_HEADER]).toBe('k-123');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ serviceId: 'consult', score: 3, reasons: [] });
    expect(store.getState().flow).toEqual({ step: 'thanks' });
  });
});

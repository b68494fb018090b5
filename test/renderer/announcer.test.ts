/**
 * The call board's announcer with fake players and a fake clock: order,
 * recalls, no replay after a reconnect, stuck clips, the voice path vs the
 * clips path, backlog trimming and blocked autoplay.
 */
import { describe, expect, it } from 'vitest';
import type { Call, QueueBoard } from '../../core/contract';
import { announcementFor } from '../../core/domain/queue/announce';
import {
  Announcer,
  announcedAttr,
  type AnnouncedEntry,
  type AnnouncerOptions,
  type AnnouncerTimers,
  type ClipPlayer,
  type Speaker,
  type SpeechLang,
} from '../../renderer/audio/announcer';
import { clipUrl, pickVoice } from '../../renderer/audio/browser';

const flush = () => new Promise<void>((r) => setImmediate(r));

/** Manual time: timers run only when the test advances the clock. */
function fakeClock() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: AnnouncerTimers = {
    setTimer: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimer: (h) => void pending.delete(h as number),
    now: () => now,
  };
  return {
    timers,
    get now() {
      return now;
    },
    /** Move time on, running every due timer in order and letting promises settle between them. */
    async advance(ms: number) {
      const target = now + ms;
      for (;;) {
        await flush();
        let next: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of pending) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        pending.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = target;
      await flush();
    },
  };
}

type Behaviour = number | 'stuck' | 'error' | 'blocked';

/**
 * One loudspeaker shared by the clips and the voice: it counts every time a
 * sound starts while another is still sounding (two calls talking over each other).
 */
function fakeSound(clock: ReturnType<typeof fakeClock>, opts: { clip?: (clip: string) => Behaviour; voices?: SpeechLang[]; speech?: (lang: SpeechLang) => Behaviour } = {}) {
  const heard: { what: string; at: number }[] = [];
  let sounding: string | null = null;
  let overlaps = 0;
  let stops = 0;
  const spoken: { text: string; lang: SpeechLang }[] = [];
  let blockedUntilUnlock = false;

  function start(what: string, b: Behaviour): Promise<void> {
    if (blockedUntilUnlock || b === 'blocked') {
      return Promise.reject(new DOMException('play() failed because the user did not interact with the document first.', 'NotAllowedError'));
    }
    if (sounding !== null) overlaps++;
    heard.push({ what, at: clock.now });
    if (b === 'error') return Promise.reject(new Error(`${what}: 404`));
    sounding = what;
    if (b === 'stuck') return new Promise<void>(() => undefined);
    return new Promise<void>((resolve) => {
      clock.timers.setTimer(() => {
        if (sounding === what) sounding = null;
        resolve();
      }, b);
    });
  }

  const preloaded = new Set<string>();
  const clips: ClipPlayer = {
    play: (clip) => start(clip, opts.clip?.(clip) ?? 300),
    stop: () => {
      stops++;
      sounding = null;
    },
    preload: (list) => list.forEach((c) => preloaded.add(c)),
  };
  const speech: Speaker = {
    hasVoice: (lang) => (opts.voices ?? []).includes(lang),
    speak: (text, lang) => {
      spoken.push({ text, lang });
      return start(`speak:${lang}`, opts.speech?.(lang) ?? 2000);
    },
    cancel: () => {
      stops++;
      sounding = null;
    },
  };
  return {
    clips,
    speech,
    heard,
    spoken,
    preloaded,
    get overlaps() {
      return overlaps;
    },
    get stops() {
      return stops;
    },
    blockAll(on: boolean) {
      blockedUntilUnlock = on;
    },
  };
}

const WORD = { zh: '櫃台', en: 'counter' };

function call(id: number, number: string, counter: number, over: Partial<Call> = {}): Call {
  return {
    id,
    number,
    serviceId: 'consult',
    counterId: `c${counter}`,
    counterNumber: counter,
    calledAt: `2026-11-26T10:00:${String(id % 60).padStart(2, '0')}+08:00`,
    recall: false,
    priority: false,
    announcement: announcementFor(number, counter, WORD),
    ...over,
  };
}

/** A snapshot as the server sends it: newest call first, at most 8. */
function board(calls: Call[]): QueueBoard {
  return {
    day: '2026-11-26',
    services: [{ serviceId: 'consult', waiting: 0, lastCalled: null, open: true, estimatedWaitMinutes: null }],
    recentCalls: [...calls].sort((a, b) => b.id - a.id).slice(0, 8),
  };
}

function setup(opts: Partial<AnnouncerOptions> & { sound?: Parameters<typeof fakeSound>[1] } = {}) {
  const clock = fakeClock();
  const sound = fakeSound(clock, opts.sound);
  const a = new Announcer({ clips: sound.clips, speech: sound.speech, timers: clock.timers, ...opts });
  a.onConnection('connecting');
  a.onConnection('open');
  return { clock, sound, a };
}

/** Every clip of a call, as the board should play them. */
const clipsOf = (c: Call) => c.announcement.clips;
const announced = (log: readonly AnnouncedEntry[]) => log.filter((e) => e.via !== 'dropped').map((e) => e.id);

describe('which calls are announced', () => {
  it('the first snapshot is a baseline; later new call ids are announced once', async () => {
    const { clock, sound, a } = setup();
    const old = [call(1, 'A001', 1), call(2, 'A002', 2)];
    a.onBoard(board(old));
    await clock.advance(60_000);
    expect(sound.heard).toEqual([]);
    expect(a.state.log).toEqual([]);

    const c3 = call(3, 'A003', 1);
    a.onBoard(board([...old, c3]));
    a.onBoard(board([...old, c3])); // the same snapshot again (another topic changed)
    await clock.advance(60_000);
    expect(announced(a.state.log)).toEqual([3]);
    expect(sound.heard.map((h) => h.what)).toEqual(clipsOf(c3));
  });

  it('a recall is a new call id and is announced again, marked as a recall', async () => {
    const { clock, sound, a } = setup();
    a.onBoard(board([]));
    const first = call(7, 'B012', 2);
    a.onBoard(board([first]));
    await clock.advance(30_000);
    const recall = call(8, 'B012', 2, { recall: true });
    a.onBoard(board([first, recall]));
    await clock.advance(30_000);
    expect(a.state.log.map((e) => [e.id, e.number, e.recall, e.via])).toEqual([
      [7, 'B012', false, 'clips'],
      [8, 'B012', true, 'clips'],
    ]);
    expect(sound.heard.map((h) => h.what)).toEqual([...clipsOf(first), ...clipsOf(recall)]);
  });

  it('does not replay old calls after a reconnect (the first snapshot after it is a new baseline)', async () => {
    const { clock, sound, a } = setup();
    const c1 = call(1, 'A001', 1);
    a.onBoard(board([]));
    a.onBoard(board([c1]));
    await clock.advance(30_000);
    expect(announced(a.state.log)).toEqual([1]);

    // the socket drops; meanwhile a call is made; the board reconnects
    a.onConnection('reconnecting');
    a.onConnection('open');
    const during = call(2, 'A002', 2);
    a.onBoard(board([c1, during]));
    await clock.advance(30_000);
    expect(announced(a.state.log)).toEqual([1]);

    // after the baseline, new calls are announced again
    const c3 = call(3, 'A003', 3);
    a.onBoard(board([c1, during, c3]));
    await clock.advance(30_000);
    expect(announced(a.state.log)).toEqual([1, 3]);
    expect(sound.heard.filter((h) => h.what === 'chime')).toHaveLength(2);
  });

  it('a server that starts over (lower ids after a reconnect) is followed', async () => {
    const { clock, a } = setup();
    a.onBoard(board([call(40, 'A040', 1)]));
    a.onConnection('reconnecting');
    a.onConnection('open');
    a.onBoard(board([]));
    a.onBoard(board([call(1, 'A001', 1)]));
    await clock.advance(30_000);
    expect(announced(a.state.log)).toEqual([1]);
  });
});

describe('one at a time, in call order', () => {
  it('a burst of 5 calls in one snapshot: all five, in id order, never overlapping', async () => {
    const { clock, sound, a } = setup();
    a.onBoard(board([]));
    const burst = [call(11, 'A001', 1), call(12, 'B001', 2), call(13, 'A002', 3), call(14, 'C001', 4), call(15, 'A003', 12)];
    a.onBoard(board(burst));
    expect(a.state.current).toBe(11);
    expect(a.state.pending).toBe(4);
    await clock.advance(120_000);
    expect(announced(a.state.log)).toEqual([11, 12, 13, 14, 15]);
    expect(sound.heard.map((h) => h.what)).toEqual(burst.flatMap(clipsOf));
    expect(sound.overlaps).toBe(0);
    expect(a.state.current).toBeNull();
    // everything it was going to play was fetched ahead
    for (const clip of burst.flatMap(clipsOf)) expect(sound.preloaded.has(clip)).toBe(true);
  });

  it('calls arriving while one is being announced wait their turn', async () => {
    const { clock, sound, a } = setup();
    a.onBoard(board([]));
    const calls = [call(1, 'A001', 1), call(2, 'A002', 2), call(3, 'A003', 3)];
    a.onBoard(board(calls.slice(0, 1)));
    await clock.advance(1000); // mid-announcement
    a.onBoard(board(calls.slice(0, 2)));
    await clock.advance(500);
    a.onBoard(board(calls));
    await clock.advance(120_000);
    expect(announced(a.state.log)).toEqual([1, 2, 3]);
    expect(sound.heard.map((h) => h.what)).toEqual(calls.flatMap(clipsOf));
    expect(sound.overlaps).toBe(0);
    // each announcement starts after the previous one's last clip ended
    const chimes = sound.heard.filter((h) => h.what === 'chime').map((h) => h.at);
    expect(chimes[1]! - chimes[0]!).toBe(clipsOf(calls[0]!).length * 300);
  });

  it('the log attribute lists ids and steps in order, and stays small', async () => {
    const { clock, a } = setup({ logSize: 4 });
    a.onBoard(board([]));
    const calls = Array.from({ length: 5 }, (_, i) => call(i + 1, `A00${i + 1}`, 1));
    a.onBoard(board(calls));
    await clock.advance(120_000);
    const parsed = JSON.parse(announcedAttr(a.state.log)) as { id: number; steps: string[] }[];
    expect(parsed.map((e) => e.id)).toEqual([2, 3, 4, 5]);
    expect(parsed[3]!.steps).toEqual(clipsOf(calls[4]!));
  });
});

describe('nothing stalls the queue', () => {
  it('a clip that never ends is stopped and skipped after the timeout', async () => {
    const { clock, sound, a } = setup({ clipTimeoutMs: 4000, sound: { clip: (c) => (c === 'voice/zh/dao' ? 'stuck' : 300) } });
    a.onBoard(board([]));
    const c1 = call(1, 'A001', 1);
    const c2 = call(2, 'A002', 2);
    a.onBoard(board([c1, c2]));
    await clock.advance(120_000);
    expect(announced(a.state.log)).toEqual([1, 2]);
    expect(a.state.log[0]!.steps).toContain('voice/zh/dao!timeout');
    // the rest of the call still played, and the next call too
    expect(a.state.log[0]!.steps.at(-1)).toBe('voice/en/1');
    expect(a.state.log[1]!.steps.at(-1)).toBe('voice/en/2');
    expect(sound.stops).toBeGreaterThanOrEqual(2);
    expect(sound.overlaps).toBe(0);
  });

  it('a clip that fails to load is skipped at once', async () => {
    const { clock, a } = setup({ sound: { clip: (c) => (c === 'voice/en/letter-a' ? 'error' : 300) } });
    a.onBoard(board([]));
    a.onBoard(board([call(1, 'A001', 1)]));
    await clock.advance(30_000);
    const steps = a.state.log[0]!.steps;
    expect(steps.filter((s) => s.endsWith('!error'))).toEqual(['voice/en/letter-a!error', 'voice/en/letter-a!error']);
    expect(steps).toHaveLength(clipsOf(call(1, 'A001', 1)).length);
  });

  it('keeps only the latest 5 of a long backlog', async () => {
    const { clock, sound, a } = setup();
    a.onBoard(board([]));
    const many = Array.from({ length: 8 }, (_, i) => call(i + 1, `A${String(i + 1).padStart(3, '0')}`, (i % 3) + 1));
    a.onBoard(board(many));
    await clock.advance(300_000);
    expect(announced(a.state.log)).toEqual([4, 5, 6, 7, 8]);
    expect(a.state.log.filter((e) => e.via === 'dropped').map((e) => e.id)).toEqual([1, 2, 3]);
    expect(sound.heard.filter((h) => h.what === 'chime')).toHaveLength(5);
  });

  it('trims while one is playing: that one finishes, then the latest 5', async () => {
    const { clock, a } = setup();
    a.onBoard(board([]));
    const first = call(1, 'A001', 1);
    a.onBoard(board([first]));
    await clock.advance(1000);
    const more = Array.from({ length: 7 }, (_, i) => call(i + 2, `B${String(i + 1).padStart(3, '0')}`, 2));
    a.onBoard(board([first, ...more]));
    await clock.advance(300_000);
    expect(announced(a.state.log)).toEqual([1, 4, 5, 6, 7, 8]);
  });
});

describe('voice or clips', () => {
  it('with a zh-TW voice: chime, then the Mandarin text, then the English text', async () => {
    const { clock, sound, a } = setup({ sound: { voices: ['zh', 'en'] } });
    a.onBoard(board([]));
    const c = call(5, 'A012', 3);
    a.onBoard(board([c]));
    await clock.advance(30_000);
    expect(a.state.log[0]).toMatchObject({ id: 5, via: 'speech', steps: ['chime', 'speak:zh', 'speak:en'] });
    expect(sound.spoken).toEqual([
      { text: '請 A012 號到 3 號櫃台', lang: 'zh' },
      { text: 'Number A012, please go to counter 3', lang: 'en' },
    ]);
    expect(sound.heard.map((h) => h.what)).toEqual(['chime', 'speak:zh', 'speak:en']);
    expect(sound.overlaps).toBe(0);
  });

  it('without a zh-TW voice the clips are played (an English voice alone is not enough)', async () => {
    const { clock, sound, a } = setup({ sound: { voices: ['en'] } });
    a.onBoard(board([]));
    const c = call(5, 'A012', 3);
    a.onBoard(board([c]));
    await clock.advance(30_000);
    expect(a.state.log[0]!.via).toBe('clips');
    expect(sound.spoken).toEqual([]);
    expect(sound.heard.map((h) => h.what)).toEqual(clipsOf(c));
    // chime, then Mandarin, then English
    const steps = a.state.log[0]!.steps;
    expect(steps[0]).toBe('chime');
    expect(steps.indexOf('voice/zh/qing')).toBeLessThan(steps.indexOf('voice/en/number'));
    expect(steps.slice(steps.indexOf('voice/en/number')).every((s) => s.startsWith('voice/en/'))).toBe(true);
  });

  it('a voice that fails (a network voice offline) falls back to the clips, now and for later calls', async () => {
    const { clock, sound, a } = setup({ sound: { voices: ['zh', 'en'], speech: () => 'error' } });
    a.onBoard(board([]));
    const c1 = call(1, 'A001', 1);
    const c2 = call(2, 'A002', 1);
    a.onBoard(board([c1]));
    await clock.advance(30_000);
    a.onBoard(board([c1, c2]));
    await clock.advance(30_000);
    expect(a.state.log[0]!.steps).toEqual(['chime', 'speak:zh!error', ...clipsOf(c1).slice(1)]);
    expect(a.state.log[1]!.via).toBe('clips');
    expect(a.state.log[1]!.steps).toEqual(clipsOf(c2));
    expect(sound.spoken).toHaveLength(1);
  });

  it('an utterance that never ends is cancelled after the speech timeout', async () => {
    const { clock, sound, a } = setup({ speechTimeoutMs: 10_000, sound: { voices: ['zh', 'en'], speech: (l) => (l === 'en' ? 'stuck' : 2000) } });
    a.onBoard(board([]));
    a.onBoard(board([call(1, 'A001', 1), call(2, 'A002', 1)]));
    await clock.advance(60_000);
    expect(a.state.log.map((e) => e.steps)).toEqual([
      ['chime', 'speak:zh', 'speak:en!timeout'],
      ['chime', 'speak:zh', 'speak:en!timeout'],
    ]);
    expect(sound.overlaps).toBe(0);
  });
});

describe('autoplay blocked', () => {
  it('holds the call, reports blocked, and announces it once unlocked', async () => {
    const { clock, sound, a } = setup();
    const changes: boolean[] = [];
    a.subscribe(() => changes.push(a.state.blocked));
    sound.blockAll(true);
    a.onBoard(board([]));
    const c = call(1, 'A001', 1);
    a.onBoard(board([c]));
    await clock.advance(10_000);
    expect(a.state.blocked).toBe(true);
    expect(a.state.log.at(-1)).toMatchObject({ id: 1, via: 'blocked', steps: ['chime!blocked'] });
    expect(sound.heard).toEqual([]);

    // another call while blocked waits too
    const c2 = call(2, 'A002', 2);
    a.onBoard(board([c, c2]));
    await clock.advance(10_000);
    expect(a.state.pending).toBe(2);

    sound.blockAll(false);
    a.unlock(); // the tap on the overlay
    expect(a.state.blocked).toBe(false);
    await clock.advance(60_000);
    expect(a.state.log.filter((e) => e.via === 'clips').map((e) => e.id)).toEqual([1, 2]);
    expect(sound.heard.map((h) => h.what)).toEqual([...clipsOf(c), ...clipsOf(c2)]);
    expect(changes).toContain(true);
    expect(changes.at(-1)).toBe(false);
  });

  it('calls that waited too long while blocked are dropped, not read out late', async () => {
    const { clock, sound, a } = setup({ maxWaitMs: 120_000 });
    sound.blockAll(true);
    a.onBoard(board([]));
    a.onBoard(board([call(1, 'A001', 1)]));
    await clock.advance(5 * 60_000);
    a.onBoard(board([call(1, 'A001', 1), call(2, 'A002', 1)]));
    sound.blockAll(false);
    a.unlock();
    await clock.advance(60_000);
    expect(a.state.log.filter((e) => e.via === 'dropped').map((e) => e.id)).toEqual([1]);
    expect(a.state.log.filter((e) => e.via === 'clips').map((e) => e.id)).toEqual([2]);
  });
});

describe('browser players', () => {
  it('picks a Taiwanese Mandarin voice by its language tag, machine voices first', () => {
    const v = (lang: string, name: string, localService = true) => ({ lang, name, localService });
    expect(pickVoice([v('zh-CN', 'Tingting'), v('en-US', 'Samantha')], 'zh')).toBeNull();
    expect(pickVoice([v('zh-CN', 'Tingting'), v('zh-TW', 'Meijia')], 'zh')?.name).toBe('Meijia');
    expect(pickVoice([v('zh_TW', 'Android')], 'zh')?.name).toBe('Android');
    expect(pickVoice([v('zh-Hant-TW', 'Hanhan')], 'zh')?.name).toBe('Hanhan');
    expect(pickVoice([v('cmn-Hant-TW', 'Yating')], 'zh')?.name).toBe('Yating');
    expect(pickVoice([v('zh-HK', 'Sinji')], 'zh')).toBeNull();
    expect(pickVoice([v('zh-TW', 'Google 國語（臺灣）', false), v('zh-TW', 'Microsoft Hanhan')], 'zh')?.name).toBe('Microsoft Hanhan');
    expect(pickVoice([v('zh-TW', 'Meijia'), v('en-GB', 'Daniel')], 'en')?.name).toBe('Daniel');
  });

  it('serves clips from /sounds/', () => {
    expect(clipUrl('chime')).toBe('/sounds/chime.wav');
    expect(clipUrl('voice/zh/qing')).toBe('/sounds/voice/zh/qing.wav');
  });
});

/**
 * The call board's announcer with fake players and a fake clock: order,
 * recalls, no replay after a reconnect, stuck clips, the voice path vs the
 * clips path, backlog trimming and blocked autoplay; one audio line with the
 * emergency broadcast (calls held while an emergency is active).
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
import { announceEmergency } from '../../renderer/components/marquee/emergency-sound';

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

/**
 * One loudspeaker for every player, recording each sound as a segment from its
 * start to its end ('ended' by itself or 'stopped'). Like the browser's: a
 * stopped clip's promise rejects, stop()/cancel() silence only what is sounding.
 */
function loudspeaker(clock: ReturnType<typeof fakeClock>, opts: { voices?: SpeechLang[]; clipMs?: number; speechMs?: (lang: SpeechLang, text: string) => number } = {}) {
  interface Segment {
    what: string;
    start: number;
    end: number | null;
    how: 'ended' | 'stopped' | null;
    /** Something else was still sounding when this one started. */
    over: boolean;
  }
  const segments: Segment[] = [];
  let now: { seg: Segment; reject: (e: Error) => void } | null = null;

  function start(what: string, ms: number): Promise<void> {
    const seg: Segment = { what, start: clock.now, end: null, how: null, over: now !== null };
    segments.push(seg);
    return new Promise<void>((resolve, reject) => {
      const mine = { seg, reject };
      now = mine;
      clock.timers.setTimer(() => {
        if (now !== mine) return; // stopped meanwhile
        seg.end = clock.now;
        seg.how = 'ended';
        now = null;
        resolve();
      }, ms);
    });
  }
  function stop(kind: 'clip' | 'speak') {
    if (!now || now.seg.what.startsWith('speak:') !== (kind === 'speak')) return;
    const { seg, reject } = now;
    seg.end = clock.now;
    seg.how = 'stopped';
    now = null;
    reject(new Error(`${seg.what} stopped`));
  }
  const clips: ClipPlayer = {
    play: (clip) => start(clip, opts.clipMs ?? 300),
    stop: () => stop('clip'),
    preload: () => undefined,
  };
  const speech: Speaker = {
    hasVoice: (lang) => (opts.voices ?? []).includes(lang),
    speak: (text, lang) => start(`speak:${lang}`, opts.speechMs?.(lang, text) ?? 2000),
    cancel: () => stop('speak'),
  };
  return {
    clips,
    speech,
    segments,
    get sounding(): string | null {
      return now?.seg.what ?? null;
    },
    /** No segment started while another sounded, and each ended before the next began. */
    expectNoOverlap() {
      expect(segments.filter((s) => s.over)).toEqual([]);
      for (let i = 1; i < segments.length; i++) {
        expect(segments[i - 1]!.end, `${segments[i - 1]!.what} ended before ${segments[i]!.what}`).not.toBeNull();
        expect(segments[i]!.start).toBeGreaterThanOrEqual(segments[i - 1]!.end!);
      }
    },
  };
}

const FIRE = { zh: '三樓發生火警，請由樓梯疏散', en: 'Fire on the 3rd floor: leave by the stairs' };
/** How long each of the emergency's utterances lasts (a call's lasts 2 s). */
const EMERGENCY_MS = 3000;

function lineSetup(opts: Partial<AnnouncerOptions> & { voices?: SpeechLang[] } = {}) {
  const clock = fakeClock();
  const sp = loudspeaker(clock, {
    voices: opts.voices,
    speechMs: (_lang, text) => (text === FIRE.zh || text === FIRE.en ? EMERGENCY_MS : 2000),
  });
  const a = new Announcer({ clips: sp.clips, speech: sp.speech, timers: clock.timers, ...opts });
  a.onConnection('open');
  a.onBoard(board([]));
  /** What the overlay does when an emergency is raised: hold the line, then play the emergency on it. */
  const raise = () => {
    const releaseBoard = a.hold();
    const run = announceEmergency(FIRE, {
      clips: a.clips,
      speech: a.speech,
      hold: () => a.hold(),
      setTimer: clock.timers.setTimer,
      clearTimer: clock.timers.clearTimer,
    });
    /** The emergency cleared: its sound stops at once and the line is let go. */
    const clear = () => {
      run.cancel();
      releaseBoard();
    };
    return { run, clear };
  };
  return { clock, sp, a, raise };
}

describe('one audio line with the emergency', () => {
  for (const voices of [['zh', 'en'], []] as SpeechLang[][]) {
    const path = voices.length ? 'voice' : 'clips';
    it(`(${path}) an emergency during a call cuts the call off at once; its sound plays alone; the call is announced again after the clear`, async () => {
      const { clock, sp, a, raise } = lineSetup({ voices });
      const c1 = call(1, 'A001', 1);
      a.onBoard(board([c1]));
      await clock.advance(voices.length ? 1000 : 700); // mid-call: speaking Mandarin / the third clip
      const cutStep = sp.sounding!;
      expect(a.state.current).toBe(1);

      const e = raise();
      // synchronously: the call's step is stopped before the emergency's first chime
      const cut = sp.segments.find((s) => s.what === cutStep && s.how === 'stopped');
      expect(cut, 'the call step is stopped').toBeTruthy();
      expect(cut!.end).toBe(clock.now);
      expect(sp.segments.at(-1)!.what).toBe('chime'); // the emergency's first chime, started after the stop
      expect(sp.segments.at(-1)!.start).toBe(clock.now);
      expect(a.state.held).toBe(true);

      await clock.advance(1);
      expect(a.state.current).toBeNull();
      expect(a.state.log.at(-1)).toMatchObject({ id: 1, via: 'interrupted' });
      expect(a.state.log.at(-1)!.steps.at(-1)).toBe(`${cutStep}!held`);

      const steps = await (async () => {
        await clock.advance(60_000);
        return e.run.done;
      })();
      expect(steps).toEqual(voices.length ? ['chime', 'chime', 'chime', 'speak:zh', 'speak:en'] : ['chime', 'chime', 'chime']);
      // the emergency is still on: the cut-off call waits
      expect(a.state.pending).toBe(1);
      expect(a.state.log.filter((x) => x.via !== 'interrupted')).toEqual([]);
      const emergencyEnd = sp.segments.at(-1)!.end!;

      e.clear();
      await clock.advance(60_000);
      expect(a.state.held).toBe(false);
      expect(a.state.log.map((x) => [x.id, x.via])).toEqual([
        [1, 'interrupted'],
        [1, voices.length ? 'speech' : 'clips'],
      ]);
      const again = sp.segments.filter((s) => s.start >= emergencyEnd);
      expect(again[0]!.what).toBe('chime');
      expect(again.every((s) => s.how === 'ended')).toBe(true);
      sp.expectNoOverlap();
    });
  }

  it('calls made during the emergency are not announced until it clears, then per the backlog rules', async () => {
    const { clock, sp, a, raise } = lineSetup({ maxWaitMs: 60_000 });
    const e = raise();
    await clock.advance(5000);
    const early = [call(1, 'A001', 1), call(2, 'A002', 2)];
    a.onBoard(board(early));
    await clock.advance(45_000); // t = 50 s
    const later = [3, 4, 5, 6].map((id) => call(id, `B00${id}`, id));
    a.onBoard(board([...early, ...later]));
    await clock.advance(40_000); // t = 90 s: the emergency's chimes ended long ago, calls still held
    expect(sp.segments.map((s) => s.what)).toEqual(['chime', 'chime', 'chime']);
    expect(a.state.current).toBeNull();
    expect(a.state.held).toBe(true);
    // 6 waiting: the oldest is dropped at once (the latest 5 are kept)
    expect(a.state.log.map((x) => [x.id, x.via])).toEqual([[1, 'dropped']]);
    expect(a.state.pending).toBe(5);

    e.clear();
    await clock.advance(120_000);
    // call 2 waited 85 s > maxWaitMs: dropped, not read out late; 3–6 announced in order
    expect(a.state.log.filter((x) => x.via === 'dropped').map((x) => x.id)).toEqual([1, 2]);
    expect(a.state.log.filter((x) => x.via === 'clips').map((x) => x.id)).toEqual([3, 4, 5, 6]);
    const firstCallChime = sp.segments[3]!;
    expect(firstCallChime.start).toBe(90_000);
    expect(sp.segments.filter((s) => s.what === 'chime')).toHaveLength(3 + 4);
    sp.expectNoOverlap();
  });

  it('a cleared emergency stops its own sound at once, then the held calls follow', async () => {
    const { clock, sp, a, raise } = lineSetup({ voices: ['zh', 'en'] });
    const e = raise();
    await clock.advance(1000); // the chimes: 0–900 ms; Mandarin speaking now
    const c1 = call(1, 'A001', 1);
    a.onBoard(board([c1]));
    await clock.advance(500);
    expect(sp.sounding).toBe('speak:zh');
    e.clear();
    const zh = sp.segments.at(-1)!;
    expect(zh).toMatchObject({ what: 'speak:zh', how: 'stopped', end: 1500 });
    expect(sp.sounding).toBeNull();
    expect(await e.run.done).toEqual(['chime', 'chime', 'chime']);
    await clock.advance(30_000);
    expect(sp.segments.some((s) => s.what === 'speak:en' && s.start < 1500)).toBe(false);
    expect(a.state.log.map((x) => [x.id, x.via, x.steps])).toEqual([[1, 'speech', ['chime', 'speak:zh', 'speak:en']]]);
    expect(sp.segments[4]!.start).toBe(1500);
    sp.expectNoOverlap();
  });

  it('holds nest, release is idempotent, and a release followed at once by a new hold starts nothing', async () => {
    const { clock, sp, a } = lineSetup();
    const r1 = a.hold();
    const r2 = a.hold();
    a.onBoard(board([call(1, 'A001', 1)]));
    r1();
    r1();
    await clock.advance(10_000);
    expect(sp.segments).toEqual([]); // r2 still holds
    r2();
    const r3 = a.hold(); // one emergency replacing another in the same turn
    await clock.advance(10_000);
    expect(sp.segments).toEqual([]);
    expect(a.state.log).toEqual([]);
    r3();
    await clock.advance(30_000);
    expect(announced(a.state.log)).toEqual([1]);
    sp.expectNoOverlap();
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

import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeDetectorOptions, type WedgeKeyEvent, type WedgeScan } from '../../renderer/components/wedge-detector';

/** A detector with a hand-driven release timer, and everything it says recorded. */
function setup(options: WedgeDetectorOptions = {}) {
  const timers: Array<{ run: () => void; ms: number; live: boolean }> = [];
  const detector = new WedgeDetector({
    schedule: (run, ms) => {
      const t = { run, ms, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
    ...options,
  });
  const scans: WedgeScan[] = [];
  const released: string[] = [];
  /** What a focused input would end up holding: keys not swallowed, plus what is handed back. */
  let input = '';
  detector.onScan((s) => scans.push(s));
  detector.onRelease((text) => {
    released.push(text);
    input += text;
  });
  let clock = 1000;
  const press = (key: string, gapMs: number, extra: Partial<WedgeKeyEvent> = {}): boolean => {
    clock += gapMs;
    const swallow = detector.feed({ key, timeStamp: clock, ...extra });
    if (!swallow && [...key].length === 1 && !extra.ctrlKey && !extra.metaKey) input += key;
    if (!swallow && key === 'Backspace') input = input.slice(0, -1);
    return swallow;
  };
  /** Types `text` with `gapMs` between keys (the first after `firstGapMs`), then `end` if given. */
  const type = (text: string, gapMs: number, end?: string, firstGapMs = 1000): boolean[] => {
    const out = [...text].map((ch, i) => press(ch, i === 0 ? firstGapMs : gapMs));
    if (end) out.push(press(end, gapMs));
    return out;
  };
  const fireTimer = () => {
    const t = timers.filter((x) => x.live).at(-1);
    if (!t) throw new Error('no live timer');
    t.live = false;
    t.run();
  };
  return { detector, scans, released, type, press, fireTimer, timers, input: () => input, now: () => clock };
}

const CODE = 'HEARING-113-8F3K-A01'; // 20 characters

describe('WedgeDetector: timing', () => {
  it('a 20-character burst at 5 ms ending in Enter is one scan; all but its first key are swallowed', () => {
    const t = setup();
    const swallowed = t.type(CODE, 5, 'Enter');
    expect(t.scans).toEqual([{ text: CODE, at: t.now(), via: 'timing', leaked: 'H' }]);
    expect(swallowed).toEqual([false, ...Array<boolean>(19).fill(true), true]);
    expect(t.released).toEqual([]);
    expect(t.input()).toBe('H'); // the leaked first key, reported as `leaked`
  });

  it('a person typing at 120 ms gaps never makes a scan and nothing is swallowed', () => {
    const t = setup();
    const swallowed = t.type('A123456789 zhang san', 120, 'Enter');
    expect(t.scans).toEqual([]);
    expect(swallowed.every((s) => !s)).toBe(true);
    expect(t.released).toEqual([]);
    expect(t.input()).toBe('A123456789 zhang san');
  });

  it('a scan followed by typing: one scan, then the typing reaches the input untouched', () => {
    const t = setup();
    t.type(CODE, 5, 'Enter');
    const typed = t.type('A012', 150, 'Enter', 800);
    expect(t.scans.map((s) => s.text)).toEqual([CODE]);
    expect(typed).toEqual([false, false, false, false, false]);
    expect(t.input()).toBe('HA012');
  });

  it('typing followed by a scan: the scan is still found', () => {
    const t = setup();
    t.type('abc', 150);
    t.type('https://lobby/p/8F3K', 4, 'Enter', 400);
    expect(t.scans.map((s) => s.text)).toEqual(['https://lobby/p/8F3K']);
    expect(t.input()).toBe('abch');
  });

  it("ignores the scanner's Shift presses between characters", () => {
    const t = setup();
    let clock = 0;
    const keys = ['A', 'Shift', 'B', '-', 'Shift', 'C', 'd', 'e', 'f', 'g', 'h', 'Enter'];
    for (const key of keys) t.detector.feed({ key, timeStamp: (clock += 3) });
    expect(t.scans.map((s) => s.text)).toEqual(['AB-Cdefgh']);
  });

  it('a fast-typist rollover is handed back in order, before the key that ended it', () => {
    const t = setup();
    expect(t.press('t', 1000)).toBe(false);
    expect(t.press('h', 20)).toBe(true); // looked like the start of a scan
    expect(t.press('e', 140)).toBe(false);
    expect(t.released).toEqual(['h']);
    expect(t.input()).toBe('the');
    expect(t.scans).toEqual([]);
  });

  it('hands swallowed keys back when nothing follows them', () => {
    const t = setup();
    t.type('ok', 15);
    expect(t.input()).toBe('o');
    t.fireTimer();
    expect(t.released).toEqual(['k']);
    expect(t.input()).toBe('ok');
    expect(t.timers.at(-1)!.ms).toBeGreaterThan(35);
  });

  it('too short, too slow on average, or ended by another key: not a scan, and everything is handed back', () => {
    const short = setup();
    expect(short.type('A123456', 5, 'Enter').at(-1)).toBe(false); // 7 < 8
    expect(short.input()).toBe('A123456');

    const slow = setup(); // every gap ≤ 35 ms, but 10 characters over 300 ms
    slow.type('0123456789', 30, 'Enter');
    expect(slow.input()).toBe('0123456789');

    const tab = setup();
    tab.type(CODE, 5, 'Tab');
    expect(tab.input()).toBe(CODE);

    const backspace = setup();
    backspace.type('abcdefghij', 5, 'Backspace');
    expect(backspace.input()).toBe('abcdefghi');

    for (const t of [short, slow, tab, backspace]) expect(t.scans).toEqual([]);
  });

  it('takes Tab as an end key when configured', () => {
    const t = setup({ endKeys: ['Enter', 'Tab'] });
    t.type(CODE, 5, 'Tab');
    expect(t.scans.map((s) => s.text)).toEqual([CODE]);
  });

  it('an Enter that comes late does not complete a scan', () => {
    const t = setup();
    t.type(CODE, 5);
    expect(t.press('Enter', 80)).toBe(false);
    expect(t.scans).toEqual([]);
    expect(t.input()).toBe(CODE);
  });

  it('auto-repeat and Ctrl chords are never part of a scan', () => {
    const t = setup();
    t.type('abcdefgh', 5);
    expect(t.press('v', 5, { ctrlKey: true })).toBe(false);
    expect(t.input()).toBe('abcdefgh');
    const r = setup();
    r.press('x', 1000);
    for (let i = 0; i < 10; i++) expect(r.press('x', 5, { repeat: true })).toBe(false);
    expect(r.press('Enter', 5)).toBe(false);
    expect(r.scans).toEqual([]);
  });
});

describe('WedgeDetector: prefix / suffix', () => {
  it('prefix and suffix frame a scan: nothing leaks, and an Enter after the suffix is swallowed too', () => {
    const t = setup({ prefix: '~', suffix: '#' });
    const swallowed = t.type('~SUMMONS-8F3K#', 20, 'Enter');
    expect(t.scans).toEqual([{ text: 'SUMMONS-8F3K', at: t.now() - 20, via: 'frame', leaked: '' }]);
    expect(swallowed.every(Boolean)).toBe(true);
    expect(t.input()).toBe('');
    // A short code is fine when framed.
    t.type('~42#', 10);
    expect(t.scans.map((s) => s.text)).toEqual(['SUMMONS-8F3K', '42']);
  });

  it('with a prefix and no suffix, Enter ends the framed scan', () => {
    const t = setup({ prefix: ']Q' });
    t.type(']QA012', 30, 'Enter');
    expect(t.scans).toEqual([{ text: 'A012', at: t.now(), via: 'frame', leaked: '' }]);
    expect(t.input()).toBe('');
  });

  it('a person typing the prefix character gets it back; typing around it is not a scan', () => {
    const t = setup({ prefix: '~', suffix: '#' });
    t.type('~abc#', 150, 'Enter');
    expect(t.scans).toEqual([]);
    expect(t.released).toEqual(['~']);
    expect(t.input()).toBe('~abc#');
  });

  it('half a prefix is handed back, and the key after it may begin a real one', () => {
    const t = setup({ prefix: ']Q' });
    expect(t.type(']]QB7', 5, 'Enter')).toEqual([true, true, true, true, true, true]);
    expect(t.released).toEqual([']']);
    expect(t.scans.map((s) => s.text)).toEqual(['B7']);
    expect(t.input()).toBe(']');
  });

  it('a framed scan that stalls is handed back by the timer', () => {
    const t = setup({ prefix: '~', suffix: '#' });
    t.type('~A0', 10);
    t.fireTimer();
    expect(t.released).toEqual(['~A0']);
    expect(t.input()).toBe('~A0');
    expect(t.scans).toEqual([]);
  });

  it('a suffix without prefix ends a timed burst instead of Enter', () => {
    const t = setup({ suffix: '#' });
    const swallowed = t.type('ABC12345XYZ#', 5, 'Enter');
    expect(t.scans).toEqual([{ text: 'ABC12345XYZ', at: t.now() - 5, via: 'timing', leaked: 'A' }]);
    expect(swallowed).toEqual([false, ...Array<boolean>(11).fill(true), true]);
    // Human typing with the suffix character is not a scan.
    t.type('abcdefghij#', 120, 'Enter');
    expect(t.scans).toHaveLength(1);
  });
});

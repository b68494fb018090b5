/**
 * The marquee's pure pieces: the band's offset carried over a content change,
 * datetime-local ↔ ISO +08:00, and the staff form's draft. (What each LED
 * sign gets comes from the server: test/core/http/sign-preview.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { MarqueeMessage } from '../../core/contract';
import { isoToLocalInput, localInputToIso, offsetMinutes, siteClock } from '../../renderer/components/marquee/datetime';
import { draftFromMessage, draftToInput, emptyDraft, fieldOfError, messageStatus } from '../../renderer/components/marquee/draft';
import {
  EMPTY_LAYOUT,
  MIN_LOOP_MS,
  carryOffset,
  contentKey,
  itemAt,
  loopDurationMs,
  offsetAt,
  timeForOffset,
  type BandLayout,
} from '../../renderer/components/marquee/offset';
import { marqueeMessage } from '../helpers/fixtures';

/** A copy laid out from message widths (each box includes the gap after it). */
function lay(widths: [id: number, width: number][], minWidth = 0): BandLayout {
  let left = 0;
  const items = widths.map(([id, width]) => {
    const box = { id, left, width };
    left += width;
    return box;
  });
  return { width: Math.max(left, minWidth), items };
}

describe('the band loop', () => {
  it('lasts width / speed, never less than MIN_LOOP_MS', () => {
    expect(loopDurationMs(1800, 90)).toBe(20_000);
    expect(loopDurationMs(100, 400)).toBe(MIN_LOOP_MS);
    expect(loopDurationMs(0, 90)).toBe(MIN_LOOP_MS);
    expect(loopDurationMs(1000, 0)).toBe(MIN_LOOP_MS);
  });

  it('maps animation time to px offset and back, wrapping every loop', () => {
    expect(offsetAt(5000, 20_000, 1800)).toBe(450);
    expect(offsetAt(25_000, 20_000, 1800)).toBe(450);
    expect(offsetAt(-5000, 20_000, 1800)).toBe(1350);
    expect(offsetAt(Number.NaN, 20_000, 1800)).toBe(0);
    expect(offsetAt(5000, 0, 1800)).toBe(0);
    expect(timeForOffset(450, 1800, 20_000)).toBe(5000);
    expect(timeForOffset(1800 + 450, 1800, 20_000)).toBe(5000);
    expect(timeForOffset(450, 0, 20_000)).toBe(0);
    for (const off of [0, 1, 899.5, 1799]) expect(offsetAt(timeForOffset(off, 1800, 20_000), 20_000, 1800)).toBeCloseTo(off, 6);
  });

  it('finds the message at the left edge (its gap included)', () => {
    const l = lay([[1, 500], [2, 700], [3, 600]]);
    expect(itemAt(l, 0)).toEqual({ index: 0, inside: 0 });
    expect(itemAt(l, 499)).toEqual({ index: 0, inside: 499 });
    expect(itemAt(l, 900)).toEqual({ index: 1, inside: 400 });
    expect(itemAt(lay([[1, 500]]), -1)).toBeNull();
  });
});

describe('carrying the offset over a change of messages', () => {
  const before = lay([[1, 500], [2, 700], [3, 600]]); // 1800 wide
  const V = 1000; // the band's width

  it('a message appended at the end: nothing on screen moves', () => {
    const after = lay([[1, 500], [2, 700], [3, 600], [4, 900]]);
    for (const o of [0, 250, 900, 1500]) expect(carryOffset(o, before, after, V)).toBe(o);
  });

  it('a message inserted in front (higher priority): the message across the edge stays put', () => {
    const after = lay([[9, 400], [1, 500], [2, 700], [3, 600]]);
    // on screen at 900: message 2 across the edge (400 px past it), 3 at x=300, 1 (second copy) at x=900
    expect(carryOffset(900, before, after, V)).toBe(1300);
    expect(carryOffset(100, before, after, V)).toBe(500);
  });

  it('the message across the edge edited longer: same px inside it; shorter: clamped to its end', () => {
    // at 1100: 2 across the edge (600 px past its start), 3 at x=100
    expect(carryOffset(1100, before, lay([[1, 500], [2, 1200], [3, 600]]), V)).toBe(1100);
    expect(carryOffset(1100, before, lay([[1, 500], [2, 300], [3, 600]]), V)).toBe(799);
  });

  it('a message edited after the edge: the edge does not move', () => {
    expect(carryOffset(1100, before, lay([[1, 500], [2, 700], [3, 1400]]), V)).toBe(1100);
  });

  it('a message on screen deleted: the rest on screen keeps its place', () => {
    // at 900: 2 (across the edge) is deleted; 3 at x=300 keeps its place
    expect(carryOffset(900, before, lay([[1, 500], [3, 600]]), V)).toBe(200);
    // 3 deleted too: 1 (second copy, x=900) stays at x=900
    expect(carryOffset(900, before, lay([[1, 500], [4, 800]]), V)).toBe(1300 - 900);
  });

  it('without the band width, the message across the left edge stays at the same px inside it (clamped to its new width)', () => {
    expect(carryOffset(900, before, lay([[9, 400], [1, 500], [2, 700], [3, 600]]))).toBe(1300);
    expect(carryOffset(1100, before, lay([[1, 500], [2, 300], [3, 600]]))).toBe(799);
  });

  it('nothing on screen left: the next message still there starts the edge', () => {
    const wide = lay([[1, 3000], [2, 700], [3, 600]]); // message 1 fills the band
    expect(carryOffset(1000, wide, lay([[2, 700], [3, 600]]), V)).toBe(0);
  });

  it('carries an offset past one loop (the animation time keeps growing) and wraps into the new width', () => {
    expect(carryOffset(1800 * 3 + 900, before, lay([[1, 500], [2, 700], [3, 600], [4, 900]]), V)).toBe(900);
  });

  it('no message in common keeps the px offset, wrapped; an empty band starts at 0', () => {
    expect(carryOffset(900, before, lay([[5, 400], [6, 400]]), V)).toBe(100);
    expect(carryOffset(900, before, EMPTY_LAYOUT, V)).toBe(0);
    expect(carryOffset(900, EMPTY_LAYOUT, before, V)).toBe(0);
  });

  it('a short list padded to the band width: the message coming in from the right stays where it is', () => {
    const short = lay([[1, 400]], 1920); // the copy is at least the band wide
    // at 1000 the first copy's message is gone left; the second copy's is at x=920
    expect(carryOffset(1000, short, lay([[1, 400], [2, 500]], 1920), 1920)).toBe(1000);
    expect(carryOffset(1000, short, lay([[1, 400]], 1920), 1920)).toBe(1000);
    expect(carryOffset(1000, short, lay([[0, 300], [1, 400]], 1920), 1920)).toBe(1300);
  });

  it('the content key changes with what shows, not with a new snapshot object', () => {
    const a = [{ id: 1, category: 'news', zh: '甲', en: 'A' }];
    expect(contentKey(a)).toBe(contentKey([{ ...a[0]! }]));
    expect(contentKey(a)).not.toBe(contentKey([{ ...a[0]!, en: 'B' }]));
  });
});

describe('datetime-local ↔ ISO +08:00', () => {
  it('adds the site offset and seconds', () => {
    expect(localInputToIso('2026-11-26T09:30')).toBe('2026-11-26T09:30:00+08:00');
    expect(localInputToIso('2026-11-26T09:30:15')).toBe('2026-11-26T09:30:15+08:00');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('  ')).toBeNull();
    expect(localInputToIso('2026-02-30T09:30')).toBeUndefined();
    expect(localInputToIso('2026-11-26 09:30')).toBeUndefined();
    expect(localInputToIso('2026-11-26T24:00')).toBeUndefined();
    expect(Date.parse(localInputToIso('2026-11-26T00:15')!)).toBe(Date.parse('2026-11-25T16:15:00Z'));
  });

  it('shows any instant as the site wall clock', () => {
    expect(isoToLocalInput('2026-11-26T09:30:00+08:00')).toBe('2026-11-26T09:30');
    expect(isoToLocalInput('2026-11-25T16:15:00Z')).toBe('2026-11-26T00:15');
    expect(isoToLocalInput('2026-11-26T09:30:00.000-05:00')).toBe('2026-11-26T22:30');
    expect(isoToLocalInput(null)).toBe('');
    expect(isoToLocalInput('soon')).toBe('');
    expect(siteClock('2026-11-26T01:05:00Z')).toBe('09:05');
    expect(offsetMinutes('-03:30')).toBe(-210);
  });

  it('round-trips', () => {
    for (const v of ['2026-01-01T00:00', '2026-12-31T23:59', '2028-02-29T12:00']) expect(isoToLocalInput(localInputToIso(v))).toBe(v);
  });
});

function msg(zh: string, en: string, over: Partial<MarqueeMessage> = {}): MarqueeMessage {
  return marqueeMessage({ id: 1, zh, en, ...over });
}

describe('the staff form', () => {
  const site = { signs: [{ id: 'lobby-led', name: { zh: '大廳', en: 'Lobby' }, protocol: 'onbon-bx' as const }] };

  it('a new message targets every board and sign', () => {
    expect(emptyDraft(site).targets).toEqual(['screen:calls', 'screen:hearings', 'screen:detainees', 'sign:lobby-led']);
  });

  it('maps to the API input with ISO times, sorted days and nulls for blanks', () => {
    const d = { ...emptyDraft(site), zh: ' 公告 ', en: 'Notice', startsAt: '2026-12-01T08:00', endsAt: '', days: [5, 1, 5], hoursFrom: '08:00', hoursTo: '17:30' };
    const r = draftToInput(d);
    expect(r.error).toBeNull();
    expect(r.input).toEqual({
      zh: '公告',
      en: 'Notice',
      category: 'news',
      priority: 3,
      startsAt: '2026-12-01T08:00:00+08:00',
      endsAt: null,
      days: [1, 5],
      hoursFrom: '08:00',
      hoursTo: '17:30',
      targets: ['screen:calls', 'screen:hearings', 'screen:detainees', 'sign:lobby-led'],
    });
  });

  it('names the field that is wrong, as the server does', () => {
    const base = { ...emptyDraft(site), zh: '公告', en: 'Notice' };
    expect(draftToInput({ ...base, zh: '' })).toMatchObject({ field: 'zh', error: 'zh: the Chinese text is empty' });
    expect(draftToInput({ ...base, targets: [] })).toMatchObject({ field: 'targets' });
    expect(draftToInput({ ...base, hoursFrom: '08:00' })).toMatchObject({ field: 'hoursTo' });
    expect(draftToInput({ ...base, startsAt: '2026-12-02T00:00', endsAt: '2026-12-01T00:00' })).toMatchObject({ field: 'endsAt' });
    expect(fieldOfError('targets: unknown sign:x')).toBe('targets');
    expect(fieldOfError('days.2: too big')).toBe('days');
    expect(fieldOfError('No message 4.')).toBeNull();
  });

  it('a saved message comes back into the form as it was written', () => {
    const m = msg('甲', 'A', { startsAt: '2026-12-01T08:00:00+08:00', endsAt: '2026-12-31T17:00:00+08:00', days: [3, 1], hoursFrom: '08:00', hoursTo: '12:00' });
    const d = draftFromMessage(m);
    expect(d).toMatchObject({ startsAt: '2026-12-01T08:00', endsAt: '2026-12-31T17:00', days: [1, 3], hoursFrom: '08:00' });
    expect(draftToInput(d).input).toMatchObject({ startsAt: m.startsAt, endsAt: m.endsAt, days: [1, 3] });
  });

  it('status: showing, scheduled or ended', () => {
    const now = Date.parse('2026-11-26T10:00:00+08:00');
    expect(messageStatus({ active: true, endsAt: null }, now)).toBe('showing');
    expect(messageStatus({ active: false, endsAt: '2026-11-26T09:00:00+08:00' }, now)).toBe('ended');
    expect(messageStatus({ active: false, endsAt: '2026-11-27T09:00:00+08:00' }, now)).toBe('scheduled');
    expect(messageStatus({ active: false, endsAt: null }, now)).toBe('scheduled');
  });
});

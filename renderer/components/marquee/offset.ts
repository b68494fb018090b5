/**
 * The band's scroll math, pure (unit-tested in test/renderer/marquee-offset.test.ts).
 *
 * The band is a track of two identical copies of the message list; one loop
 * moves it left by one copy's width W (translateX 0 → -50 %), so the second
 * copy takes the first one's place seamlessly. The offset is how far into the
 * loop the band is, in px (0 ≤ offset < W).
 *
 * When the messages change the copy is laid out again (once) and the band
 * carries on from where it was: the message at the left edge stays exactly
 * where it is, whatever was added, edited or removed around it.
 */

/** One message's box inside a copy, in px from the copy's left edge. */
export interface ItemBox {
  id: number;
  left: number;
  width: number;
}

/** A copy's layout: its width (the loop length) and each message's box, left to right. */
export interface BandLayout {
  width: number;
  items: readonly ItemBox[];
}

export const EMPTY_LAYOUT: BandLayout = { width: 0, items: [] };

/** A loop never lasts less than this (a very short list at a high speed). */
export const MIN_LOOP_MS = 2000;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** How long one loop lasts at `speedPxPerSecond`. */
export function loopDurationMs(width: number, speedPxPerSecond: number): number {
  if (!(width > 0) || !(speedPxPerSecond > 0)) return MIN_LOOP_MS;
  return Math.max(MIN_LOOP_MS, (width / speedPxPerSecond) * 1000);
}

/** The offset (px into the loop) an infinite loop of `durationMs` has reached at `currentTimeMs`. */
export function offsetAt(currentTimeMs: number, durationMs: number, width: number): number {
  if (!(durationMs > 0) || !(width > 0) || !Number.isFinite(currentTimeMs)) return 0;
  return (mod(currentTimeMs, durationMs) / durationMs) * width;
}

/** The animation time that shows `offset` px on a loop of `width` px lasting `durationMs`. */
export function timeForOffset(offset: number, width: number, durationMs: number): number {
  if (!(width > 0) || !(durationMs > 0)) return 0;
  return (mod(offset, width) / width) * durationMs;
}

/** The message whose box (or the gap after it) holds `offset`; null before the first one. */
export function itemAt(layout: BandLayout, offset: number): { index: number; inside: number } | null {
  let found: { index: number; inside: number } | null = null;
  layout.items.forEach((item, index) => {
    if (item.left <= offset) found = { index, inside: offset - item.left };
  });
  return found;
}

/**
 * Where to carry on after the messages changed: `offset` was reached on the
 * `before` layout, with a band `viewport` px wide. Returns the offset on the
 * `after` layout that keeps the band where it was: the message across the
 * left edge stays at the same px inside it (an edit that shortened it is
 * clamped to its new end), so what follows it carries on as before, the new
 * or changed text appearing in its place. If that message was removed, the
 * next one on screen keeps its x; with nothing on screen left, the next
 * message still there starts the edge; with no message in common, the px
 * offset is kept (wrapped).
 */
export function carryOffset(offset: number, before: BandLayout, after: BandLayout, viewport = 0): number {
  if (!(after.width > 0) || !(before.width > 0)) return 0;
  const o = mod(offset, before.width);
  const v = Math.max(1, Math.min(viewport, before.width));
  // what is on screen, by x from the band's left edge (the window spans both copies)
  const seen: { id: number; x: number }[] = [];
  for (const k of [0, 1]) {
    for (const item of before.items) {
      const x = k * before.width + item.left - o;
      if (x + item.width > 0 && x < v) seen.push({ id: item.id, x });
    }
  }
  const anchors = [...seen.filter((s) => s.x < 0), ...seen.filter((s) => s.x >= 0)].sort((a, b) => a.x - b.x);
  for (const a of anchors) {
    const idx = after.items.findIndex((i) => i.id === a.id);
    if (idx < 0) continue;
    const now = after.items[idx]!;
    let inside = -a.x;
    if (inside > 0) {
      // across the left edge: the same px inside it, never past the next message's start
      const next = after.items[idx + 1]?.left ?? after.width;
      inside = Math.min(inside, Math.max(0, next - now.left - 1));
    }
    return mod(now.left + inside, after.width);
  }
  const at = itemAt(before, o);
  if (at) {
    const n = before.items.length;
    for (let k = 1; k <= n; k++) {
      const next = after.items.find((i) => i.id === before.items[(at.index + k) % n]!.id);
      if (next) return mod(next.left, after.width);
    }
  }
  return mod(o, after.width);
}

/** A key that changes only when what the band shows changes (not on every snapshot). */
export function contentKey(items: readonly { id: number; category: string; zh: string; en: string }[]): string {
  return JSON.stringify(items.map((m) => [m.id, m.category, m.zh, m.en]));
}

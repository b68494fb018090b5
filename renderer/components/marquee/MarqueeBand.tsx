/**
 * The marquee band (跑馬燈) every board carries: staff messages scrolling
 * right to left, each with its category chip, the Chinese and the English.
 *
 * Two ways to feed it:
 * - `<MarqueeBand screen="calls" />` on a board: it follows the public
 *   'marquee' topic on the screen's own live socket (useLiveTopic adds the
 *   topic to the socket the board already has) and shows that board's list.
 *   Nothing else is needed: hearings and detainees boards mount it the same way.
 * - `<MarqueeStrip items={…} speedPxPerSecond={…} />` with the messages as
 *   props (the staff preview, paused or scrolling).
 *
 * How it moves: the track holds two identical copies of the list and one Web
 * Animation moves it by translateX 0 → -50 % (one copy's width) forever, so
 * the second copy takes the first one's place seamlessly; only `transform`
 * animates, on the compositor, no layout per frame. The copy is measured once
 * per content change (and on resize); the loop lasts width / speed. When the
 * messages change, the band reads where the running animation is and carries
 * on from there (offset.ts carryOffset: what is on screen stays where it
 * is), never from zero. Messages are text nodes: markup shows as characters.
 * An empty list shows nothing at all.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { MarqueeBoard } from '../../../core/contract';
import { CATEGORY_LABEL } from './labels';
import { EMPTY_LAYOUT, carryOffset, contentKey, loopDurationMs, offsetAt, timeForOffset, type BandLayout } from './offset';
import { useLiveTopic } from './useLiveTopic';
import '../../styles/marquee.css';

export type BandScreen = keyof MarqueeBoard['screens'];
export type BandItem = MarqueeBoard['screens'][BandScreen][number];

const KEYFRAMES: Keyframe[] = [{ transform: 'translateX(0)' }, { transform: 'translateX(-50%)' }];

/** A board's band, live. `board` (optional) feeds it from props instead of the live topic. */
export function MarqueeBand({ screen, board }: { screen: BandScreen; board?: MarqueeBoard | undefined }) {
  if (board) return <MarqueeStrip items={board.screens[screen]} speedPxPerSecond={board.speedPxPerSecond} screen={screen} />;
  return <LiveMarqueeBand screen={screen} />;
}

function LiveMarqueeBand({ screen }: { screen: BandScreen }) {
  const board = useLiveTopic('marquee');
  return <MarqueeStrip items={board?.screens[screen] ?? []} speedPxPerSecond={board?.speedPxPerSecond ?? 90} screen={screen} />;
}

function measure(copy: HTMLElement): BandLayout {
  const items = [...copy.querySelectorAll<HTMLElement>('[data-mid]')].map((el) => ({
    id: Number(el.dataset.mid),
    left: el.offsetLeft,
    width: el.offsetWidth,
  }));
  return { width: copy.offsetWidth, items };
}

function currentTimeOf(anim: Animation): number {
  const t = anim.currentTime;
  return typeof t === 'number' ? t : Number(t ?? 0);
}

export function MarqueeStrip(props: {
  items: readonly BandItem[];
  speedPxPerSecond: number;
  paused?: boolean;
  screen?: string;
  testId?: string;
  className?: string;
}) {
  const { items, speedPxPerSecond, paused = false, screen, testId = 'marquee-band', className = '' } = props;
  const trackRef = useRef<HTMLDivElement>(null);
  const copyRef = useRef<HTMLDivElement>(null);
  const anim = useRef<Animation | null>(null);
  const layout = useRef<BandLayout>(EMPTY_LAYOUT);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const key = contentKey(items);

  /** Lay the copy out again and carry the running animation over to it. */
  const remeasure = useCallback(() => {
    const track = trackRef.current;
    const copy = copyRef.current;
    if (!track || !copy || typeof track.animate !== 'function') {
      anim.current?.cancel();
      anim.current = null;
      layout.current = EMPTY_LAYOUT;
      return;
    }
    const next = measure(copy);
    const duration = loopDurationMs(next.width, speedPxPerSecond);
    let a = anim.current;
    if (a && (a.effect as KeyframeEffect | null)?.target !== track) {
      a.cancel(); // the track was mounted anew (the list was empty meanwhile): start over
      a = null;
      layout.current = EMPTY_LAYOUT;
    }
    let offset = 0;
    if (a) {
      const before = layout.current;
      const oldDuration = Number(a.effect?.getTiming().duration ?? 0);
      const viewport = (track.parentElement as HTMLElement | null)?.clientWidth ?? 0;
      offset = carryOffset(offsetAt(currentTimeOf(a), oldDuration, before.width), before, next, viewport);
      a.effect?.updateTiming({ duration });
    } else {
      a = track.animate(KEYFRAMES, { duration, iterations: Infinity, easing: 'linear' });
      anim.current = a;
    }
    layout.current = next;
    a.currentTime = timeForOffset(offset, next.width, duration);
    if (pausedRef.current) a.pause();
    else if (a.playState !== 'running') a.play();
    track.dataset.loopMs = String(Math.round(duration));
    track.dataset.width = String(next.width);
  }, [speedPxPerSecond]);

  // once per content (or speed) change, before paint: no frame shows the new text at the old place
  useLayoutEffect(() => {
    remeasure();
  }, [key, remeasure]);

  useEffect(() => {
    const a = anim.current;
    if (!a) return;
    if (paused) a.pause();
    else a.play();
  }, [paused]);

  // fonts arriving late or a resized screen change the width: measure again (never per frame)
  const hasItems = items.length > 0;
  useEffect(() => {
    const copy = copyRef.current;
    if (!copy || typeof ResizeObserver === 'undefined') return;
    let last = copy.offsetWidth;
    const ro = new ResizeObserver(() => {
      const w = copy.offsetWidth;
      if (w !== last) {
        last = w;
        remeasure();
      }
    });
    ro.observe(copy);
    return () => ro.disconnect();
  }, [hasItems, remeasure]);

  useEffect(
    () => () => {
      anim.current?.cancel();
      anim.current = null;
    },
    [],
  );

  if (!hasItems) {
    return <div className={`mq mq--empty ${className}`} data-testid={testId} data-count={0} data-screen={screen} />;
  }
  return (
    <div className={`mq ${className}`} role="marquee" aria-label="跑馬燈 Messages" data-testid={testId} data-count={items.length} data-screen={screen}>
      <div className="mq__track" ref={trackRef} data-testid={`${testId}-track`}>
        <div className="mq__copy" ref={copyRef}>
          <Items items={items} measured />
        </div>
        <div className="mq__copy" aria-hidden="true">
          <Items items={items} />
        </div>
      </div>
    </div>
  );
}

function Items({ items, measured = false }: { items: readonly BandItem[]; measured?: boolean }) {
  return (
    <>
      {items.map((m) => {
        const chip = CATEGORY_LABEL[m.category];
        return (
          <span key={m.id} className="mq__item" data-mid={measured ? m.id : undefined} data-message-id={m.id}>
            <span className={`mq__chip mq__chip--${m.category}`}>
              <span lang="zh-TW">{chip.zh}</span> <span lang="en">{chip.en}</span>
            </span>
            <span className="mq__zh" lang="zh-TW">
              {m.zh}
            </span>
            <span className="mq__en" lang="en">
              {m.en}
            </span>
          </span>
        );
      })}
    </>
  );
}

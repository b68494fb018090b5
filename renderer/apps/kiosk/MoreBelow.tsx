/**
 * "往下還有 More below": when the home screen is taller than the kiosk (large
 * text, many services) a bar under it says so, and a tap scrolls on by most of
 * a screen; at the end the same bar leads back to the top. A screen that fits
 * shows no bar.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Dual } from '../../components/Dual';
import type { Lang } from '../../i18n';

type Scroll = 'fits' | 'more' | 'end';

/** A couple of pixels of rounding are not "more". */
const SLACK_PX = 2;
/** A tap moves on by this much of the visible height, so the last row seen stays in sight. */
const STEP = 0.8;

/**
 * `barPx`: the height the bar itself takes from the scrolling area while it
 * shows. Content that would fit without the bar "fits": the bar goes and the
 * area grows back, rather than the bar keeping itself up.
 */
function scrollOf(el: HTMLElement, barPx: number): Scroll {
  const hidden = el.scrollHeight - el.clientHeight;
  if (hidden - barPx <= SLACK_PX) return 'fits';
  return el.scrollTop >= hidden - SLACK_PX ? 'end' : 'more';
}

/**
 * Whether `ref`'s content fits, has more below, or is scrolled to its end;
 * follows scrolling and every resize. `bar` is the element that says so, when shown.
 */
export function useScrollState(ref: RefObject<HTMLElement | null>, bar: RefObject<HTMLElement | null>): Scroll {
  const [state, setState] = useState<Scroll>('fits');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setState(scrollOf(el, bar.current?.offsetHeight ?? 0));
    const sizes = new ResizeObserver(check);
    const watchChildren = () => {
      sizes.disconnect();
      sizes.observe(el);
      for (const child of el.children) sizes.observe(child);
      check();
    };
    // cards come and go (a service closes, the 博愛 note shows): watch the new ones too
    const children = new MutationObserver(watchChildren);
    children.observe(el, { childList: true });
    watchChildren();
    el.addEventListener('scroll', check, { passive: true });
    return () => {
      el.removeEventListener('scroll', check);
      sizes.disconnect();
      children.disconnect();
    };
  }, [ref, bar]);
  return state;
}

export function MoreBelow({ target, lang }: { target: RefObject<HTMLElement | null>; lang: Lang }) {
  const bar = useRef<HTMLButtonElement>(null);
  const state = useScrollState(target, bar);
  if (state === 'fits') return null;
  const more = state === 'more';
  const go = () => {
    const el = target.current;
    if (!el) return;
    const behavior = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    if (more) el.scrollBy({ top: el.clientHeight * STEP, behavior });
    else el.scrollTo({ top: 0, behavior });
  };
  return (
    <button ref={bar} type="button" className={`kiosk__more${more ? '' : ' kiosk__more--end'}`} onClick={go} data-testid={more ? 'kiosk-more' : 'kiosk-top'}>
      <span className="kiosk__more-arrow" aria-hidden="true">
        {more ? '↓' : '↑'}
      </span>
      <Dual k={more ? 'kiosk.moreBelow' : 'kiosk.backToTop'} lang={lang} className="kiosk__more-text" primaryClass="kiosk__more-primary" secondaryClass="kiosk__more-secondary" />
      <span className="kiosk__more-arrow" aria-hidden="true">
        {more ? '↓' : '↑'}
      </span>
    </button>
  );
}

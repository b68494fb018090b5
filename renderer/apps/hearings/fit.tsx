/**
 * Text that must never be cut while its line has room: names and case numbers
 * on the boards. A line too long first shrinks (not below the boards' 24 px);
 * a list of names then shows fewer names and says how many more, so a name
 * is shown whole or not at all — never "張○…".
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { Bi } from './parts';
import { useOrientation } from './canvas';

/** Boards' smallest text (hearings.css). */
const MIN_PX = 24;

function overflows(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1;
}

/** Shrinks `el`'s font 2 px at a time until its line fits; true when it fits. */
function shrinkToFit(el: HTMLElement, min: number): boolean {
  el.style.fontSize = '';
  let size = parseFloat(getComputedStyle(el).fontSize);
  while (overflows(el) && size > min) {
    size = Math.max(min, size - 2);
    el.style.fontSize = `${size}px`;
  }
  return !overflows(el);
}

/** Re-fits once the board's web fonts have loaded (until then widths are the fallback font's). */
function useFontsLoaded(): number {
  const [n, setN] = useState(0);
  useLayoutEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => live && setN(1));
    return () => {
      live = false;
    };
  }, []);
  return n;
}

/** One line of text, shrunk to fit its box. */
export function FitLine({ text, className = '', min = MIN_PX, testId }: { text: string; className?: string; min?: number; testId?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const orientation = useOrientation();
  const fonts = useFontsLoaded();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.dataset.fits = String(shrinkToFit(el, min));
  }, [text, min, orientation, fonts]);
  return (
    <span ref={ref} className={`fit-line ${className}`} data-testid={testId}>
      {text}
    </span>
  );
}

/** Up to `most` names joined by 、, then "另 N 人 / +N more"; fewer names when even the smallest size would cut one. */
export function FitPersons({ persons, most, className = '' }: { persons: readonly string[]; most: number; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const orientation = useOrientation();
  const fonts = useFontsLoaded();
  const key = persons.join('、');
  const [shown, setShown] = useState(Math.min(most, persons.length));
  useLayoutEffect(() => setShown(Math.min(most, persons.length)), [key, most, orientation, fonts, persons.length]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fits = shrinkToFit(el, MIN_PX);
    if (!fits && shown > 1) setShown(shown - 1);
    el.dataset.fits = String(fits);
  }, [shown, key, orientation, fonts]);
  if (persons.length === 0) return null;
  const more = persons.length - shown;
  return (
    <span ref={ref} className={`fit-line ${className}`} data-testid="persons" data-shown={shown}>
      {persons.slice(0, shown).join('、')}
      {more > 0 && (
        <span className="hb__more">
          {' '}
          <Bi k="hearings.morePersons" vars={{ n: more }} />
        </span>
      )}
    </span>
  );
}

import { useEffect, useRef, useState } from 'react';
import { LANG_TAG, otherLang, type Lang } from '../../i18n';
import { idleTiming, useManners } from './manners';

const TEXT = {
  largeText: { zh: '大字', en: 'Large text' },
  highContrast: { zh: '高對比', en: 'High contrast' },
  stillThere: { zh: '仍在使用嗎？', en: 'Still there?' },
  returning: { zh: '{n} 秒後回到首頁', en: 'Returning to the start in {n} s' },
  continue: { zh: '繼續', en: 'Continue' },
} as const;

function say(lang: Lang, k: keyof typeof TEXT, n?: number): string {
  const s = lang === 'zh-TW' ? TEXT[k].zh : TEXT[k].en;
  return n === undefined ? s : s.replace('{n}', String(n));
}

/** The large-text and high-contrast switches: on every kiosk and guide screen. */
export function MannerToggles({ lang }: { lang: Lang }) {
  const largeText = useManners((s) => s.largeText);
  const highContrast = useManners((s) => s.highContrast);
  const other = otherLang(lang);
  const toggle = (k: 'largeText' | 'highContrast', on: boolean, set: (v: boolean) => void) => (
    <button type="button" className="manner-toggle" aria-pressed={on} onClick={() => set(!on)} data-testid={`toggle-${k === 'largeText' ? 'large-text' : 'contrast'}`}>
      <span className="manner-toggle__icon" aria-hidden="true">
        {k === 'largeText' ? 'A+' : '◐'}
      </span>
      <span className="manner-toggle__label">
        <span lang={LANG_TAG[lang]}>{say(lang, k)}</span>
        <span lang={LANG_TAG[other]} className="manner-toggle__secondary">
          {say(other, k)}
        </span>
      </span>
    </button>
  );
  return (
    <div className="manner-toggles" role="group" aria-label="顯示 Display">
      {toggle('largeText', largeText, (v) => useManners.getState().setLargeText(v))}
      {toggle('highContrast', highContrast, (v) => useManners.getState().setHighContrast(v))}
    </div>
  );
}

/**
 * Goes back home after a quiet spell, and warns first (WCAG 2.2.1): "仍在使用嗎？
 * Still there?" with a big Continue button and a countdown. Any touch, key or
 * scroll resets it. `active` false: no timer (already home with nothing to forget).
 */
export function IdleGuard({ lang, active, onTimeout }: { lang: Lang; active: boolean; onTimeout: () => void }) {
  const [{ timeoutMs, warningMs }] = useState(() => idleTiming());
  const [left, setLeft] = useState<number | null>(null);
  const last = useRef(Date.now());
  const fired = useRef(false);
  const timeoutRef = useRef(onTimeout);
  timeoutRef.current = onTimeout;

  useEffect(() => {
    if (!active) {
      setLeft(null);
      return;
    }
    last.current = Date.now();
    fired.current = false;
    // A touch only restarts the clock: the warning closes on the click that
    // follows (the overlay's own handler). Closing it on pointerdown would let
    // that same tap's click land on whatever lies under the Continue button.
    const poke = (e: Event) => {
      last.current = Date.now();
      fired.current = false;
      if (e.type === 'keydown' || e.type === 'wheel') setLeft(null);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, poke, { capture: true, passive: true });
    const tick = setInterval(() => {
      const idle = Date.now() - last.current;
      if (idle >= timeoutMs) {
        if (!fired.current) {
          fired.current = true;
          setLeft(null);
          useManners.getState().reset();
          timeoutRef.current();
        }
      } else if (idle >= timeoutMs - warningMs) {
        setLeft(Math.ceil((timeoutMs - idle) / 1000));
      }
    }, 250);
    return () => {
      clearInterval(tick);
      for (const e of events) window.removeEventListener(e, poke, { capture: true });
    };
  }, [active, timeoutMs, warningMs]);

  if (left === null) return null;
  const other = otherLang(lang);
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-count" data-testid="idle-warning" onClick={() => setLeft(null)}>
      <div className="idle-warning__box">
        <h2 id="idle-title" className="idle-warning__title">
          <span lang={LANG_TAG[lang]}>{say(lang, 'stillThere')}</span>
          <span lang={LANG_TAG[other]} className="idle-warning__secondary">
            {say(other, 'stillThere')}
          </span>
        </h2>
        <p id="idle-count" className="idle-warning__count" aria-live="polite" data-testid="idle-countdown" data-seconds={left}>
          <span lang={LANG_TAG[lang]}>{say(lang, 'returning', left)}</span>
          <span lang={LANG_TAG[other]} className="idle-warning__secondary">
            {say(other, 'returning', left)}
          </span>
        </p>
        <button type="button" className="idle-warning__continue" autoFocus data-testid="idle-continue">
          <span lang={LANG_TAG[lang]}>{say(lang, 'continue')}</span>
          <span lang={LANG_TAG[other]} className="idle-warning__secondary">
            {say(other, 'continue')}
          </span>
        </button>
      </div>
    </div>
  );
}

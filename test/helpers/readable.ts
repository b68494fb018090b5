/**
 * What a person can read on a screen, text by text: shown at all, with enough
 * contrast against what is painted behind it, not cut by a box that hides its
 * overflow, not spilling out of its card, not covered by another element, and
 * (for Chinese) not leaving one character alone on its last line. A text
 * outside the viewport or scrolled away inside a scroll box is `away`: it is
 * not unreadable, a scroll brings it (the caller decides whether the screen
 * says so).
 */
import type { Page } from 'playwright-core';

export interface ReadText {
  /** The text node's words, white space collapsed. */
  text: string;
  /** Where it is, for failure messages: the parent's tag and classes. */
  where: string;
  /** Why a person cannot read it here; empty when they can. */
  problems: string[];
  /** Outside the viewport or scrolled away inside its scroll box, and on which side; false when in view. */
  away: false | 'above' | 'below';
  /** Lines it takes. */
  lines: number;
  /** Contrast ratio of its colour on what is behind it (null: painted on an image or gradient). */
  contrast: number | null;
}

export interface ReadOptions {
  /** The least contrast ratio that counts as readable (WCAG AA: 4.5, AAA: 7). */
  minContrast: number;
}

/**
 * Every rendered text under `root` (a CSS selector), as a person would meet it
 * now. Texts that are not rendered (display: none, visibility: hidden,
 * opacity 0, zero size) are not part of the screen and are not listed.
 */
export async function readTexts(page: Page, root: string, options: ReadOptions): Promise<ReadText[]> {
  return page.evaluate(
    ({ root, minContrast }) => {
      const base = document.querySelector(root);
      if (!base) throw new Error(`no ${root} on the page`);
      const parse = (c: string): [number, number, number, number] | null => {
        const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(c);
        if (!m) return null;
        const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
        return [Number(m[1]), Number(m[2]), Number(m[3]), a];
      };
      const over = (top: number[], under: number[]): number[] => {
        const a = top[3]!;
        return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1);
      };
      const luminance = (c: number[]): number => {
        const ch = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
      };
      const ratio = (a: number[], b: number[]): number => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi! + 0.05) / (lo! + 0.05);
      };
      const name = (el: Element): string => `${el.tagName.toLowerCase()}${[...el.classList].map((c) => `.${c}`).join('')}`;
      /** What is painted behind `el`: its own and its ancestors' background colours, composited; null over an image. */
      const behind = (el: Element): number[] | null => {
        const layers: number[][] = [];
        for (let a: Element | null = el; a; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.backgroundImage !== 'none') return null;
          const c = parse(cs.backgroundColor);
          if (c && c[3] > 0) layers.push(c);
          if (c && c[3] >= 1) break;
        }
        let paint = [255, 255, 255, 1];
        for (const layer of layers.reverse()) paint = over(layer, paint);
        return paint;
      };
      /** Inside a box clipped to a pixel (.visually-hidden): written for screen readers, not for the eye. */
      const screenReaderOnly = (el: Element): boolean => {
        for (let a: Element | null = el; a; a = a.parentElement) {
          const r = a.getBoundingClientRect();
          const cs = getComputedStyle(a);
          if (r.width <= 1 && r.height <= 1 && (cs.overflow !== 'visible' || cs.clip !== 'auto')) return true;
        }
        return false;
      };
      /** The nearest box a person sees as the text's container: a button, a link, or anything with a background or a border. */
      const boxOf = (el: Element): Element => {
        for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
          if (a.matches('button, a')) return a;
          const cs = getComputedStyle(a);
          const bg = parse(cs.backgroundColor);
          const border = ['Top', 'Right', 'Bottom', 'Left'].some(
            (s) => parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0 && (parse(cs.getPropertyValue(`border-${s.toLowerCase()}-color`))?.[3] ?? 0) > 0,
          );
          if ((bg && bg[3] > 0) || cs.backgroundImage !== 'none' || border) return a;
        }
        return document.body;
      };

      const out: {
        text: string;
        where: string;
        problems: string[];
        away: false | 'above' | 'below';
        lines: number;
        contrast: number | null;
      }[] = [];
      const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const text = node.data.replace(/\s+/g, ' ').trim();
        const el = node.parentElement;
        if (!text || !el) continue;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        if (screenReaderOnly(el)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const cs = getComputedStyle(el);
        // A line's box is the font's whole ascent and descent (Noto Sans CJK: 1.45 em), taller than
        // the glyphs and than a tight line-height: the glyphs' band, 1 em about the middle, is what must show.
        const em = parseFloat(cs.fontSize);
        const rects = [...range.getClientRects()]
          .filter((r) => r.width > 0.5 && r.height > 0.5)
          .map((r) => {
            const mid = (r.top + r.bottom) / 2;
            const half = Math.min(em, r.height) / 2;
            return { left: r.left, right: r.right, width: r.width, top: mid - half, bottom: mid + half, height: half * 2 };
          });
        if (rects.length === 0) continue;
        const problems: string[] = [];
        let away: false | 'above' | 'below' = false;

        // contrast: the text's colour (faded by any translucent ancestor) on what is behind it
        const bg = behind(el);
        let contrast: number | null = null;
        const fg = parse(cs.color);
        if (bg && fg) {
          let fade = fg[3];
          for (let a: Element | null = el; a; a = a.parentElement) fade *= parseFloat(getComputedStyle(a).opacity);
          contrast = Math.round(ratio(over([fg[0], fg[1], fg[2], fade], bg), bg) * 100) / 100;
          // a control that is off for now may fade (WCAG 1.4.3 exempts it); one that is off but says why (a closed service) may not
          const fadedOff = fade < 1 && el.closest(':disabled, [aria-disabled="true"]') !== null;
          if (contrast < minContrast && !fadedOff) problems.push(`contrast ${contrast}:1 (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`);
        }

        // cut by a box that hides or scrolls its overflow (the nearest one that does decides); off the screen
        const scrolls = (o: string) => o === 'auto' || o === 'scroll';
        for (const r of rects) {
          let sideDone = false;
          let endDone = false;
          for (let a: Element | null = el; a && a !== document.documentElement && !(sideDone && endDone); a = a.parentElement) {
            const acs = getComputedStyle(a);
            if (acs.overflowX === 'visible' && acs.overflowY === 'visible') continue;
            const b = a.getBoundingClientRect();
            const left = b.left + a.clientLeft;
            const top = b.top + a.clientTop;
            if (!sideDone && acs.overflowX !== 'visible' && (r.left < left - 1 || r.right > left + a.clientWidth + 1)) {
              problems.push(`cut at the side by ${name(a)}`);
              sideDone = true;
            }
            if (!endDone && acs.overflowY !== 'visible' && (r.top < top - 1 || r.bottom > top + a.clientHeight + 1)) {
              if (scrolls(acs.overflowY)) away = r.bottom > top + a.clientHeight + 1 ? 'below' : 'above';
              else problems.push(`cut at the top or bottom by ${name(a)}`);
              endDone = true;
            }
          }
          if (r.left < -1 || r.right > innerWidth + 1) problems.push('off the screen at the side');
          if (r.bottom > innerHeight + 1) away = 'below';
          else if (r.top < -1) away = 'above';
        }

        // spilling out of its card; its own box narrower than its text
        const box = boxOf(el);
        if (box !== document.body) {
          const b = box.getBoundingClientRect();
          for (const r of rects) {
            if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
              problems.push(`spills out of ${name(box)}`);
              break;
            }
          }
        }
        if (el.scrollWidth > el.clientWidth + 1 && cs.display !== 'inline') problems.push(`${name(el)} is ${el.scrollWidth - el.clientWidth}px too narrow`);

        // covered by something else (a footer, an overlay, a neighbour spilling over)
        if (!away) {
          for (const r of rects) {
            const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
            const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
            const hit = document.elementFromPoint(x, y);
            if (hit && !el.contains(hit) && !hit.contains(el) && !box.contains(hit)) {
              problems.push(`covered by ${name(hit)}`);
              break;
            }
          }
        }

        // lines; for Chinese, no character left alone on the last line
        const tops: number[] = [];
        const charTops: number[] = [];
        if (/\p{Script=Han}/u.test(node.data)) {
          let offset = 0;
          for (const ch of node.data) {
            const r = document.createRange();
            r.setStart(node, offset);
            r.setEnd(node, offset + ch.length);
            offset += ch.length;
            const cr = [...r.getClientRects()].find((x) => x.width > 0);
            if (!cr || !ch.trim()) continue;
            charTops.push(cr.top);
          }
          const lineHeight = Math.min(...rects.map((r) => r.height));
          for (const tp of charTops) if (!tops.some((x) => Math.abs(x - tp) < lineHeight / 2)) tops.push(tp);
          const last = Math.max(...tops);
          const onLast = charTops.filter((tp) => Math.abs(tp - last) < lineHeight / 2).length;
          if (tops.length > 1 && onLast === 1) problems.push('one character alone on its last line');
        } else {
          for (const r of rects) if (!tops.some((x) => Math.abs(x - r.top) < r.height / 2)) tops.push(r.top);
        }

        out.push({ text, where: name(el), problems: [...new Set(problems)], away, lines: Math.max(tops.length, 1), contrast });
      }
      return out;
    },
    { root, minContrast: options.minContrast },
  );
}

/**
 * Waits until what is on screen stops changing by itself: every animation or
 * transition shorter than 2 s has ended (fades, a switch sliding); endless ones
 * (a nudging arrow) and long countdowns carry on.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => {
      const end = a.effect?.getComputedTiming().endTime;
      return a.playState !== 'running' || typeof end !== 'number' || !Number.isFinite(end) || end > 2000;
    }),
  );
}

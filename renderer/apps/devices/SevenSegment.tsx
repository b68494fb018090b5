/**
 * A 7-segment LED readout drawn with CSS only, as the counter number displays
 * show it: digits, capitals (as well as seven segments can draw them), '-' and
 * blanks, right-aligned like the driver pads them.
 */

const SEGMENTS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
type Segment = (typeof SEGMENTS)[number];

/** Lit segments per character (a top, b upper right, c lower right, d bottom, e lower left, f upper left, g middle). */
export const GLYPHS: Readonly<Record<string, string>> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
  A: 'abcefg',
  B: 'cdefg',
  C: 'adef',
  D: 'bcdeg',
  E: 'adefg',
  F: 'aefg',
  G: 'acdef',
  H: 'bcefg',
  I: 'ef',
  J: 'bcde',
  K: 'acefg',
  L: 'def',
  M: 'aceg',
  N: 'ceg',
  O: 'cdeg',
  P: 'abefg',
  Q: 'abcfg',
  R: 'eg',
  S: 'acdfg',
  T: 'defg',
  U: 'bcdef',
  V: 'cde',
  W: 'bdf',
  X: 'bcefg',
  Y: 'bcdfg',
  Z: 'abdeg',
  '-': 'g',
  ' ': '',
};

export function segmentsFor(ch: string): Set<Segment> {
  const lit = GLYPHS[ch.toUpperCase()] ?? '';
  return new Set([...lit] as Segment[]);
}

/** `text` right-aligned in at least `width` cells. */
export function cells(text: string, width: number): string[] {
  return [...text.padStart(width, ' ')];
}

export function SevenSegment({ text, width = 4, label }: { text: string; width?: number; label: string }) {
  return (
    <span className="seg" role="img" aria-label={label}>
      {cells(text, width).map((ch, i) => {
        const lit = segmentsFor(ch);
        return (
          <span className="seg__digit" key={i} data-char={ch === ' ' ? '' : ch}>
            {SEGMENTS.map((s) => (
              <span key={s} className={`seg__s seg__s--${s}${lit.has(s) ? ' seg__s--on' : ''}`} />
            ))}
          </span>
        );
      })}
    </span>
  );
}

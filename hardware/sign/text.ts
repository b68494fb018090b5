/**
 * Text clean-up shared by the sign protocols. A marquee line carries no
 * layout: line breaks, tabs and runs of spaces in a message become one space
 * (the ideographic space U+3000 is kept: Chinese text uses it on purpose), so
 * each protocol's message separators stay unambiguous.
 */
export function normalizeSignText(text: string): string {
  return text.replace(/[^\S\u3000]+/gu, ' ').replace(/^ | $/g, '');
}

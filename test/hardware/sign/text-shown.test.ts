/**
 * signTextShown: one message's text as a sign gets it, by the encoder its
 * driver uses, cut into runs (kept / replaced) for the staff preview. The
 * runs line up with the encoder's output on every code point.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { signTextShown, type SignProtocol } from '../../../hardware/sign';
import { encodeAlphaShow, decodeAlphaPacket } from '../../../hardware/sign/alpha-frames';
import { buildArea } from '../../../hardware/sign/onbon-frames';

/** Every code point up to `last`, lone surrogates included, in chunks. */
function* chunks(last = 0x10ffff, size = 2048): Generator<string> {
  for (let start = 0; start <= last; start += size) {
    let s = '';
    for (let c = start; c < Math.min(start + size, last + 1); c++) s += String.fromCodePoint(c);
    yield s;
  }
}

describe('signTextShown', () => {
  it('is what the drivers send: the Alpha page text, the Onbon area text read back from GBK', () => {
    const text = '  Café “open”\n臺灣 \\ 😀 ！ ';
    const alpha = signTextShown('alpha', text);
    const packet = decodeAlphaPacket(encodeAlphaShow([{ text, effect: 'rotate' }]).bytes);
    const command = packet.ok ? packet.packet.commands[0] : undefined;
    expect(command && 'pages' in command ? command.pages[0]!.text : null).toBe(alpha.text);
    expect(alpha.text).toBe('Cafe "open" ?? \\ ? !');

    const onbon = signTextShown('onbon-bx', text);
    const { area } = buildArea([{ text, effect: 'rotate' }], { screen: { width: 128, height: 32 }, id: 0, holdSeconds: 5, repertoire: 'gbk', maxAreaBytes: 1024 });
    expect(iconv.decode(Buffer.from(area.data), 'gbk')).toBe(onbon.text);
    expect(onbon.text).toBe('Café “open” 臺灣 ＼ ? ！');
  });

  it('a GB2312-only font card replaces what GB2312 lacks (臺 is GBK only)', () => {
    expect(signTextShown('onbon-bx', '臺灣 台湾', { fontRepertoire: 'gb2312' })).toMatchObject({ text: '?? 台湾', runs: [{ text: '?', from: '臺' }, { text: '?', from: '灣' }, { text: ' 台湾' }] });
    expect(signTextShown('onbon-bx', '臺灣').text).toBe('臺灣');
  });

  it('runs: the kept stretches and each replaced character, in order, making up the text', () => {
    expect(signTextShown('alpha', 'aé b')).toEqual({
      text: 'ae b',
      runs: [{ text: 'a' }, { text: 'e', from: 'é' }, { text: ' b' }],
      warnings: [expect.objectContaining({ code: 'replaced-char', char: 'é', replacement: 'e' })],
    });
    expect(signTextShown('alpha', '')).toEqual({ text: '', runs: [], warnings: [] });
    expect(signTextShown('onbon-bx', '   ')).toEqual({ text: '', runs: [], warnings: [] });
  });

  // Alpha: every code point. Onbon (GBK encoding is slower): the BMP and the
  // next two planes; beyond them nothing has a GBK code, as in plane 1.
  const upTo: Record<SignProtocol, [last: number, chunks: number]> = { alpha: [0x10ffff, 544], 'onbon-bx': [0x2ffff, 96] };
  for (const protocol of ['alpha', 'onbon-bx'] as SignProtocol[]) {
    it(`${protocol}: the runs line up with the encoder on every code point`, () => {
      let n = 0;
      for (const s of chunks(upTo[protocol][0])) {
        const shown = signTextShown(protocol, s);
        const joined = shown.runs.map((r) => r.text).join('');
        if (joined !== shown.text) expect(joined).toBe(shown.text);
        const fromRuns = shown.runs.filter((r) => r.from !== undefined).map((r) => [r.from, r.text]);
        const fromWarnings = shown.warnings.map((w) => [w.char, w.replacement]);
        if (JSON.stringify(fromRuns) !== JSON.stringify(fromWarnings)) expect(fromRuns).toEqual(fromWarnings);
        n += 1;
      }
      expect(n).toBe(upTo[protocol][1]);
    });
  }
});

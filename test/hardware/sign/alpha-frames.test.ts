import { describe, expect, it } from 'vitest';
import {
  AlphaPacketReader,
  decodeAlphaPacket,
  encodeAlphaShow,
  encodeWriteText,
  prepareAlphaText,
  type AlphaDecodeResult,
} from '../../../hardware/sign/alpha-frames';
import { fromHex, hex, randomChunks, rng } from './fixtures';

const ascii = (s: string) => hex(Buffer.from(s, 'latin1'));

/*
 * Known-good packets:
 *
 * 1. msparks/alphasign: packet.py builds NUL×5, SOH, type "Z", address "00",
 *    STX, contents, EOT; text.py's contents are WRITE_TEXT "A", label
 *    (default "A"), ESC, position (default MIDDLE_LINE "\x20"), mode (default
 *    ROTATE "a"), message. So alphasign.Text("Message") is, byte for byte:
 */
const ALPHASIGN_TEXT_MESSAGE = '00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 61 4D 65 73 73 61 67 65 04';
/*
 * 2. The QBASIC example on wls.wwco.com/ledsigns/alpha/protocol.html
 *    (NULs, then CHR$(1)+"Z00"+CHR$(2)+"AA"+CHR$(27)+" b"+"Message"+CHR$(4)),
 *    here with alphasign's five NULs: file A, middle line, HOLD.
 */
const WLS_HOLD_MESSAGE = '00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 62 4D 65 73 73 61 67 65 04';

describe('Alpha packets', () => {
  it('encodes alphasign.Text("Message") byte for byte', () => {
    const { bytes, warnings } = encodeAlphaShow([{ text: 'Message', effect: 'rotate' }]);
    expect(hex(bytes)).toBe(ALPHASIGN_TEXT_MESSAGE);
    expect(warnings).toEqual([]);
  });

  it('encodes the wls.wwco.com HOLD example byte for byte', () => {
    expect(hex(encodeAlphaShow([{ text: 'Message', effect: 'hold' }]).bytes)).toBe(WLS_HOLD_MESSAGE);
  });

  it('maps each effect to its mode code and position, address, label and type to their bytes', () => {
    const modes = (['rotate', 'hold', 'flash', 'wipe', 'scroll', 'auto'] as const).map((effect) => encodeAlphaShow([{ text: 'x', effect }]).bytes[14] ?? 0);
    expect(String.fromCharCode(...modes)).toBe('abclmo');
    const { bytes } = encodeAlphaShow([{ text: 'Hi', effect: 'hold' }], { typeCode: '!', address: '1f', fileLabel: '0', position: 'fill' });
    expect(hex(bytes)).toBe(`00 00 00 00 00 01 21 31 46 02 41 30 1B 30 62 ${ascii('Hi')} 04`);
    for (const [position, byte] of [
      ['middle', 0x20],
      ['top', 0x22],
      ['bottom', 0x26],
      ['fill', 0x30],
    ] as const) {
      expect(encodeAlphaShow([{ text: 'x', effect: 'hold' }], { position }).bytes[13]).toBe(byte);
    }
  });

  it('writes several messages into one TEXT file, each with its own mode, speed and colour', () => {
    const { bytes } = encodeAlphaShow([
      { text: 'Court 1', effect: 'rotate', speed: 2, color: 'green' },
      { text: 'Next: A012', effect: 'flash' },
    ]);
    // ESC 20 'a' 0x16 (speed 2) 1C '2' (green) "Court 1"  ESC 20 'c' 0x17 (speed 3, restated) 1C 'C' (AUTOCOLOR, restated) "Next: A012"
    expect(hex(bytes)).toBe(
      `00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 61 16 1C 32 ${ascii('Court 1')} 1B 20 63 17 1C 43 ${ascii('Next: A012')} 04`,
    );
    const decoded = decodeAlphaPacket(bytes);
    expect(decoded).toEqual({
      ok: true,
      packet: {
        typeCode: 'Z',
        address: '00',
        commands: [
          {
            code: 'A',
            label: 'A',
            pages: [
              { position: 0x20, mode: 'a', text: 'Court 1', speed: 2, color: 'green' },
              { position: 0x20, mode: 'c', text: 'Next: A012', speed: 3, color: 'auto' },
            ],
          },
        ],
      },
    });
  });

  it('blanks the file for an empty list', () => {
    const { bytes } = encodeAlphaShow([]);
    expect(hex(bytes)).toBe('00 00 00 00 00 01 5A 30 30 02 41 41 04');
    const d = decodeAlphaPacket(bytes);
    expect(d.ok && d.packet.commands[0]).toEqual({ code: 'A', label: 'A', pages: [] });
  });

  it('checks the checksum of the ETX form (16-bit sum of STX … ETX as four hex digits)', () => {
    // STX 'A' 'A' ESC ' ' 'b' 'H' 'i' ETX: 02+41+41+1B+20+62+48+69+03 = 0x01D5
    const good = fromHex(`00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 62 48 69 03 ${ascii('01D5')} 04`);
    const d = decodeAlphaPacket(good);
    expect(d.ok && d.packet.commands[0]).toEqual({ code: 'A', label: 'A', pages: [{ position: 0x20, mode: 'b', text: 'Hi' }] });
    const bad = fromHex(`00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 62 48 69 03 ${ascii('01D6')} 04`);
    expect(decodeAlphaPacket(bad)).toEqual({ ok: false, reason: 'checksum 01D6 != 01D5' });
  });

  it('decodes special modes and other commands without taking them for text', () => {
    const sparkle = encodeWriteText('A', [{ position: 0x20, mode: 'n1', text: 'Wow' }]);
    const d = decodeAlphaPacket(sparkle);
    expect(d.ok && d.packet.commands[0]).toEqual({ code: 'A', label: 'A', pages: [{ position: 0x20, mode: 'n1', text: 'Wow' }] });
    // E$ : Write SPECIAL FUNCTION, clear memory (alphasign base.py clear_memory)
    const special = decodeAlphaPacket(fromHex('00 00 00 00 00 01 5A 30 30 02 45 24 04'));
    expect(special.ok && special.packet.commands[0]).toEqual({ code: 'E', data: Uint8Array.of(0x24) });
    expect(decodeAlphaPacket(fromHex('01 5A 30 30 02 41 41 1B 20 04')).ok).toBe(false); // mode missing
    expect(decodeAlphaPacket(fromHex('01 5A 30 30 41 41 04')).ok).toBe(false); // no STX
  });
});

describe('Latin-only text', () => {
  it('replaces what an Alpha font lacks and reports every character', () => {
    const { text, warnings } = prepareAlphaText('Café 臺北 “A012”！', 4);
    expect(text).toBe('Cafe ?? "A012"!');
    expect(warnings.map((w) => [w.code, w.messageIndex, w.char, w.replacement])).toEqual([
      ['replaced-char', 4, 'é', 'e'],
      ['replaced-char', 4, '臺', '?'],
      ['replaced-char', 4, '北', '?'],
      ['replaced-char', 4, '“', '"'],
      ['replaced-char', 4, '”', '"'],
      ['replaced-char', 4, '！', '!'],
    ]);
  });

  it('reports the replacement through encodeAlphaShow, per message, and sends only printable ASCII', () => {
    const { bytes, warnings } = encodeAlphaShow([
      { text: 'Room 3', effect: 'hold' },
      { text: '第3法庭', effect: 'rotate' },
    ]);
    expect(warnings.map((w) => [w.messageIndex, w.char])).toEqual([
      [1, '第'],
      [1, '法'],
      [1, '庭'],
    ]);
    const d = decodeAlphaPacket(bytes);
    expect(d.ok && d.packet.commands[0]).toMatchObject({ pages: [{ text: 'Room 3' }, { text: '?3??' }] });
    expect([...bytes].every((b) => b < 0x80)).toBe(true);
  });

  it('folds line breaks and runs of spaces into one space', () => {
    expect(prepareAlphaText('  Line one\n\tline two  ', 0)).toEqual({ text: 'Line one line two', warnings: [] });
  });
});

describe('packet reader', () => {
  it('finds packets however the stream is split, skipping sync NULs and noise, counting a cut-off one', () => {
    const a = encodeAlphaShow([{ text: 'First', effect: 'hold' }]).bytes;
    const b = encodeAlphaShow([{ text: 'Second', effect: 'rotate' }]).bytes;
    const cut = a.subarray(0, 12);
    const stream = Uint8Array.from([0x7f, 0x00, ...a, 0x20, ...cut, ...b]);
    const rand = rng(11);
    for (const chunks of [[stream], [...stream].map((x) => Uint8Array.of(x)), randomChunks(stream, rand)]) {
      const got: AlphaDecodeResult[] = [];
      const reader = new AlphaPacketReader((r) => got.push(r));
      for (const c of chunks) reader.push(c);
      expect(got.map((r) => (r.ok && 'pages' in r.packet.commands[0]! ? r.packet.commands[0].pages[0]!.text : r.ok ? 'other' : 'bad'))).toEqual(['First', 'bad', 'Second']);
    }
  });
});

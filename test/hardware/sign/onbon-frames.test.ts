import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  buildArea,
  crc16,
  decodeDynamicArea,
  decodeFrame,
  decodeReply,
  encodeDynamicArea,
  encodeFrame,
  encodeGbkText,
  encodePacket,
  encodePing,
  escapeBytes,
  messagesFromArea,
  OnbonFrameReader,
  tokenizeText,
  unescapeBytes,
  type AreaLayout,
  type OnbonDecodeResult,
} from '../../../hardware/sign/onbon-frames';
import { fromHex, hex, rng } from './fixtures';

/*
 * Known-good frames, copied from Onbon's public protocol document
 * "BK-5K/6K通讯协议用户版本" v1.4 — onbon-docs/docs/zh/k/potocol.md in
 * github.com/onbonlab/onbonlab.github.io (commit 0284bbd6…). Each is a whole
 * frame as printed there; the last two bytes before 5A are the CRC.
 */
const DOC = {
  /** §4 命令示例1 = §5.1.1 命令示例2 = §8.2.1 命令示例8: dynamic area, 128×32, "欢迎光临", to FE FF. */
  dynamicArea:
    'a5 a5 a5 a5 a5 a5 a5 a5 fe ff 00 80 00 00 00 00 00 00 fe 02 2c 00 a3 06 01 00 00 00 01 23 00 00 00 80 00 00 80 80 20 00 00 00 00 0a 00 00 00 00 02 01 01 00 02 0a 08 00 00 00 bb b6 d3 ad b9 e2 c1 d9 3c 49 5a',
  /** §5.1.2 命令示例3 / §7.1 命令示例4: the controller's ACK (printed with nine A5). */
  ack: 'A5 A5 A5 A5 A5 A5 A5 A5 A5 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A',
  /** §7.2 命令示例5: NACK, CmdError 05 = ERR_CHECKSUM. */
  nack: 'A5 A5 A5 A5 A5 A5 A5 A5 A5 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 01 05 00 00 05 51 5A',
  /** §8.7 PING 命令实例, to screen 1. */
  ping: 'A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00 68 F8 5A',
  /** §8.1.1 命令示例6: start writing file P000. */
  startWrite: 'A5 A5 A5 A5 A5 A5 A5 A5 FE FF 00 80 00 00 00 00 00 00 FE 02 0E 00 A1 05 01 00 00 01 50 30 30 30 47 00 00 00 48 14 5A',
  /** §8.5 format. */
  format: 'A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A1 00 01 00 00 2C F8 5A',
  /** §8.10 set the clock. */
  setTime: 'A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 0D 00 A2 03 01 08 00 13 20 01 25 11 17 26 05 B0 3F 5A',
  /** §8.18 lock program 0. */
  lock: 'A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 0B 00 A3 04 01 00 00 00 01 50 30 30 30 C2 40 5A',
  /** §8.3.2 page data "www.onbonbx.com". */
  pageData: 'A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 17 00 A4 02 01 00 00 00 0F 00 77 77 77 2E 6F 6E 62 6F 6E 62 78 2E 63 6F 6D 68 B5 5A',
};

/** Header + data of a documented frame (no preamble, no CRC, no 5A) and its printed CRC. */
function split(frame: string): { body: Uint8Array; crc: number } {
  const b = fromHex(frame);
  let i = 0;
  while (b[i] === 0xa5) i++;
  const inner = b.subarray(i, b.length - 1);
  return { body: inner.subarray(0, inner.length - 2), crc: inner[inner.length - 2]! | (inner[inner.length - 1]! << 8) };
}

describe('CRC-16 (appendix: poly 0xA001 reflected, init 0)', () => {
  it('is the CRC-16/ARC of the CRC catalogue ("123456789" → 0xBB3D)', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0xbb3d);
  });

  it.each(Object.entries(DOC))('matches the CRC printed in the document for %s', (_name, frame) => {
    const { body, crc } = split(frame);
    expect(crc16(body)).toBe(crc);
  });
});

describe('frame encoding', () => {
  it('builds the document\'s dynamic-area example byte for byte (A3 06, 128×32, 欢迎光临)', () => {
    const text = iconv.encode('欢迎光临', 'gbk');
    expect(hex(text)).toBe('BB B6 D3 AD B9 E2 C1 D9');
    const data = encodeDynamicArea({
      reply: true,
      processMode: 0,
      deleteIds: [],
      areas: [
        {
          x: 0,
          y: 0,
          width: 128,
          height: 32,
          id: 0,
          lineSpacing: 0,
          runMode: 0,
          timeout: 10,
          align: 0x00,
          singleLine: 0x02,
          newLine: 0x01,
          displayMode: 0x01,
          exitMode: 0x00,
          speed: 0x02,
          stayTime: 0x0a,
          data: Uint8Array.from(text),
        },
      ],
    });
    expect(hex(encodeFrame({ dst: 0xfffe, data }))).toBe(hex(fromHex(DOC.dynamicArea)));
  });

  it('builds the document\'s PING to screen 1 byte for byte', () => {
    expect(hex(encodeFrame({ dst: 0x0001, data: encodePing(true) }))).toBe(hex(fromHex(DOC.ping)));
  });

  it('decodes the document\'s dynamic-area frame back to its fields', () => {
    const r = decodeFrame(fromHex(DOC.dynamicArea));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frame.header).toEqual({ dst: 0xfffe, src: 0x8000, checkMode: 0, displayMode: 0, deviceType: 0xfe, version: 2 });
    const cmd = decodeDynamicArea(r.frame.data);
    expect(cmd).not.toBeNull();
    expect(cmd!.reply).toBe(true);
    expect(cmd!.deleteIds).toEqual([]);
    const area = cmd!.areas[0]!;
    expect({ x: area.x, y: area.y, width: area.width, height: area.height, id: area.id, timeout: area.timeout }).toEqual({ x: 0, y: 0, width: 128, height: 32, id: 0, timeout: 10 });
    expect({ singleLine: area.singleLine, newLine: area.newLine, displayMode: area.displayMode, speed: area.speed, stayTime: area.stayTime }).toEqual({
      singleLine: 2,
      newLine: 1,
      displayMode: 1,
      speed: 2,
      stayTime: 10,
    });
    expect(iconv.decode(Buffer.from(area.data), 'gbk')).toBe('欢迎光临');
    expect(messagesFromArea(area)).toEqual([{ text: '欢迎光临', effect: 'hold', speed: 5 }]);
  });

  it('decodes the document\'s ACK and NACK (nine A5 in front are fine)', () => {
    const ack = decodeFrame(fromHex(DOC.ack));
    const nack = decodeFrame(fromHex(DOC.nack));
    expect(ack.ok && nack.ok).toBe(true);
    if (!ack.ok || !nack.ok) return;
    expect(ack.frame.header.dst).toBe(0x8000);
    expect(ack.frame.header.src).toBe(0xfffe);
    expect(decodeReply(ack.frame.data)).toEqual({ group: 0xa0, cmd: 0x00, error: 0, payload: new Uint8Array() });
    expect(decodeReply(nack.frame.data)).toEqual({ group: 0xa0, cmd: 0x01, error: 5, payload: new Uint8Array() });
  });
});

describe('escaping (§3.3)', () => {
  it('escapes A5, A6, 5A, 5B and nothing else', () => {
    expect(hex(escapeBytes([0x00, 0xa5, 0xa6, 0x5a, 0x5b, 0xa4, 0x5c]))).toBe('00 A6 02 A6 01 5B 02 5B 01 A4 5C');
    expect(hex(unescapeBytes(fromHex('00 A6 02 A6 01 5B 02 5B 01 A4 5C'))!)).toBe('00 A5 A6 5A 5B A4 5C');
  });

  it('refuses sequences escaping never makes', () => {
    expect(unescapeBytes([0xa6, 0x03])).toBeNull();
    expect(unescapeBytes([0x5b])).toBeNull();
    expect(unescapeBytes([0x01, 0xa5])).toBeNull();
    expect(unescapeBytes([0x5a])).toBeNull();
  });

  it('round-trips frames whose header, data and CRC hold the escaped bytes', () => {
    // Address 0x5AA5 and a data field full of A5 A6 5A 5B.
    const data = Uint8Array.from([0xa3, 0x06, 0x02, 0x00, 0x00, 0xa5, 0xa6, 0x5a, 0x5b, 0xa5, 0xa5, 0x5b, 0x01, 0xa6, 0x02]);
    const frame = encodeFrame({ dst: 0x5aa5, src: 0x8000, data });
    const inner = frame.subarray(8, frame.length - 1);
    expect(inner.includes(0xa5)).toBe(false);
    expect(inner.includes(0x5a)).toBe(false);
    expect(hex(frame.subarray(8, 12))).toBe('A6 02 5B 02'); // dst 0x5AA5, little-endian, escaped
    const back = decodeFrame(frame);
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.frame.header.dst).toBe(0x5aa5);
      expect(hex(back.frame.data)).toBe(hex(data));
    }
  });

  it('round-trips random data fields, and the CRC covers the unescaped bytes', () => {
    const rand = rng(7);
    for (let n = 0; n < 300; n++) {
      const len = Math.floor(rand() * 64);
      const data = Uint8Array.from({ length: len }, () => [0xa5, 0xa6, 0x5a, 0x5b, Math.floor(rand() * 256)][Math.floor(rand() * 5)]!);
      const dst = Math.floor(rand() * 0x10000);
      const packet = encodePacket({ dst, data });
      expect(crc16(packet.subarray(0, packet.length - 2))).toBe(packet[packet.length - 2]! | (packet[packet.length - 1]! << 8));
      const r = decodeFrame(encodeFrame({ dst, data }));
      expect(r.ok && hex(r.frame.data) === hex(data) && r.frame.header.dst === dst).toBe(true);
    }
  });

  it('reports a bad CRC and a bad escape as such', () => {
    const frame = fromHex(DOC.ping);
    const badCrc = frame.slice();
    badCrc[badCrc.length - 2] = badCrc[badCrc.length - 2]! ^ 0x01;
    const r1 = decodeFrame(badCrc);
    expect(r1.ok ? 'ok' : r1.reason).toBe('bad-crc');
    const badEscape = Uint8Array.from([...frame.subarray(0, 10), 0xa6, 0x07, ...frame.subarray(10)]);
    const r2 = decodeFrame(badEscape);
    expect(r2.ok ? 'ok' : r2.reason).toBe('bad-escape');
  });
});

describe('frame reader', () => {
  const collect = () => {
    const got: OnbonDecodeResult[] = [];
    return { got, reader: new OnbonFrameReader((r) => got.push(r)) };
  };

  it('finds frames in a stream however it is split, and counts the bad one between them', () => {
    const good = fromHex(DOC.ping);
    const bad = fromHex(DOC.nack).slice();
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 0xff; // CRC low byte
    const stream = Uint8Array.from([0x00, 0x13, ...good, ...bad, ...fromHex(DOC.ack), ...good]);
    const rand = rng(3);
    for (const mode of ['whole', 'bytes', 'random'] as const) {
      const { got, reader } = collect();
      if (mode === 'whole') reader.push(stream);
      else if (mode === 'bytes') for (const b of stream) reader.push([b]);
      else {
        let i = 0;
        while (i < stream.length) {
          const n = 1 + Math.floor(rand() * 9);
          reader.push(stream.subarray(i, i + n));
          i += n;
        }
      }
      expect(got.map((r) => (r.ok ? hex(r.frame.data.subarray(0, 2)) : r.reason))).toEqual(['A2 00', 'bad-crc', 'A0 00', 'A2 00']);
    }
  });

  it('treats a frame cut off by a new preamble as bad', () => {
    const { got, reader } = collect();
    const ping = fromHex(DOC.ping);
    reader.push(ping.subarray(0, 20));
    reader.push(ping);
    expect(got.map((r) => r.ok)).toEqual([false, true]);
  });
});

describe('text layer', () => {
  const layout: AreaLayout = { screen: { width: 128, height: 16 }, id: 0, holdSeconds: 5, repertoire: 'gbk', maxAreaBytes: 512 };

  it('encodes Traditional Chinese in GBK without loss (臺灣臺東地方檢察署)', () => {
    const { bytes, warnings } = encodeGbkText('臺灣臺東地方檢察署', 0);
    expect(warnings).toEqual([]);
    expect(hex(bytes)).toBe('C5 5F 9E B3 C5 5F 96 7C B5 D8 B7 BD 99 7A B2 EC CA F0');
    expect(iconv.decode(Buffer.from(bytes), 'gbk')).toBe('臺灣臺東地方檢察署');
    const { area } = buildArea([{ text: '臺灣臺東地方檢察署', effect: 'rotate' }], layout);
    expect(messagesFromArea(area)).toEqual([{ text: '臺灣臺東地方檢察署', effect: 'rotate', speed: 3 }]);
  });

  it('reports what GBK or a GB2312 font cannot show', () => {
    const gbk = encodeGbkText('a𠀋b€\\', 2);
    expect(gbk.warnings.map((w) => [w.char, w.replacement, w.messageIndex])).toEqual([
      ['𠀋', '?', 2],
      ['€', '?', 2],
      ['\\', '＼', 2],
    ]);
    expect(hex(gbk.bytes)).toBe('61 3F 62 3F A3 DC');
    const gb2312 = encodeGbkText('臺北地方', 0, 'gb2312');
    expect(gb2312.warnings.map((w) => w.char)).toEqual(['臺']); // 臺 is GBK C5 5F: outside GB2312
    expect(hex(gb2312.bytes)).toBe('3F B1 B1 B5 D8 B7 BD');
  });

  it('does not take a GBK trail byte 5C or 6E for an escape (乗 = 81 5C, 乶 = 81 6E)', () => {
    const { bytes } = encodeGbkText('乗n乶', 0);
    expect(hex(bytes)).toBe('81 5C 6E 81 6E');
    expect(tokenizeText(bytes)).toEqual([{ kind: 'text', text: '乗n乶' }]);
    expect(tokenizeText([0x5c, 0x43, 0x32, 0x41, 0x5c, 0x6e, 0x42])).toEqual([
      { kind: 'color', digit: 0x32 },
      { kind: 'text', text: 'A' },
      { kind: 'newline' },
      { kind: 'text', text: 'B' },
    ]);
  });

  it('puts several messages in one area: one moving line, or one line each', () => {
    const moving = buildArea(
      [
        { text: '請抽號碼牌', effect: 'rotate', color: 'green' },
        { text: 'Please take a number', effect: 'rotate' },
      ],
      layout,
    );
    expect(moving.warnings).toEqual([]);
    // \C2 請抽號碼牌 ␠␠␠␠ \C1 Please take a number
    expect(hex(moving.area.data.subarray(0, 3))).toBe('5C 43 32');
    expect(hex(moving.area.data.subarray(13, 20))).toBe('20 20 20 20 5C 43 31');
    expect([moving.area.displayMode, moving.area.singleLine, moving.area.newLine]).toEqual([0x03, 0x01, 0x01]);
    expect(messagesFromArea(moving.area)).toEqual([
      { text: '請抽號碼牌', effect: 'rotate', speed: 3, color: 'green' },
      { text: 'Please take a number', effect: 'rotate', speed: 3, color: 'red' },
    ]);

    const paged = buildArea(
      [
        { text: '第一法庭', effect: 'hold', speed: 5 },
        { text: 'Court 1', effect: 'flash' },
        { text: '   spaced\n  out  ', effect: 'scroll' },
      ],
      layout,
    );
    expect(hex(paged.area.data)).toBe(hex(Uint8Array.from([...iconv.encode('第一法庭', 'gbk'), 0x5c, 0x6e, ...Buffer.from('Court 1'), 0x5c, 0x6e, ...Buffer.from('spaced out')])));
    expect([paged.area.displayMode, paged.area.singleLine, paged.area.speed, paged.area.stayTime]).toEqual([0x01, 0x02, 0x02, 10]);
    expect(paged.warnings.map((w) => [w.code, w.messageIndex, w.replacement])).toEqual([
      ['effect-substituted', 1, 'hold'],
      ['effects-merged', 2, 'hold'],
    ]);
    expect(messagesFromArea(paged.area).map((m) => m.text)).toEqual(['第一法庭', 'Court 1', 'spaced out']);
  });

  it('cuts at a character boundary when the messages exceed the area, and says so', () => {
    const { area, warnings } = buildArea([{ text: '字'.repeat(300), effect: 'rotate' }], { ...layout, maxAreaBytes: 64 });
    expect(area.data.length).toBe(36); // 64 − 27 bytes of area header = 37, rounded down to whole characters
    expect(warnings.map((w) => w.code)).toEqual(['text-truncated']);
    expect(messagesFromArea(area)[0]!.text).toBe('字'.repeat(18));
  });

  it('encodes a deletion for an empty list', () => {
    const data = encodeDynamicArea({ reply: false, processMode: 0, deleteIds: [0], areas: [] });
    expect(hex(data)).toBe('A3 06 02 00 00 01 00 00');
    expect(decodeDynamicArea(data)).toEqual({ reply: false, processMode: 0, deleteIds: [0], areas: [] });
  });
});

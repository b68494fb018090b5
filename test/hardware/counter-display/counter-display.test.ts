import { describe, expect, it } from 'vitest';
import { crc16Modbus, decodeFrame, decodeModbusWrite, encodeFrame, encodeModbusWrite } from '../../../hardware/counter-display/frames';
import { createSimulatedCounterDisplays } from '../../../hardware/counter-display/simulated';
import { DEFAULT_FRAME } from '../../../hardware/counter-display/types';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Modbus RTU', () => {
  it('computes CRC-16/MODBUS like the specification\'s example (01 03 00 00 00 0A → C5 CD)', () => {
    const crc = crc16Modbus([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a]);
    expect([crc & 0xff, crc >> 8]).toEqual([0xc5, 0xcd]);
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37); // the CRC catalogue's check value
  });

  it('writes ASCII digits to registers 0..n with function 16', () => {
    const frame = encodeModbusWrite(3, 'A012', 4);
    expect(hex(frame.subarray(0, 7))).toBe('03100000000408');
    expect(hex(frame.subarray(7, 15))).toBe('0041003000310032');
    expect(decodeModbusWrite(frame)).toEqual({ slave: 3, text: 'A012' });
    frame[9] = frame[9]! ^ 1;
    expect(decodeModbusWrite(frame)).toBeNull();
  });
});

describe('framed ASCII', () => {
  it('STX, address, right-aligned text, XOR checksum, ETX', () => {
    const frame = encodeFrame(DEFAULT_FRAME, 3, 'A12');
    // 02 '0' '3' ' ' 'A' '1' '2' xor 03
    const body = [0x30, 0x33, 0x20, 0x41, 0x31, 0x32];
    expect([...frame]).toEqual([0x02, ...body, body.reduce((a, b) => a ^ b), 0x03]);
    expect(decodeFrame(DEFAULT_FRAME, frame)).toEqual({ address: 3, text: 'A12' });
    expect(decodeFrame({ ...DEFAULT_FRAME, checksum: 'sum8' }, frame)).toBeNull();
    expect(encodeFrame(DEFAULT_FRAME, 3, 'a-012!')).toEqual(encodeFrame(DEFAULT_FRAME, 3, '-012'));
  });
});

describe('simulated counter displays', () => {
  it('decode what the framed driver sends, resynchronising after noise', async () => {
    const { displays, device } = createSimulatedCounterDisplays();
    await displays.show(1, 'A001');
    await displays.show(3, 'C012');
    expect(Object.fromEntries(device.shown)).toEqual({ 1: 'A001', 3: 'C012' });
  });

  it('decode what the Modbus driver sends', async () => {
    const { displays, device } = createSimulatedCounterDisplays({ kind: 'modbus-rtu', registers: 4 });
    await displays.show(2, 'B105');
    await displays.show(2, 'B106');
    expect(device.shown.get(2)).toBe('B106');
    expect(device.badFrames).toBe(0);
  });
});

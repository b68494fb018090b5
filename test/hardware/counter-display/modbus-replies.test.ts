import { describe, expect, it } from 'vitest';
import { ModbusCounterDisplays } from '../../../hardware/counter-display/drivers/modbus-rtu';
import { crc16Modbus, encodeModbusWriteReply } from '../../../hardware/counter-display/frames';
import { SimulatedCounterDisplays } from '../../../hardware/counter-display/simulated';
import { createMemoryPair } from '../../../hardware/transports/memory';

/** On a two-wire RS-485 bus the master must not talk while a module answers. */
describe('Modbus-RTU counter displays wait for each module to answer', () => {
  it('the next frame leaves only after the previous module answered', async () => {
    const pair = createMemoryPair();
    const frames: number[][] = [];
    let answer: (() => void) | undefined;
    // A module that answers 80 ms after each frame.
    pair.b.onData((bytes) => {
      frames.push([...bytes]);
      const slave = bytes[0]!;
      answer = () => void pair.b.write(encodeModbusWriteReply(slave, 4));
      setTimeout(() => answer?.(), 80);
    });
    const displays = new ModbusCounterDisplays(pair.a, { registers: 4, replyTimeoutMs: 500, interFrameMs: 0 });
    const first = displays.show(1, 'A001');
    const second = displays.show(2, 'B001');
    await new Promise((r) => setTimeout(r, 40));
    expect(frames.map((f) => f[0])).toEqual([1]); // slave 2 is not addressed while slave 1 may still answer
    await first;
    await second;
    expect(frames.map((f) => f[0])).toEqual([1, 2]);
    expect(displays.unanswered()).toEqual([]);
  });

  it('a silent module is named after its timeout, and the bus moves on to the next', async () => {
    const pair = createMemoryPair();
    const sim = new SimulatedCounterDisplays(pair.b, { kind: 'modbus-rtu', registers: 4 });
    sim.silent.add(3);
    const displays = new ModbusCounterDisplays(pair.a, { registers: 4, replyTimeoutMs: 60, interFrameMs: 0 });
    await Promise.all([displays.show(3, 'C001'), displays.show(1, 'A001')]);
    expect(sim.shown.get(1)).toBe('A001');
    expect(sim.shown.has(3)).toBe(false);
    expect(displays.unanswered()).toEqual([3]);
    sim.silent.delete(3);
    await displays.show(3, 'C001');
    expect(sim.shown.get(3)).toBe('C001');
    expect(displays.unanswered()).toEqual([]);
  });

  it('an exception reply is an answer (the module is there); noise and another slave\'s late reply are not', async () => {
    const pair = createMemoryPair();
    const exception = [0x05, 0x90, 0x02];
    const crc = crc16Modbus(exception);
    pair.b.onData((bytes) => {
      if (bytes[0] === 5) void pair.b.write(Uint8Array.from([0xff, 0x00, ...exception, crc & 0xff, crc >> 8]));
      // Slave 6's frame gets slave 7's reply (a late one from an earlier frame): not an answer for 6.
      if (bytes[0] === 6) void pair.b.write(encodeModbusWriteReply(7, 4));
    });
    const displays = new ModbusCounterDisplays(pair.a, { registers: 4, replyTimeoutMs: 60, interFrameMs: 0 });
    await displays.show(5, 'A001');
    await displays.show(6, 'A002');
    expect(displays.unanswered()).toEqual([6]);
  });
});

describe('a Modbus frame written during an unplug', () => {
  it('is timed from when it left, so a module that answers after the replug is not named silent', async () => {
    const pair = createMemoryPair({ writeTimeoutMs: 2000 });
    const sim = new SimulatedCounterDisplays(pair.b, { kind: 'modbus-rtu', registers: 4 });
    const displays = new ModbusCounterDisplays(pair.a, { registers: 4, replyTimeoutMs: 100, interFrameMs: 0 });
    pair.disconnect(new Error('unplugged'));
    const shown = displays.show(2, 'B001');
    await new Promise((r) => setTimeout(r, 300)); // longer than the reply timeout
    pair.reconnect();
    await shown;
    expect(sim.shown.get(2)).toBe('B001');
    expect(displays.unanswered()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { LineKeypads } from '../../../hardware/keypad/drivers/line-keypad';
import { encodeDisplay, encodePress, parsePress } from '../../../hardware/keypad/line-protocol';
import { createSimulatedKeypads } from '../../../hardware/keypad/simulated';
import type { KeypadPress } from '../../../hardware/keypad/types';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The line driver on a memory pair, keeping what it hears: presses, and lines that were not one. */
function listeningKeypads() {
  const pair = createMemoryPair();
  const keypads = new LineKeypads(pair.a);
  const presses: KeypadPress[] = [];
  const garbage: string[] = [];
  keypads.onPress((p) => presses.push(p));
  keypads.onGarbage((g) => garbage.push(g));
  return { pair, presses, garbage };
}

describe('keypad line protocol', () => {
  it('encodes and parses presses and display lines', () => {
    expect(Buffer.from(encodePress({ address: 3, key: 'NEXT' })).toString('latin1')).toBe('K03,NEXT\r\n');
    expect(Buffer.from(encodePress({ address: 12, key: 'CALL', arg: 'A012' })).toString('latin1')).toBe('K12,CALL,A012\r\n');
    expect(Buffer.from(encodeDisplay(3, 'A012')).toString('latin1')).toBe('D03,A012\r\n');
    expect(Buffer.from(encodeDisplay(3, '號A0123456789')).toString('latin1')).toBe('D03,A0123456\r\n');
    expect(parsePress('K03,RECALL')).toEqual({ address: 3, key: 'RECALL' });
    for (const bad of ['K3,NEXT', 'K03,JUMP', 'K03,CALL', 'K03,NEXT,A012', 'K00,NEXT', 'X03,NEXT', 'K03,CALL,a12']) expect(parsePress(bad)).toBeNull();
  });

  it('the driver hears presses split across reads, and reports noise without stopping', async () => {
    const { pair, presses, garbage } = listeningKeypads();
    const stream = ascii('K01,NE');
    await pair.b.write(stream);
    await pair.b.write(ascii('XT\r\n\x00\x7f garbage\r\nK02,CALL,B005\r'));
    await pair.b.write(ascii('\nK02,SKIP\n'));
    expect(presses).toEqual([
      { address: 1, key: 'NEXT' },
      { address: 2, key: 'CALL', arg: 'B005' },
      { address: 2, key: 'SKIP' },
    ]);
    expect(garbage).toHaveLength(1);
  });

  it('the simulator presses through the real driver and shows what the host sends back', async () => {
    const { keypads, device } = createSimulatedKeypads();
    const presses: KeypadPress[] = [];
    keypads.onPress((p) => presses.push(p));
    await device.press({ address: 3, key: 'RECALL' });
    expect(presses).toEqual([{ address: 3, key: 'RECALL' }]);
    await keypads.show(3, 'A012');
    expect(device.shown.get(3)).toBe('A012');
  });

  it('a line cut in the middle of a press forgets the half: the first whole press after the replug arrives', async () => {
    const { pair, presses, garbage } = listeningKeypads();
    await pair.b.write(ascii('K03,NE'));
    pair.disconnect(new Error('unplugged'));
    pair.reconnect();
    await pair.b.write(ascii('K04,NEXT\r\n'));
    expect(presses).toEqual([{ address: 4, key: 'NEXT' }]);
    expect(garbage).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { LineKeypads } from '../../../hardware/keypad/drivers/line-keypad';
import { createMemoryPair } from '../../../hardware/transports/memory';
import type { KeypadPress } from '../../../hardware/keypad/types';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('a keypad line cut in the middle of a press', () => {
  it('forgets the half press: the first whole press after the replug arrives', async () => {
    const pair = createMemoryPair();
    const keypads = new LineKeypads(pair.a);
    const presses: KeypadPress[] = [];
    const garbage: string[] = [];
    keypads.onPress((p) => presses.push(p));
    keypads.onGarbage((g) => garbage.push(g));
    await pair.b.write(ascii('K03,NE'));
    pair.disconnect(new Error('unplugged'));
    pair.reconnect();
    await pair.b.write(ascii('K04,NEXT\r\n'));
    expect(presses).toEqual([{ address: 4, key: 'NEXT' }]);
    expect(garbage).toEqual([]);
  });
});

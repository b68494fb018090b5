import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBoard } from '../../../core/contract';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, watchLive, type HttpClient, type TestLobby } from '../../helpers/lobby';
import { until } from '../../hardware/support/wait';

/**
 * A counter's keypad display, its number display and the call board must say
 * the same thing after every action, whoever took it: the keypad itself, the
 * staff console, or another keypad. Read from the outside: the simulated
 * devices keep what the real driver's bytes made them show, and the board is
 * the live snapshot a /calls screen receives.
 */
let t: TestLobby;
let staff: HttpClient;
let live: Awaited<ReturnType<typeof watchLive>>;
const board = () => live.get<QueueBoard>('queue.board');

beforeAll(async () => {
  t = await startTestLobby();
  staff = await createFirstAdmin(t);
  live = await watchLive(t, ['queue.board']);
  for (let i = 0; i < 5; i++) await issueTicket(t, 'consult'); // A001 … A005
  await issueTicket(t, 'documents'); // B001
});

afterAll(async () => {
  live?.close();
  await t?.stop();
});

const sim = () => t.lobby.simPanel.snapshot();
const keypadShows = (address: number) => sim().keypads.shown.find((s) => s.address === address)?.text;
const displayShows = (address: number) => sim().counterDisplays.shown.find((s) => s.address === address)?.text;
const boardShows = (counterNumber: number) => board()?.recentCalls.find((c) => c.counterNumber === counterNumber)?.number;

/** Waits until keypad, display (and, when given, the board) of a counter all show `number`. */
async function agree(counterNumber: number, number: string, onBoard = true): Promise<void> {
  await until(
    () => keypadShows(counterNumber) === number && displayShows(counterNumber) === number && (!onBoard || boardShows(counterNumber) === number),
    3000,
    `counter ${counterNumber} showing ${number} (keypad ${keypadShows(counterNumber)}, display ${displayShows(counterNumber)}, board ${boardShows(counterNumber)})`,
  );
}

describe('keypad, counter display and board agree after every action from any source', () => {
  it('NEXT on keypad 1 calls A001 on all three', async () => {
    await t.lobby.simPanel.pressKey({ address: 1, key: 'NEXT' });
    await agree(1, 'A001');
  });

  it('CALL A003 then RECALL on keypad 1: all three show A003 (the keypad kept A001 before)', async () => {
    await t.lobby.simPanel.pressKey({ address: 1, key: 'CALL', arg: 'A003' });
    await agree(1, 'A003');
    const before = board()?.recentCalls[0]?.id ?? 0;
    await t.lobby.simPanel.pressKey({ address: 1, key: 'RECALL' });
    await until(() => (board()?.recentCalls[0]?.id ?? 0) > before, 3000, 'the recall on the board');
    expect(board()?.recentCalls[0]).toMatchObject({ number: 'A003', counterNumber: 1, recall: true });
    await agree(1, 'A003');
  });

  it('the staff console calls next at counter 1: its keypad and display follow', async () => {
    const res = await counterAction(staff, { action: 'next', counterId: 'c1' });
    expect(res.call?.number).toBe('A002');
    await agree(1, 'A002');
  });

  it('another keypad (counter 2) acts: counter 2 follows, counter 1 keeps its own number', async () => {
    await t.lobby.simPanel.pressKey({ address: 2, key: 'NEXT' });
    await agree(2, 'B001');
    await agree(1, 'A002');
  });

  it('FINISH from the console: counter 1 serves nobody, its keypad and display say ----', async () => {
    await counterAction(staff, { action: 'start', counterId: 'c1' });
    await counterAction(staff, { action: 'finish', counterId: 'c1' });
    await agree(1, '----', false);
    expect(boardShows(1)).toBe('A002'); // the board keeps the last call in its list
  });

  it('a refused key shows ERR on that keypad only, then the counter number again', async () => {
    await t.lobby.simPanel.pressKey({ address: 2, key: 'CALL', arg: 'Z999' });
    await until(() => keypadShows(2) === 'ERR', 3000, 'ERR on keypad 2');
    expect(displayShows(2)).toBe('B001');
    await until(() => keypadShows(2) === 'B001', 5000, 'keypad 2 back to B001');
  });
});

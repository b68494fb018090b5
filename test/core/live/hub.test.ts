import { describe, expect, it } from 'vitest';
import { TOPICS, type QueueBoard, type ServerMessage, type Topic } from '../../../core/contract';
import { createEventBus } from '../../../core/domain/events';
import { createLiveHub, type LiveClient } from '../../../core/live/hub';
import { loggerTo } from '../../../core/log';

type Providers = Parameters<typeof createLiveHub>[0];
interface LogLine {
  level: number;
  msg: string;
  area?: string;
  event?: string;
  topic?: string;
  failures?: number;
  err?: { type: string; message: string; stack?: string };
}

/** The lobby's own log settings (serializers, scrubbing) on a stream the test reads. */
function capturedLog() {
  const lines: LogLine[] = [];
  const logger = loggerTo({ write: (text: string) => void lines.push(JSON.parse(text) as LogLine) });
  return { logger, lines, raw: () => JSON.stringify(lines) };
}

/** A board's socket: the snapshots it was sent. */
function board(): LiveClient & { snapshots: Extract<ServerMessage, { type: 'snapshot' }>[] } {
  const snapshots: Extract<ServerMessage, { type: 'snapshot' }>[] = [];
  return { snapshots, send: (text) => void snapshots.push(JSON.parse(text) as Extract<ServerMessage, { type: 'snapshot' }>) };
}

/** Every topic answers an empty object but the one the test drives. */
function providers(queueBoard: () => QueueBoard): Providers {
  const empty = Object.fromEntries(TOPICS.map((t: Topic) => [t, () => ({})]));
  return { ...empty, 'queue.board': queueBoard } as Providers;
}

/** A snapshot's ticket, to tell them apart. */
const boardWith = (number: string) => ({ recent: [{ number }] }) as unknown as QueueBoard;

describe('errors are never silent', () => {
  it('a throwing bus listener and a throwing snapshot provider are logged, scrubbed, once per streak; the board keeps receiving later snapshots', () => {
    const { logger, lines, raw } = capturedLog();
    const turns: (() => void)[] = [];
    const nextTurn = () => turns.splice(0).forEach((fn) => fn());
    let failing = false;
    let number = 1;
    const hub = createLiveHub(
      providers(() => {
        if (failing) throw new Error('no hearing for "吳大同" in room 3');
        return boardWith(`A00${number}`);
      }),
      { log: logger, schedule: (fn) => turns.push(fn) },
    );
    const bus = createEventBus(logger);
    // A listener that fails comes first: the boards' listener after it still runs.
    bus.on('queue.changed', () => {
      throw new TypeError('the sign cannot show 王小明');
    });
    bus.on('queue.changed', () => hub.publish('queue.board'));
    const screen = board();
    hub.subscribe(screen, ['queue.board']);

    number = 2;
    bus.emit('queue.changed', {});
    nextTurn();
    expect(screen.snapshots.map((s) => s.version)).toEqual([1, 2]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 50, area: 'events', event: 'queue.changed', err: expect.objectContaining({ type: 'TypeError', message: 'the sign cannot show …' }) }),
    );

    // The provider fails twice: the board keeps its last snapshot, the log says so once.
    failing = true;
    bus.emit('queue.changed', {});
    nextTurn();
    bus.emit('queue.changed', {});
    nextTurn();
    expect(screen.snapshots.map((s) => s.version)).toEqual([1, 2]);
    const providerErrors = lines.filter((l) => l.area === 'live' && l.level === 50);
    expect(providerErrors).toEqual([
      expect.objectContaining({ topic: 'queue.board', failures: 1, err: expect.objectContaining({ type: 'Error', message: 'no hearing for "…" in room 3' }) }),
    ]);

    // It recovers: the next change reaches the board, and the log tells when.
    failing = false;
    number = 3;
    bus.emit('queue.changed', {});
    nextTurn();
    expect(screen.snapshots.map((s) => [s.version, s.data])).toEqual([
      [1, boardWith('A001')],
      [2, boardWith('A002')],
      [3, boardWith('A003')],
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, area: 'live', topic: 'queue.board', failures: 2 }));
    // Names quoted by an error never reach the log, not even through a stack.
    expect(raw()).not.toMatch(/吳大同|王小明/);
  });

  it('a board that subscribes while its provider fails is sent the snapshot once it can be built', () => {
    const { logger, lines } = capturedLog();
    const turns: (() => void)[] = [];
    const nextTurn = () => turns.splice(0).forEach((fn) => fn());
    let failing = true;
    const hub = createLiveHub(
      providers(() => {
        if (failing) throw new Error('database is locked');
        return boardWith('A001');
      }),
      { log: logger, schedule: (fn) => turns.push(fn) },
    );
    const screen = board();
    hub.subscribe(screen, ['queue.board']);
    expect(screen.snapshots).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, area: 'live', topic: 'queue.board', failures: 1 }));

    failing = false;
    nextTurn();
    expect(screen.snapshots).toEqual([{ type: 'snapshot', topic: 'queue.board', version: 1, data: boardWith('A001') }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth, DevicesHealth, QueueBoard } from '../../../core/contract';
import { SimulatedKeypads } from '../../../hardware/keypad/simulated';
import { SimulatedCounterDisplays } from '../../../hardware/counter-display/simulated';
import { createFirstAdmin, issueTicket, startTestLobby, watchLive, type TestLobby } from '../../helpers/lobby';
import { openPtyDevice, type PtyDevice } from '../../hardware/support/pty-device';
import { socatMissingReason } from '../../hardware/support/socat';
import { until } from '../../hardware/support/wait';

/**
 * An installer's lobby: keypads on one serial line and Modbus-RTU counter
 * displays on an RS-485 bus, named in the site file by path. Each line is a
 * real pty pair (socat) with the device simulator on the far end, reading the
 * bytes the lobby really sent through serialport's real bindings.
 */
const noSocat = socatMissingReason();
if (noSocat) console.log(`[skipped] wired keypads and counter displays over pty pairs: ${noSocat}`);

describe.skipIf(noSocat !== undefined)('keypads and counter displays wired by the site file', () => {
  let t: TestLobby;
  let keypadLine: PtyDevice;
  let displayBus: PtyDevice;
  let keypads: SimulatedKeypads;
  let displays: SimulatedCounterDisplays;
  let live: Awaited<ReturnType<typeof watchLive>>;
  const board = () => live.get<QueueBoard>('queue.board');

  beforeAll(async () => {
    keypadLine = await openPtyDevice();
    displayBus = await openPtyDevice();
    keypads = new SimulatedKeypads(keypadLine.end);
    displays = new SimulatedCounterDisplays(displayBus.end, { kind: 'modbus-rtu', registers: 4 });
    t = await startTestLobby({
      siteWith: {
        queueDevices: {
          keypads: { driver: 'serial', serial: { path: keypadLine.hostPath, reconnect: { initialMs: 50, maxMs: 200 } } },
          counterDisplays: { driver: 'serial', protocol: { kind: 'modbus-rtu', registers: 4, replyTimeoutMs: 150 }, serial: { path: displayBus.hostPath } },
        },
      },
    });
    const admin = await createFirstAdmin(t);
    live = await watchLive(t, ['queue.board', 'devices.health'], admin.headers());
    for (let i = 0; i < 4; i++) await issueTicket(t, 'consult');
    await issueTicket(t, 'documents');
  }, 30_000);

  afterAll(async () => {
    live?.close();
    await t?.stop();
    keypads?.detach();
    displays?.detach();
    await keypadLine?.dispose();
    await displayBus?.dispose();
  });

  const device = (id: string): DeviceHealth | undefined => live.get<DevicesHealth>('devices.health')?.devices.find((d) => d.id === id);

  it('both lines come up and say so in the staff device view', async () => {
    await until(() => device('keypads')?.link === 'open' && device('counter-displays')?.link === 'open', 5000, 'both lines open in devices.health');
    expect(device('keypads')).toMatchObject({ kind: 'keypad', state: 'online', alert: null });
    expect(device('counter-displays')).toMatchObject({ kind: 'counter-display', state: 'online', alert: null });
  });

  it('a key pressed on the wire calls the next number: the board, the Modbus display and the keypad show it', async () => {
    await keypads.press({ address: 1, key: 'NEXT' });
    await until(() => board()?.recentCalls[0]?.number === 'A001', 5000, 'A001 on the board');
    await until(() => displays.shown.get(1) === 'A001' && keypads.shown.get(1) === 'A001', 5000, 'A001 on display 1 and keypad 1');
    // The bytes on the bus are a function-16 write to slave 1 of "A001", CRC valid (the simulator decoded it).
    expect(displays.badFrames).toBe(0);
    const wire = [...displayBus.wire()];
    const frame = [0x01, 0x10, 0x00, 0x00, 0x00, 0x04, 0x08, 0x00, 0x41, 0x00, 0x30, 0x00, 0x30, 0x00, 0x31];
    expect(wire.join(',')).toContain(frame.join(','));
  });

  it('several displays on one bus: each address shows its own counter', async () => {
    await keypads.press({ address: 2, key: 'NEXT' });
    await until(() => displays.shown.get(2) === 'B001', 5000, 'B001 on display 2');
    expect(displays.shown.get(1)).toBe('A001');
  });

  it('a display that stops answering is named in the staff view; the others still get their numbers', async () => {
    displays.silent.add(3);
    await issueTicket(t, 'documents'); // B002, for counter 3
    await keypads.press({ address: 3, key: 'NEXT' });
    await until(() => board()?.recentCalls[0]?.number === 'B002', 5000, 'B002 on the board');
    await until(() => (device('counter-displays')?.detail ?? '').includes('address 3'), 5000, 'display 3 named as not answering');
    expect(device('counter-displays')).toMatchObject({ alert: 'warning', link: 'open' });
    expect(displays.shown.has(3) ? displays.shown.get(3) : null).not.toBe('B002');
    // The bus goes on: the next call reaches display 1 although 3 never answered.
    await keypads.press({ address: 1, key: 'NEXT' });
    await until(() => displays.shown.get(1) === 'A002', 5000, 'A002 on display 1');
    // Back on the bus: the next frame it answers clears the warning.
    displays.silent.delete(3);
    await keypads.press({ address: 3, key: 'RECALL' });
    await until(() => displays.shown.get(3) === 'B002', 5000, 'B002 on display 3 after it came back');
    await until(() => device('counter-displays')?.alert === null, 5000, 'the warning cleared');
  });

  it('an unplugged keypad line shows as offline within a second or two, and after the replug the keypads get their numbers again', async () => {
    await keypadLine.unplug();
    await until(() => device('keypads')?.link === 'disconnected', 3000, 'keypads disconnected in devices.health');
    expect(device('keypads')).toMatchObject({ state: 'offline', alert: 'error' });
    keypads.detach();
    await keypadLine.replug();
    keypads = new SimulatedKeypads(keypadLine.end);
    await until(() => device('keypads')?.link === 'open', 10_000, 'keypads back in devices.health');
    // What a keypad showed before it lost power is unknown: the lobby tells every keypad again.
    await until(() => keypads.shown.get(1) === 'A002' && keypads.shown.get(2) === 'B001', 5000, 'numbers sent again after the replug');
    await keypads.press({ address: 1, key: 'NEXT' });
    await until(() => board()?.recentCalls[0]?.number === 'A003', 5000, 'A003 called from the replugged keypad');
  }, 30_000);
});

/**
 * A simulated device on the far end of a real pty pair (socat): the device's
 * end is opened with serialport's real bindings, like the kiosk's end, so a
 * simulator class wired to `end` meets the driver byte for byte across two
 * real serial ports. The printer has its own host (hardware/printer/sim-host.ts);
 * this is the same for any device kind whose simulator takes a ByteTransport.
 *
 * Unplug kills socat: both ends hang up and reconnect by themselves once it
 * is started again.
 */
import { existsSync } from 'node:fs';
import { SerialTransport, type SerialTransportOptions } from '../../../hardware/transports/serial';
import { SocatCable } from './socat';
import { until } from './wait';

/** Line settings of the device end; the path is the cable's. */
export type PtyLineOptions = Omit<SerialTransportOptions, 'path' | 'vendorId' | 'productId' | 'serialNumber' | 'binding'>;

export interface PtyDevice {
  /** The kiosk's end: give this path to the driver. */
  readonly hostPath: string;
  /** The device's end, open once plug() resolved: wire the simulator to it. */
  readonly end: SerialTransport;
  /** Every byte the device's end received (what the host wrote), across replugs. */
  wire(): Uint8Array;
  /** Kills socat; resolves once both ptys are gone. */
  unplug(): Promise<void>;
  /** Starts socat again; resolves once the device's end is open (the host's end reconnects by itself). */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

/** Generous: on a loaded two-core machine, restarting socat and reopening both ends can take seconds. */
const OPEN_MS = 15_000;

export async function openPtyDevice(line: PtyLineOptions = {}): Promise<PtyDevice> {
  const cable = new SocatCable();
  await cable.plug();
  // The device's end is opened first: socat makes the host's pty only once it is (see socat.ts).
  const end = new SerialTransport({ backoff: { initialMs: 20, maxMs: 100 }, ...line, path: cable.printerPath });
  const received: number[] = [];
  end.onData((bytes) => received.push(...bytes));
  const endOpen = () => until(() => end.state === 'open', OPEN_MS, 'device end of the pty open');
  await endOpen();
  await until(() => existsSync(cable.hostPath), OPEN_MS, 'host end of the pty');
  return {
    hostPath: cable.hostPath,
    end,
    wire: () => Uint8Array.from(received),
    unplug: () => cable.unplug(),
    async replug() {
      await cable.plug();
      await endOpen();
      await until(() => existsSync(cable.hostPath), OPEN_MS, 'host end of the pty');
    },
    async dispose() {
      await end.close();
      await cable.dispose();
    },
  };
}

/**
 * A contract rig's cable controls over a pty device: the bytes the host wrote,
 * unplug and replug, and a dispose that detaches the simulator, closes the
 * driver and then the cable.
 */
export function ptyRigControls(pty: PtyDevice, device: { detach(): void }, driver: { close(): Promise<void> }) {
  return {
    wire: () => pty.wire(),
    unplug: () => pty.unplug(),
    replug: () => pty.replug(),
    async dispose() {
      device.detach();
      await driver.close();
      await pty.dispose();
    },
  };
}

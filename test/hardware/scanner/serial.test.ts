import { afterEach, describe, expect, it } from 'vitest';
import { createScanner } from '../../../hardware/scanner';
import type { BarcodeScanner, ScanEvent } from '../../../hardware/scanner/types';
import { SerialTransport } from '../../../hardware/transports/serial';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { sleep, until } from '../support/wait';

const PAYLOAD = 'https://lobby/phone/hearing?c=113年度偵字第1234號&v=8F3K';
const utf8 = (s: string) => new TextEncoder().encode(s);

const open: BarcodeScanner[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  MockBinding.reset();
});

function plugIn() {
  const binding = new PluggableBinding();
  binding.addDevice('scanner', { path: '/dev/ttyACM0', vendorId: '05e0', productId: '1200', serialNumber: 'KIOSK-SCAN-1' });
  return { binding, device: binding.deviceEnd('scanner') };
}

function watch(scanner: BarcodeScanner) {
  open.push(scanner);
  const scans: ScanEvent[] = [];
  scanner.onScan((s) => scans.push(s));
  return scans;
}

describe('CDC scanner over a real SerialTransport (@serialport/binding-mock)', () => {
  it('built from config by USB ids: a Chinese payload sent in pieces arrives whole', async () => {
    const { binding, device } = plugIn();
    const { scanner, transport } = createScanner(
      { driver: 'cdc-serial', vendorId: '05E0', productId: '1200', reconnect: { initialMs: 10, maxMs: 40 } },
      { serialBinding: binding },
    );
    expect(transport).toBeInstanceOf(SerialTransport);
    const scans = watch(scanner!);
    await until(() => scanner!.state === 'open');
    expect((transport as SerialTransport).path).toBe('/dev/ttyACM0');
    expect(binding.openOptions('scanner')).toMatchObject({ path: '/dev/ttyACM0', baudRate: 9600 });

    const wire = utf8(`${PAYLOAD}\r\n`);
    // Cut inside 年 (3 UTF-8 bytes), with pauses so each piece is its own read.
    const cut = utf8('https://lobby/phone/hearing?c=113').length + 1;
    await device.write(wire.subarray(0, cut));
    await sleep(10);
    await device.write(wire.subarray(cut, cut + 7));
    await sleep(10);
    await device.write(wire.subarray(cut + 7));
    await until(() => scans.length === 1);
    expect(scans[0]!.text).toBe(PAYLOAD);
    await device.write(utf8('A001\r'));
    await until(() => scans.length === 2);
    expect(scans.map((s) => s.text)).toEqual([PAYLOAD, 'A001']);
  });

  it('drops half a scan cut off by an unplug, and reads again after the replug under another name', async () => {
    const { binding, device } = plugIn();
    const { scanner } = createScanner({ driver: 'cdc-serial', vendorId: '05e0', productId: '1200', reconnect: { initialMs: 10, maxMs: 40 } }, { serialBinding: binding });
    const scans = watch(scanner!);
    const states: string[] = [];
    scanner!.onState((s) => states.push(s));
    await until(() => scanner!.state === 'open');
    await device.write(utf8('https://lobby/phone/hearing?c=113年'));
    await sleep(10);
    binding.unplug('scanner');
    await until(() => scanner!.state === 'disconnected');
    binding.replug('scanner', { path: '/dev/ttyACM1' });
    await until(() => scanner!.state === 'open', 2000);
    await device.write(utf8(`${PAYLOAD}\r`));
    await until(() => scans.length === 1);
    await sleep(20);
    expect(scans.map((s) => s.text)).toEqual([PAYLOAD]);
    expect(states).toEqual(['open', 'disconnected', 'open']);
  });

  it('takes a SerialTransport built by the caller, by path', async () => {
    const { binding, device } = plugIn();
    const transport = new SerialTransport({ binding, path: '/dev/ttyACM0', baudRate: 115200 });
    const { scanner } = createScanner({ driver: 'cdc-serial', transport, terminator: 'cr', encoding: 'utf-8' });
    const scans = watch(scanner!);
    await until(() => scanner!.state === 'open');
    await device.write(utf8('臺灣臺北地方法院\r\n113年度偵字第1234號\r'));
    await until(() => scans.length === 2);
    expect(scans.map((s) => s.text)).toEqual(['臺灣臺北地方法院', '113年度偵字第1234號']);
    expect(binding.openOptions('scanner')).toMatchObject({ baudRate: 115200 });
  });
});

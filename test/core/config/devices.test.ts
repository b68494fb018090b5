import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir, loadSite, parseSite, SAMPLE_SITE_IDS } from '../../../core/config/load';
import { phoneBaseUrl } from '../../../core/config/phone-link';
import { tempDir } from '../../helpers/tmp';

const sample = () => JSON.parse(readFileSync(join(assetsDir(), 'sites', 'taitung-prosecutors', 'site.json'), 'utf8')) as Record<string, unknown>;
const refusal = (over: Record<string, unknown>): string => {
  try {
    parseSite({ ...sample(), ...over }, 'test');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the site was accepted');
};

describe('device sections of a site file', () => {
  it('each sample site has a wired example naming every device kind on a real link, and it loads', () => {
    for (const id of SAMPLE_SITE_IDS) {
      const wired = loadSite({ sitePath: join(assetsDir(), 'sites', id, 'site.wired.json') });
      expect(wired.id).toBe(id);
      expect(wired.printer.driver).not.toBe('simulated');
      expect(wired.queueDevices.keypads.driver).toBe('serial');
      expect(wired.queueDevices.counterDisplays.driver).toBe('serial');
      expect(wired.scanner.driver).toBe('cdc-serial');
      expect(wired.signs.length).toBeGreaterThan(0);
      expect(wired.signs.every((s) => s.driver === 'serial' && s.serial)).toBe(true);
      // Everything else is the sample's own (the file only replaces device sections).
      expect(wired.services).toEqual(loadSite({ siteId: id }).services);
    }
  });

  it('keypads and counter displays accept a serial port by path or USB ids', () => {
    const site = parseSite(
      {
        ...sample(),
        queueDevices: {
          keypads: { driver: 'serial', serial: { path: 'COM5' } },
          counterDisplays: { driver: 'serial', protocol: { kind: 'modbus-rtu' }, serial: { vendorId: '1A86', productId: '7523', baudRate: 19200 } },
        },
      },
      'test',
    );
    expect(site.queueDevices.keypads).toEqual({ driver: 'serial', serial: { path: 'COM5' } });
    expect(site.queueDevices.counterDisplays).toMatchObject({ driver: 'serial', protocol: { kind: 'modbus-rtu', registers: 4 }, serial: { vendorId: '1A86', baudRate: 19200 } });
  });

  it('an invalid device section is refused at start, naming each field and the allowed values', () => {
    const msg = refusal({
      queueDevices: { keypads: { driver: 'rs485' }, counterDisplays: { driver: 'serial', protocol: { kind: 'modbus' }, serial: { path: 'COM3' } } },
      scanner: { driver: 'cdc-serial' },
      printer: { driver: 'escpos-serial', baudRate: 9600, parity: 'mark' },
    });
    // Each problem: its field, then what is wrong and what is allowed in Chinese, then in English.
    expect(msg).toMatch(/\d\. queueDevices\.keypads\.driver\n {3}只能是下列之一："none"、"simulated"、"serial"（目前是 "rs485"）\n {3}must be one of: "none", "simulated", "serial" \(it is "rs485"\)/);
    expect(msg).toMatch(/\d\. queueDevices\.counterDisplays\.protocol\.kind\n[^\n]+\n {3}must be one of: "framed", "modbus-rtu" \(it is "modbus"\)/);
    expect(msg).toMatch(/\d\. scanner\n {3}請寫出連接埠[^\n]+\n {3}give the port: "path" .* or its USB ids/);
    expect(msg).toMatch(/\d\. printer\.parity\n[^\n]+\n {3}must be one of: "none", "even", "odd" \(it is "mark"\)/);
  });

  it('a sign on a serial driver without its serial section is refused, naming it', () => {
    const signs = (sample().signs as Record<string, unknown>[]).map((s) => ({ ...s, driver: 'serial' }));
    expect(refusal({ signs })).toMatch(/\d\. signs\[0\] \(lobby-led\)\.serial\n {3}看板 lobby-led[^\n]+\n {3}sign lobby-led needs its "serial" section/);
  });

  it('a site file may extend another and replace whole sections; a "$comment" is allowed', () => {
    const tmp = tempDir();
    try {
      const base = join(tmp.dir, 'base.json');
      writeFileSync(base, JSON.stringify(sample()));
      const file = join(tmp.dir, 'wired.json');
      writeFileSync(file, JSON.stringify({ $comment: 'ours', extends: './base.json', scanner: { driver: 'none' } }));
      const site = loadSite({ sitePath: file });
      expect(site.scanner).toEqual({ driver: 'none' });
      expect(site.agency.zh).toBe('臺灣臺東地方檢察署');
      writeFileSync(file, JSON.stringify({ extends: 42 }));
      expect(() => loadSite({ sitePath: file })).toThrow(/"extends" names the site file/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('where a ticket QR code points', () => {
  it('the site publicBaseUrl first; the LAN address when open to the LAN; nothing on loopback', () => {
    expect(phoneBaseUrl({ publicBaseUrl: 'https://lobby.tt.example/', listenHost: '127.0.0.1', port: 8080, lanAddress: null })).toBe('https://lobby.tt.example');
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: '0.0.0.0', port: 8080, lanAddress: '10.1.2.3' })).toBe('https://10.1.2.3:8080');
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: '0.0.0.0', port: 8080, lanAddress: '10.1.2.3', https: false })).toBe('http://10.1.2.3:8080');
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: '0.0.0.0', port: 8080, lanAddress: null })).toBeNull();
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: '127.0.0.1', port: 8080, lanAddress: '10.1.2.3' })).toBeNull();
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: 'localhost', port: 8080, lanAddress: '10.1.2.3' })).toBeNull();
    expect(phoneBaseUrl({ publicBaseUrl: undefined, listenHost: '192.168.5.20', port: 80, lanAddress: null })).toBe('https://192.168.5.20:80');
  });
});

import { describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { httpClient, sampleSiteWith, startTestLobby } from '../../helpers/lobby';
import { tempDir } from '../../helpers/tmp';

describe('who can connect', () => {
  it('listens on 127.0.0.1 only unless the site opens it to the LAN', async () => {
    const t = await startTestLobby();
    try {
      expect(t.lobby.app.server.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await t.stop();
    }
  });

  it('opened to the LAN, it listens on every interface and ticket QR codes carry an https address phones can reach', async () => {
    const tmp = tempDir();
    const t = await startTestLobby({ sitePath: sampleSiteWith(tmp.dir, { network: { openToLan: true, port: 8080 } }), host: undefined, port: 0 });
    try {
      expect(t.lobby.app.server.address()).toMatchObject({ address: '0.0.0.0' });
      expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
      const ticket = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ phoneUrl: string }>('/api/tickets', { serviceId: 'consult' });
      if (lan) {
        expect(ticket.body.phoneUrl.startsWith(`https://${lan.address}:`)).toBe(true);
        expect(ticket.body.phoneUrl).not.toContain('127.0.0.1');
      } else {
        console.log('[skipped part] this machine has no LAN address to check the QR code against');
      }
    } finally {
      await t.stop();
      tmp.cleanup();
    }
  });

  it('a configured public address wins for the QR code', async () => {
    const tmp = tempDir();
    const t = await startTestLobby({ sitePath: sampleSiteWith(tmp.dir, { publicBaseUrl: 'http://lobby.taitung.example:8080' }) });
    try {
      const ticket = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ phoneUrl: string }>('/api/tickets', { serviceId: 'consult' });
      expect(ticket.body.phoneUrl).toMatch(/^http:\/\/lobby\.taitung\.example:8080\/phone\/t\//);
    } finally {
      await t.stop();
      tmp.cleanup();
    }
  });
});

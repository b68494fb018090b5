import { afterEach, describe, expect, it } from 'vitest';
import type { DevicesHealth } from '../../../core/contract';
import { createFirstAdmin, issueTicket, startTestLobby, TEST_PUBLIC_BASE_URL, watchLive, type TestLobby } from '../../helpers/lobby';
import { until } from '../../hardware/support/wait';

let t: TestLobby | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function healthOf(lobby: TestLobby): Promise<DevicesHealth> {
  const admin = await createFirstAdmin(lobby);
  const live = await watchLive(lobby, ['devices.health'], admin.headers());
  await until(() => live.get('devices.health') !== undefined, 3000, 'devices.health');
  live.close();
  return live.get<DevicesHealth>('devices.health')!;
}

const printedQr = (lobby: TestLobby) => lobby.lobby.simulator!.receipts.at(-1)!.items.find((i) => i.kind === 'qr');

describe("the ticket's QR code works or is not printed", () => {
  it('a lobby only this computer can reach prints no QR, gives the kiosk no link to show, and tells staff once', async () => {
    t = await startTestLobby();
    const ticket = await issueTicket(t, 'consult');
    expect(ticket.phoneUrl).toBeNull();
    await until(() => (t!.lobby.simulator!.receipts.length ?? 0) > 0, 3000, 'the ticket printed');
    const texts = t.lobby.simulator!.receipts.at(-1)!.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
    expect(texts).toContain(ticket.number);
    expect(printedQr(t)).toBeUndefined();
    const health = await healthOf(t);
    expect(health.notices).toEqual([{ code: 'no-phone-link', text: expect.objectContaining({ zh: expect.stringContaining('不印 QR'), en: expect.stringContaining('no QR code') }) }]);
  });

  it('with the site publicBaseUrl the QR carries it, and staff get no notice', async () => {
    t = await startTestLobby({ siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
    const ticket = await issueTicket(t, 'consult');
    expect(ticket.phoneUrl).toMatch(new RegExp(`^${TEST_PUBLIC_BASE_URL}/phone/t/[A-Za-z0-9_-]{22}$`));
    await until(() => printedQr(t!) !== undefined, 3000, 'the QR printed');
    expect(printedQr(t)).toMatchObject({ payload: ticket.phoneUrl });
    expect((await healthOf(t)).notices).toEqual([]);
  });
});

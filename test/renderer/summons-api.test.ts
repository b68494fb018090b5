import { describe, expect, it } from 'vitest';
import { KIOSK_CREDENTIAL_HEADER } from '../../core/contract';
import { createCaller, type FetchLike } from '../../renderer/client/call';
import { createSummonsApi } from '../../renderer/features/summons/api';

function recordingFetch() {
  const headers: Record<string, string>[] = [];
  const fetch: FetchLike = async (_url, init) => {
    headers.push({ ...(init?.headers as Record<string, string>) });
    return new Response(JSON.stringify({ error: 'not_found', message: 'No such hearing' }), { status: 404, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, headers };
}

describe('summons look-up', () => {
  it('from the kiosk carries its credential (its own look-up budget); from a phone it carries none', async () => {
    const kiosk = recordingFetch();
    await createSummonsApi(createCaller({ fetch: kiosk.fetch, kioskCredential: async () => 'k-123' }))
      .phoneHearing({ caseNumber: '115年度偵字第1號', code: 'ABC123' })
      .catch(() => undefined);
    expect(kiosk.headers[0]?.[KIOSK_CREDENTIAL_HEADER]).toBe('k-123');

    const phone = recordingFetch();
    await createSummonsApi(createCaller({ fetch: phone.fetch })).phoneHearing({ caseNumber: '115年度偵字第1號', code: 'ABC123' }).catch(() => undefined);
    expect(phone.headers[0]).not.toHaveProperty(KIOSK_CREDENTIAL_HEADER);
  });
});

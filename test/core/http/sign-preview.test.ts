/**
 * The staff marquee editor's LED sign preview, over HTTP: for each configured
 * sign, the text its own encoder (hardware/sign) would send and each
 * character replaced — the only copy of the signs' character rules — and
 * whether the draft alone is too long for the sign. Who may
 * ask, and the limits of a draft (those of a message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, signPreviewResponseSchema, type SignPreviewResponse } from '../../../core/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../../../core/config/load';
import { createFirstAdmin, httpClient, sampleSiteWith, startTestLobby, type HttpClient, type TestLobby } from '../../helpers/lobby';
import { tempDir } from '../../helpers/tmp';

let t: TestLobby;
let admin: HttpClient;
let desk: HttpClient;
let bailiff: HttpClient;

async function as(username: string, roles: string[]): Promise<HttpClient> {
  expect((await admin.post(ROUTES.createUser.path, { username, displayName: username, password: 'staff-password', roles })).status).toBe(201);
  const c = httpClient(t.url);
  await c.post(ROUTES.login.path, { username, password: 'staff-password' });
  await c.refreshCsrf();
  return c;
}

function previewUrl(draft: { zh?: string; en?: string }): string {
  const q = new URLSearchParams(draft as Record<string, string>).toString();
  return `${ROUTES.signPreview.path}${q ? `?${q}` : ''}`;
}

async function preview(client: HttpClient, draft: { zh?: string; en?: string }) {
  const res = await client.get<SignPreviewResponse>(previewUrl(draft));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = signPreviewResponseSchema.parse(res.body);
  return Object.fromEntries(body.signs.map((s) => [s.id, s]));
}

beforeAll(async () => {
  t = await startTestLobby();
  admin = await createFirstAdmin(t);
  desk = await as('desk1', ['desk']);
  bailiff = await as('bailiff1', ['bailiff']);
});
afterAll(async () => {
  await t.stop();
});

describe('what each configured sign would show for a draft', () => {
  it('every sign of the site, each by its own encoder: Alpha the English alone, Onbon the Chinese then the English', async () => {
    const signs = await preview(desk, { zh: '公告', en: 'Ünïcode 臺灣 \\ 😀' });
    expect(Object.keys(signs).sort()).toEqual(['entrance-led', 'lobby-led']);

    // Alpha (Latin font): accents dropped, the rest "?"; a backslash is printable ASCII and stays
    expect(signs['entrance-led']).toEqual({
      id: 'entrance-led',
      protocol: 'alpha',
      text: 'Unicode ?? \\ ?',
      runs: [
        { text: 'U', from: 'Ü' },
        { text: 'n' },
        { text: 'i', from: 'ï' },
        { text: 'code ' },
        { text: '?', from: '臺' },
        { text: '?', from: '灣' },
        { text: ' \\ ' },
        { text: '?', from: '😀' },
      ],
      replaced: [
        { char: 'Ü', replacement: 'U' },
        { char: 'ï', replacement: 'i' },
        { char: '臺', replacement: '?' },
        { char: '灣', replacement: '?' },
        { char: '😀', replacement: '?' },
      ],
      tooLong: false,
    });

    // Onbon (GBK font card): 臺灣 are in GBK, Ü and ï are not; "\" would start an escape; an emoji has no GBK code
    expect(signs['lobby-led']).toMatchObject({
      protocol: 'onbon-bx',
      text: '公告 ?n?code 臺灣 ＼ ?',
      replaced: [
        { char: 'Ü', replacement: '?' },
        { char: 'ï', replacement: '?' },
        { char: '\\', replacement: '＼' },
        { char: '😀', replacement: '?' },
      ],
    });
    expect(signs['lobby-led']!.runs.map((r) => r.text).join('')).toBe(signs['lobby-led']!.text);
    expect(signs['lobby-led']!.runs.filter((r) => r.from !== undefined)).toEqual([
      { text: '?', from: 'Ü' },
      { text: '?', from: 'ï' },
      { text: '＼', from: '\\' },
      { text: '?', from: '😀' },
    ]);
  });

  it('text the signs show as given comes back unchanged, spaces collapsed as the drivers do', async () => {
    const signs = await preview(desk, { zh: '本署服務時間  週一至週五', en: 'Office hours:   Mon-Fri 08:30-17:30, café' });
    expect(signs['lobby-led']).toMatchObject({ text: '本署服務時間 週一至週五 Office hours: Mon-Fri 08:30-17:30, café', replaced: [] });
    expect(signs['lobby-led']!.runs).toEqual([{ text: '本署服務時間 週一至週五 Office hours: Mon-Fri 08:30-17:30, café' }]);
    expect(signs['entrance-led']).toMatchObject({ text: 'Office hours: Mon-Fri 08:30-17:30, cafe', replaced: [{ char: 'é', replacement: 'e' }] });
  });

  it('a side not typed yet is left out: an Alpha sign then has nothing to show', async () => {
    const signs = await preview(desk, { zh: '臺灣' });
    expect(signs['entrance-led']).toMatchObject({ text: '', runs: [], replaced: [] });
    expect(signs['lobby-led']).toMatchObject({ text: '臺灣', runs: [{ text: '臺灣' }] });
    const english = await preview(desk, { en: 'Room 1' });
    expect(english['entrance-led']!.text).toBe('Room 1');
    expect(english['lobby-led']!.text).toBe('Room 1');
  });

  it('says when the draft alone is too long for a sign, by the driver\'s own capacity check (an Onbon BX-5 area: 512 bytes)', async () => {
    // 300 Chinese characters are 600 GBK bytes: more than one Onbon area holds; the Alpha sign gets the English alone
    const long = await preview(desk, { zh: '臺'.repeat(300), en: 'Notice' });
    expect(long['lobby-led']).toMatchObject({ protocol: 'onbon-bx', tooLong: true });
    expect(long['entrance-led']).toMatchObject({ protocol: 'alpha', tooLong: false });
    // the edge of the area's text budget (512 less the area's 27-byte header): 242 characters fit, 243 do not
    expect((await preview(desk, { zh: '臺'.repeat(242) }))['lobby-led']!.tooLong).toBe(false);
    expect((await preview(desk, { zh: '臺'.repeat(243) }))['lobby-led']!.tooLong).toBe(true);
    // the longest English is fine on both
    const english = await preview(desk, { en: 'a'.repeat(300) });
    expect(english['lobby-led']!.tooLong).toBe(false);
    expect(english['entrance-led']!.tooLong).toBe(false);
    expect((await preview(desk, { zh: '公告', en: 'Notice' }))['lobby-led']!.tooLong).toBe(false);
  });

  it('markup is just characters', async () => {
    const x = '<script>alert(1)</script><b>x</b>';
    const signs = await preview(admin, { zh: x, en: x });
    expect(signs['entrance-led']!.text).toBe(x);
    expect(signs['lobby-led']!.text).toBe(`${x} ${x}`);
  });

  it('nothing is stored, audited or sent to the signs', async () => {
    const before = (await admin.get<unknown[]>(ROUTES.listAudit.path)).body;
    await preview(desk, { zh: '只是預覽', en: 'Just a preview' });
    expect((await admin.get<{ messages: unknown[] }>(ROUTES.listMarquee.path)).body.messages).toEqual([]);
    expect((await admin.get<unknown[]>(ROUTES.listAudit.path)).body).toEqual(before);
  });
});

describe('who may ask, and the limits of a draft', () => {
  it('401 without a session, 403 for a role that does not write the marquee', async () => {
    expect((await httpClient(t.url).get(previewUrl({ zh: '公告' }))).status).toBe(401);
    const wrong = await bailiff.get<{ message: string }>(previewUrl({ zh: '公告' }));
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toMatch(/desk/);
  });

  it('a read needs no CSRF token', async () => {
    const c = await as('desk2', ['desk']);
    c.dropCsrf();
    expect((await c.get(previewUrl({ en: 'x' }))).status).toBe(200);
  });

  it('400 for a draft a message could not hold: oversize, control characters, blank, unknown or repeated fields', async () => {
    const bad = async (query: string, pattern: RegExp) => {
      const res = await desk.get<{ error: string; message: string }>(`${ROUTES.signPreview.path}?${query}`);
      expect(res.status, query.slice(0, 60)).toBe(400);
      expect(res.body.error).toBe('invalid');
      expect(res.body.message).toMatch(pattern);
    };
    await bad(`zh=${encodeURIComponent('臺'.repeat(301))}`, /zh: .*longer than 300/);
    await bad(`en=${'a'.repeat(301)}`, /en: .*longer than 300/);
    await bad(`en=${encodeURIComponent('a\nb')}`, /control characters/);
    await bad('zh=%20%20', /zh: .*empty/);
    await bad('zh=a&secret=1', /secret|unrecognized/i);
    await bad('zh=a&zh=b', /zh/);
    // the longest draft a message can hold is fine
    expect((await desk.get(previewUrl({ zh: '臺'.repeat(300), en: 'a'.repeat(300) }))).status).toBe(200);
  });
});

describe('an Onbon card set up as the site has it', () => {
  it('a BX-6 holds twice a BX-5 (1,024 bytes), and a GB2312 font card previews its missing traditional characters as ?', async () => {
    const tmp = tempDir();
    const site = JSON.parse(readFileSync(join(assetsDir(), 'sites', 'taitung-prosecutors', 'site.json'), 'utf8')) as { signs: { id: string }[] };
    const signs = site.signs.map((s) => (s.id === 'lobby-led' ? { ...s, onbon: { model: 'bx-6', font: 'gb2312' } } : s));
    const lobby = await startTestLobby({ sitePath: sampleSiteWith(tmp.dir, { signs }) });
    try {
      const admin6 = await createFirstAdmin(lobby);
      const ask = async (zh: string) => {
        const res = await admin6.get<SignPreviewResponse>(previewUrl({ zh }));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return signPreviewResponseSchema.parse(res.body).signs.find((s) => s.id === 'lobby-led')!;
      };
      // Traditional-only characters (臺, 灣) are not in GB2312: a GB2312 card has no glyph for them.
      // 300 Chinese characters (600 bytes) are too long for a BX-5 (see above) and fit a BX-6.
      expect(await ask('公告'.repeat(150))).toMatchObject({ tooLong: false });
      const traditional = await ask('臺灣');
      expect(traditional.text).toBe('??');
      expect(traditional.replaced.map((r) => r.char)).toEqual(['臺', '灣']);
    } finally {
      await lobby.stop();
      tmp.cleanup();
    }
  });
});

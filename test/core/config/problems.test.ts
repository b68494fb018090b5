/**
 * A bad site file at start: every problem at once, each naming its field and saying in
 * Chinese and English what is wrong and what is allowed; and the site feature switch
 * that keeps hearings off a prison.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir, loadSite, parseSite, publicSite, SiteConfigError } from '../../../core/config/load';
import { siteUsesHearings } from '../../../core/contract';
import { tempDir } from '../../helpers/tmp';

type Raw = Record<string, unknown> & {
  kind: string;
  services: { prefix: string }[];
  counters: { number: unknown }[];
  queue: Record<string, unknown>;
  screens: { role: string }[];
};
const sample = (id = 'taitung-prosecutors'): Raw => JSON.parse(readFileSync(join(assetsDir(), 'sites', id, 'site.json'), 'utf8')) as Raw;

function problemsOf(raw: unknown): SiteConfigError {
  try {
    parseSite(raw, 'test.json');
  } catch (err) {
    if (err instanceof SiteConfigError) return err;
    throw err;
  }
  throw new Error('the site was accepted');
}

const HAN = /\p{Script=Han}/u;

describe('a site file with mistakes', () => {
  it('three mistakes of three kinds: three problems at once, each with its field, in both languages, naming what is allowed', () => {
    const raw = sample();
    raw.kind = 'court'; // not one of the kinds
    raw.counters[0]!.number = 'one'; // not a number
    raw.services[1]!.prefix = raw.services[0]!.prefix; // a site-wide check, found beside the others
    const err = problemsOf(raw);
    expect(err.problems).toHaveLength(3);
    const [kind, number, prefix] = err.problems;
    expect(kind).toMatchObject({ field: 'kind' });
    expect(kind!.en).toBe('must be one of: "prosecutors-office", "prison" (it is "court")');
    expect(kind!.zh).toBe('只能是下列之一："prosecutors-office"、"prison"（目前是 "court"）');
    expect(number!.field).toBe('counters[0] (c1).number');
    expect(number!.en).toMatch(/must be a number, not text/);
    expect(number!.zh).toMatch(/應為數字/);
    expect(prefix!.field).toBe('services');
    expect(prefix!.en).toBe('prefix A used twice');
    expect(prefix!.zh).toMatch(/字首 A 用了兩次/);
    for (const p of err.problems) {
      expect(p.zh, p.field).toMatch(HAN);
      expect(p.en, p.field).not.toMatch(HAN);
    }
    // The message a person reads: a heading in both languages, then each problem numbered, both lines.
    expect(err.message).toMatch(/^站台設定 test\.json 有 3 個問題/);
    expect(err.message).toContain('Site configuration test.json is not valid: 3 problems');
    expect(err.message).toMatch(/1\. kind\n {3}只能是[^\n]+\n {3}must be one of/);
    expect(err.message).toMatch(/3\. services\n {3}號碼字首 A[^\n]+\n {3}prefix A used twice/);
  });

  it('a misspelt setting lists the allowed ones and guesses the one meant; a missing one says what to give; a bound says it', () => {
    const raw = sample();
    raw.queue = { ...raw.queue, agingMinute: 5 };
    delete raw.agency;
    raw.queue.priorityEvery = 99;
    const err = problemsOf(raw);
    const byField = Object.fromEntries(err.problems.map((p) => [p.field, p]));
    expect(byField['queue']!.en).toBe('has an unknown setting "agingMinute" (did you mean agingMinutes?); the settings allowed here: priorityEvery, agingMinutes, graceMinutes');
    expect(byField['queue']!.zh).toContain('不認得的設定 "agingMinute"');
    expect(byField['agency']!.en).toBe('is missing; give a section { }');
    expect(byField['agency']!.zh).toBe('缺少此欄位，請填入設定區塊 { }');
    expect(byField['queue.priorityEvery']!.en).toBe('must be at most 20 (it is 99)');
    expect(byField['queue.priorityEvery']!.zh).toBe('不可大於 20（目前是 99）');
  });

  it('a broken JSON file names its line, in both languages', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'site.json');
      writeFileSync(file, '{\n  "id": "x",\n  "kind": prison\n}');
      expect(() => loadSite({ sitePath: file })).toThrow(/不是有效的 JSON（第 3 行[\s\S]*not valid JSON \(line 3/);
    } finally {
      tmp.cleanup();
    }
  });

  it('npm run serve prints every problem in both languages and exits 2', async () => {
    const tmp = tempDir();
    try {
      const raw = sample();
      raw.kind = 'court';
      raw.counters[0]!.number = 'one';
      raw.services[1]!.prefix = raw.services[0]!.prefix;
      const file = join(tmp.dir, 'bad-site.json');
      writeFileSync(file, JSON.stringify(raw));
      const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['core/serve.ts', '--port', '0', '--site', file, '--data', tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += String(d)));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(2);
      expect(err).toContain('有 3 個問題');
      expect(err).toContain('3 problems');
      for (const field of ['1. kind', '2. counters[0] (c1).number', '3. services']) expect(err).toContain(field);
      expect(err.match(/^ {3}\S/gm)).toHaveLength(6);
    } finally {
      tmp.cleanup();
    }
  }, 30_000);
});

describe('hearings, a site feature', () => {
  it('the prison has none (its file says so); the prosecutors office has them (it lists courtrooms)', () => {
    const prison = loadSite({ siteId: 'hualien-prison' });
    expect(siteUsesHearings(prison)).toBe(false);
    expect(publicSite(prison).features).toEqual({ hearings: false });
    const office = loadSite({ siteId: 'taitung-prosecutors' });
    expect(siteUsesHearings(office)).toBe(true);
    expect(publicSite(office).features).toEqual({ hearings: true });
  });

  it('without the switch, a site has hearings when it lists courtrooms', () => {
    const raw = sample('hualien-prison');
    delete raw.features;
    expect(siteUsesHearings(parseSite(raw, 'x'))).toBe(false);
  });

  it('a hearings screen at a site without hearings is a problem, and so is hearings on without courtrooms', () => {
    const raw = sample('hualien-prison');
    raw.screens = [...raw.screens, { role: 'hearings' }];
    const err = problemsOf(raw);
    expect(err.problems.map((p) => p.field)).toEqual(['screens[2].role']);
    expect(err.problems[0]!.zh).toMatch(/未使用開庭功能/);
    const on = sample('hualien-prison');
    on.features = { hearings: true };
    expect(problemsOf(on).problems.map((p) => `${p.field}: ${p.en}`)).toEqual(['courtrooms: hearings are on (features.hearings) but no courtrooms are listed']);
  });
});

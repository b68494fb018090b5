import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetsDir } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { createGuide, loadGuideFile } from '../../../../core/domain/guide/guide';
import { createLobby } from '../../../../core/lobby';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const FILE = join(assetsDir(), 'sites', 'taitung-prosecutors', 'guide', 'guide.json');
const tmp = mkdtempSync(join(tmpdir(), 'guide-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function setup() {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const staff = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('desk1', '服務台', 'x', '[\"desk\"]', 0)").run().lastInsertRowid,
  );
  const base = loadGuideFile(FILE);
  return { db, clock, staff, base, guide: createGuide({ db, clock, base }) };
}

function badCopy(change: (g: Record<string, any>) => void): string {
  const g = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, any>;
  change(g);
  const file = join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(g));
  return file;
}

describe('guide content', () => {
  it('both sample sites have offices on every floor, procedures, ≥ 8 FAQ and online services, in both languages', () => {
    for (const id of ['taitung-prosecutors', 'hualien-prison']) {
      const g = loadGuideFile(join(assetsDir(), 'sites', id, 'guide', 'guide.json'));
      for (const f of g.offices.floors) expect(g.offices.offices.some((o) => o.floor === f.id), `${id} ${f.id}`).toBe(true);
      expect(g.procedures.length).toBeGreaterThanOrEqual(3);
      expect(g.faq.length).toBeGreaterThanOrEqual(8);
      expect(g.online.length).toBeGreaterThanOrEqual(2);
      for (const o of g.online) expect(o.url).toMatch(/^https:\/\/[a-z.]+\.gov\.tw\//);
    }
  });

  it('a bad guide file is refused with the field named', () => {
    expect(() => loadGuideFile(badCopy((g) => delete g.offices.offices[0].name.en))).toThrow(/offices\.offices\.0\.name\.en/);
    expect(() => loadGuideFile(badCopy((g) => (g.procedures[0].steps[0].officeId = 'no-such-office')))).toThrow(/procedures\.0\.steps\.0\.officeId: no office no-such-office/);
    expect(() => loadGuideFile(badCopy((g) => (g.offices.walkways.edges[0].to = 'ghost')))).toThrow(/walkways\.edges\.0\.to/);
    expect(() => loadGuideFile(badCopy((g) => (g.online[0].url = 'javascript:alert(1)')))).toThrow(/online\.0\.url/);
    expect(() => loadGuideFile(join(tmp, 'missing.json'))).toThrow(/cannot be read/);
  });

  it('a lobby with a bad guide file refuses to start', () => {
    const bad = badCopy((g) => (g.faq = []));
    expect(() => createLobby({ dataDir: join(tmp, 'data'), port: 0, guidePath: bad })).toThrow(/guide file .* is invalid: faq/);
  });

  it('staff overrides a section: merged into content, stored, audited with before and after; reset goes back', () => {
    const { db, clock, staff, base, guide } = setup();
    const faq = [{ id: 'new', q: { zh: '新問題停車？', en: 'New question on parking?' }, a: { zh: '答案', en: 'Answer' } }];
    clock.advance(60_000);
    const view = guide.setSection(staff, 'faq', { value: faq });
    expect(view.content.faq).toEqual(faq);
    expect(view.content.procedures).toEqual(base.procedures);
    expect(view.edited).toEqual([{ section: 'faq', at: new Date(clock.now()).toISOString(), by: 'desk1' }]);
    expect(guide.search('停車')[0]!.id).toBe('new');
    // survives a restart of the domain (stored in SQLite)
    expect(createGuide({ db, clock, base }).content().faq).toEqual(faq);
    const audit = listAudit(db).find((a) => a.action === 'guide.section.update')!;
    expect(audit.actor).toBe('desk1');
    expect(audit.target).toBe('guide:faq');
    const detail = JSON.parse(audit.detail) as { before: unknown; after: unknown };
    expect(detail.before).toEqual(base.faq);
    expect(detail.after).toEqual(faq);

    const reset = guide.setSection(staff, 'faq', { reset: true });
    expect(reset.content.faq).toEqual(base.faq);
    expect(reset.edited).toEqual([]);
    expect(listAudit(db)[0]!.action).toBe('guide.section.reset');
  });

  it('refuses an override that is invalid or breaks another section, and changes nothing', () => {
    const { db, staff, base, guide } = setup();
    expect(() => guide.setSection(staff, 'faq', { value: [] })).toThrow(/faq/);
    expect(() => guide.setSection(staff, 'online', { value: [{ id: 'x', name: { zh: '甲', en: 'a' }, description: { zh: '甲', en: 'a' }, url: 'ftp://x' }] })).toThrow(/online\.0\.url/);
    // removing an office a procedure step points at
    const offices = { ...base.offices, offices: base.offices.offices.filter((o) => o.id !== 'execution') };
    expect(() => guide.setSection(staff, 'offices', { value: offices })).toThrow(/no office execution/);
    expect(guide.content()).toEqual(base);
    expect(listAudit(db).filter((a) => a.action.startsWith('guide.'))).toEqual([]);
  });

  it('routes to every office are part of the view: step-free, and by the stairs', () => {
    const { guide } = setup();
    const v = guide.view();
    expect(Object.keys(v.routes).sort()).toEqual(v.content.offices.offices.map((o) => o.id).sort());
    expect(v.routes.probation!.changes).toEqual([{ kind: 'stairs', from: '1f', to: '3f' }]);
    expect(v.stepFreeRoutes.probation!.changes).toEqual([{ kind: 'elevator', from: '1f', to: '3f' }]);
  });
});

/**
 * The new-detainees TV (browser, 1920×1080): where a person's processing
 * ended is neither good nor bad news. Every outcome the site configures —
 * 交保 as much as 聲請羈押 — shows in one neutral style, in both languages,
 * whole, with no check mark and no green; stages under way keep theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pathOf, ROUTES, type StaffDetainees } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let steps: Pick<StaffDetainees, 'stages' | 'outcomes'>;

const NAMES = ['陳大文', '司馬中原', '林小美', '王大明', '張三', '歐陽小華', '黃志明'];

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  admin = await createFirstAdmin(t);
  const list = await admin.get<StaffDetainees>(ROUTES.listDetainees.path);
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  steps = list.body;
  // One person still waiting, then one for each of the site's outcomes, in the site's order.
  const last = steps.stages.at(-1)!.id;
  for (const [i, name] of NAMES.slice(0, steps.outcomes.length + 1).entries()) {
    const res = await admin.post<{ detainee: { id: number } }>(ROUTES.recordDetainee.path, { name, broughtAt: `08:${String(10 + i * 5)}`, agency: '臺東縣警察局臺東分局' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.detainee.id;
    const to = i === 0 ? ['waiting'] : [last, steps.outcomes[i - 1]!.id];
    for (const stage of to) expect((await admin.post(pathOf(ROUTES.setDetaineeStage, { id }), { stage })).status).toBe(200);
  }
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

describe('outcomes on /detainees', () => {
  it('every outcome, 聲請羈押 included, in one neutral style, both languages, whole; no ✓, no green', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
    const page = await openPage(context, `${t.url}/detainees`, { size: { width: 1920, height: 1080 } });
    await expect.poll(() => page.locator('[data-testid^="detainee-"][data-final="true"]').count(), { timeout: 10_000 }).toBe(steps.outcomes.length);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/[✓✔☑]/u);
    for (const o of steps.outcomes) {
      expect(text).toContain(o.zh);
      expect(text).toContain(o.en);
    }
    expect(text).toContain('聲請羈押');

    const looks = await page.locator('tr[data-testid^="detainee-"]').evaluateAll((rows) =>
      rows.map((row) => {
        const stage = row.querySelector<HTMLElement>('[data-testid="detainee-stage"]')!;
        const s = getComputedStyle(stage);
        const edge = getComputedStyle(row.querySelector('td')!).borderLeftColor;
        return {
          final: row.getAttribute('data-final') === 'true',
          label: stage.innerText,
          look: `${s.color} | ${s.backgroundColor} | ${s.borderColor} ${s.borderStyle} | ${edge}`,
          whole: stage.scrollWidth <= stage.clientWidth && stage.parentElement!.scrollWidth <= stage.parentElement!.clientWidth,
        };
      }),
    );
    const outcomes = looks.filter((l) => l.final);
    expect(outcomes).toHaveLength(steps.outcomes.length);
    // One look for every outcome: 聲請羈押 looks exactly like 交保.
    expect(new Set(outcomes.map((o) => o.look)).size).toBe(1);
    // Not the stages' look, and neither green (--c-success #1b6e3a on #e6f4ea) nor the accent amber.
    const stage = looks.find((l) => !l.final)!;
    expect(outcomes[0]!.look).not.toBe(stage.look);
    expect(outcomes[0]!.look).not.toMatch(/rgb\(27, 110, 58\)|rgb\(230, 244, 234\)|rgb\(255, 194, 61\)/);
    for (const l of looks) expect(l.whole, `${l.label} is cut`).toBe(true);
    // Names too: 司馬○原 and 歐陽○華 whole, never 司馬…
    const names = await page.getByTestId('detainee-name').evaluateAll((els) => els.map((e) => ({ text: e.textContent, whole: e.scrollWidth <= e.clientWidth })));
    expect(names.map((n) => n.text)).toContain('司馬○原');
    for (const n of names) expect(n.whole, `${n.text} is cut`).toBe(true);

    const violations = await axeViolations(page);
    expect(violations, axeReport(violations)).toEqual([]);
    await snap(page, 'detainees-outcomes-neutral');
    expect(page.errors).toEqual([]);
    await context.close();
  });
});

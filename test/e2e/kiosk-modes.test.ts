/**
 * The kiosk as a person meets it in each display mode — normal, large text,
 * high contrast, both — in both languages, on the 1080×1920 portrait and the
 * 1920×1080 landscape screen, for both sample sites: every label the normal
 * mode shows is shown in every mode, readable (contrast ≥ 4.5:1, ≥ 7:1 in high
 * contrast), not cut, not spilling out of its card, not covered, no Chinese
 * character alone on its last line, the agency's name on at most two lines;
 * the normal mode fits the screen, and whatever larger text puts below the
 * fold is announced by the "往下還有 More below" bar and reached by tapping it;
 * axe-core finds no WCAG 2.2 AA violation. The same for the 博愛 choice switched
 * on, the summons scan (prompt and keypad), the rating overlay (services, faces,
 * reasons) and the ticket (printed and still printing, with an estimate). The
 * board is made busy: one service with 11 waiting and an estimate, one closed.
 * Screenshots: test-results/screens/kiosk-modes-<site>-<orientation>-<lang>-<mode>[-<view>].png
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES, type IssuedTicket, type QueueBoard } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, removeRendererCopy, shot } from '../helpers/browser';
import { startTestLobby, type TestLobby } from '../helpers/lobby';
import { readTexts, settle, type ReadText } from '../helpers/readable';

const SIZES = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
type Orientation = keyof typeof SIZES;

interface Mode {
  name: string;
  large: boolean;
  contrast: boolean;
}
const MODES: Mode[] = [
  { name: 'normal', large: false, contrast: false },
  { name: 'large', large: true, contrast: false },
  { name: 'contrast', large: false, contrast: true },
  { name: 'large-contrast', large: true, contrast: true },
];
const LANGS = ['zh', 'en'] as const;
type LangName = (typeof LANGS)[number];

const KIOSK = '[data-testid="kiosk"]';

/** WCAG AA for text; the high-contrast theme promises AAA. */
const minContrast = (mode: Mode) => (mode.contrast ? 7 : 4.5);

interface SiteFile {
  agency: { zh: string; en: string };
  services: { id: string; prefix: string; name: { zh: string; en: string } }[];
}
const SITES = ['taitung-prosecutors', 'hualien-prison'] as const;
const siteFile = (id: string) => JSON.parse(readFileSync(join(process.cwd(), 'assets', 'sites', id, 'site.json'), 'utf8')) as SiteFile;

/** A text's identity across modes: its words with the digits set aside (the clock moves). */
const label = (t: ReadText) => t.text.replace(/\d+/g, '#');
/** The cue is there only when something is below the fold: not one of the screen's labels. */
const isCue = (t: ReadText) => t.where.includes('kiosk__more');

function describeProblems(texts: ReadText[]): string[] {
  return texts.filter((t) => t.problems.length > 0).map((t) => `"${t.text}" (${t.where}): ${t.problems.join('; ')}`);
}

/**
 * Reads `root` as a person does: what is in view now, then, while the
 * "more below" cue shows, taps it and reads again. Returns every label (in
 * document order, cue left out) and the problems found on the way; a label
 * never brought into view is a problem too.
 */
async function readScrolling(page: Page, root: string, mode: Mode): Promise<{ labels: string[]; problems: string[]; taps: number }> {
  const readable = new Set<number>();
  const problems: string[] = [];
  let labels: string[] = [];
  let taps = 0;
  const read = async () => {
    await settle(page);
    return (await readTexts(page, root, { minContrast: minContrast(mode) })).filter((t) => !isCue(t) || !t.away);
  };
  for (;;) {
    let texts = await read();
    // a person looks for longer than a frame: a problem must still be there a moment later (a QR code drawn, a font in)
    // (on a loaded machine a screen can take a second to come in: look three times, half a second apart)
    for (let look = 0; look < 3 && texts.some((t) => !t.away && t.problems.length > 0); look++) {
      await page.waitForTimeout(500);
      texts = await read();
    }
    const own = texts.filter((t) => !isCue(t));
    labels = own.map(label);
    own.forEach((t, i) => {
      if (!t.away && t.problems.length === 0) readable.add(i);
    });
    problems.push(...describeProblems(texts.filter((t) => !t.away)));
    const cue = page.locator(root).getByTestId('kiosk-more');
    const cueShown = (await cue.count()) > 0 && (await cue.isVisible());
    const below = own.filter((t) => t.away === 'below');
    if (below.length === 0) break;
    if (!cueShown) {
      problems.push(`below the fold with no cue: ${below.map((t) => `"${t.text}"`).join(', ')}`);
      break;
    }
    if (taps >= 6) {
      problems.push('the cue still shows after 6 taps');
      break;
    }
    await cue.click();
    taps++;
    await page.waitForTimeout(500);
  }
  labels.forEach((l, i) => {
    if (!readable.has(i)) problems.push(`"${l}" never readable`);
  });
  return { labels, problems: [...new Set(problems)], taps };
}

/** A kiosk page in `mode`, set the way a citizen sets it: the language and display switches. */
async function openKiosk(context: BrowserContext, url: string, size: { width: number; height: number }, lang: LangName, mode: Mode): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(url + '/kiosk');
  await page.locator('.service-btn').first().waitFor();
  if (lang === 'en') await page.getByTestId('lang-en').first().click();
  if (mode.large) await page.getByTestId('toggle-large-text').click();
  if (mode.contrast) await page.getByTestId('toggle-contrast').click();
  // the waiting counts come live; the busy board has them
  await page.locator('[data-testid^="kiosk-waiting-"]').first().waitFor();
  await page.mouse.move(1, 1);
  await page.waitForTimeout(300);
  return page;
}

/** What one mode's views miss or add against the normal mode's, view by view. */
function labelDifferences(normal: Record<string, string[]>, other: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const view of new Set([...Object.keys(normal), ...Object.keys(other)])) {
    const want = normal[view] ?? [];
    const got = other[view] ?? [];
    const missing = want.filter((l, i) => want.slice(0, i).filter((x) => x === l).length >= got.filter((x) => x === l).length);
    const extra = got.filter((l, i) => got.slice(0, i).filter((x) => x === l).length >= want.filter((x) => x === l).length);
    if (missing.length) out.push(`${view}: missing ${missing.map((l) => `"${l}"`).join(', ')}`);
    if (extra.length) out.push(`${view}: extra ${extra.map((l) => `"${l}"`).join(', ')}`);
  }
  return out;
}

/** Lines the agency name and the service names may take before the header or a card grows out of shape. */
function lineProblems(texts: ReadText[], site: SiteFile): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if ((t.text === site.agency.zh || t.text === site.agency.en) && t.lines > 2) out.push(`agency name "${t.text}" on ${t.lines} lines`);
    const zhName = site.services.some((s) => s.name.zh === t.text);
    const enName = site.services.some((s) => s.name.en === t.text);
    if (t.where.includes('service-btn__primary') && ((zhName && t.lines > 2) || (enName && t.lines > 3))) out.push(`service name "${t.text}" on ${t.lines} lines`);
  }
  return out;
}

for (const siteId of SITES) {
  describe(`the kiosk in every display mode (${siteId})`, () => {
    const site = siteFile(siteId);
    let t: TestLobby;
    let rendererCopy = '';
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      rendererCopy = await copyBuiltRenderer();
      t = await startTestLobby({ rendererDir: rendererCopy, siteId });
      browser = await launchBrowser();
      // bypassCSP: the lobby's CSP refuses the injected axe-core script
      context = await browser.newContext({ locale: 'zh-TW', reducedMotion: 'reduce', bypassCSP: true });
      await context.addCookies([t.kioskCookie]);
      // The real server's board, made busy: the first service has 11 waiting and an estimate, the last is
      // closed, the others open whatever the hour of the run.
      const first = site.services[0]!.id;
      const last = site.services[site.services.length - 1]!.id;
      await context.routeWebSocket(/\/live$/, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((raw) => {
          const msg = JSON.parse(String(raw)) as { type: string; topic?: string; data?: QueueBoard };
          if (msg.type === 'snapshot' && msg.topic === 'queue.board' && msg.data) {
            msg.data.services = msg.data.services.map((s) =>
              s.serviceId === first ? { ...s, open: true, waiting: 11, estimatedWaitMinutes: 12 } : { ...s, open: s.serviceId !== last },
            );
          }
          ws.send(JSON.stringify(msg));
        });
      });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.stop();
      removeRendererCopy(rendererCopy);
    });

    for (const orientation of Object.keys(SIZES) as Orientation[]) {
      for (const lang of LANGS) {
        it(`home, 博愛, summons scan, rating and ticket: every label readable in every mode (${orientation}, ${lang})`, async () => {
          const shown: Record<string, Record<string, string[]>> = {};
          const problems: string[] = [];
          for (const mode of MODES) {
            const tag = `${siteId.split('-')[0]}-${orientation}-${lang}-${mode.name}`;
            const page = await openKiosk(context, t.url, SIZES[orientation], lang, mode);
            const views: Record<string, string[]> = {};
            const note = (view: string, found: string[]) => problems.push(...found.map((p) => `${mode.name} ${view}: ${p}`));
            /** Reads one view (scrolling with the cue where there is one), runs axe on it and keeps a screenshot. */
            const look = async (view: string, root: string): Promise<number> => {
              await page.mouse.move(1, 1);
              const seen = await readScrolling(page, root, mode);
              views[view] = seen.labels;
              note(view, seen.problems);
              if (seen.taps > 0) {
                // at the end the bar leads back up
                const top = page.getByTestId('kiosk-top');
                if (await top.isVisible()) {
                  await top.click();
                  await expect.poll(() => page.evaluate(() => document.querySelector('.kiosk__home')?.scrollTop)).toBe(0);
                } else note(view, ['no "back to top" at the end']);
              }
              // axe's structure rules see the same page in every mode; its colour rules change with contrast
              if (view === 'home' || mode.contrast || !mode.large) {
                const axe = await axeViolations(page, { pointerAway: true, settleMs: 200 });
                note(`${view} axe`, axe.length ? [axeReport(axe)] : []);
              }
              await page.screenshot({ path: shot(`kiosk-modes-${tag}${view === 'home' ? '' : `-${view}`}`) });
              return seen.taps;
            };

            const taps = await look('home', KIOSK);
            // the normal mode fits the screen; larger text may scroll, with the cue
            if (mode.name === 'normal') note('home', taps > 0 ? [`needs ${taps} taps on "more below" to show everything`] : []);
            note('home', lineProblems(await readTexts(page, KIOSK, { minContrast: minContrast(mode) }), site));

            await page.getByTestId('priority-toggle').click();
            await look('priority', KIOSK);
            await page.getByTestId('priority-toggle').click();

            if (await page.getByTestId('scan-summons').count()) {
              await page.getByTestId('scan-summons').click();
              await page.getByTestId('scan-prompt').waitFor();
              await look('scan', '[data-testid="scan-overlay"]');
              // the case number typed on the kiosk's own keypad
              await page.getByTestId('scan-manual').click();
              await page.getByTestId('scan-manual-form').waitFor();
              await look('scan-keypad', '[data-testid="scan-overlay"]');
              await page.getByTestId('scan-close').click();
            }

            const rating = '[data-testid="kiosk-rate-overlay"]';
            await page.getByTestId('kiosk-rate').click();
            await page.locator(`${rating}[data-step="service"]`).waitFor();
            await look('rate', rating);
            await page.getByTestId(`kiosk-rate-service-${site.services[0]!.id}`).click();
            await page.locator(`${rating}[data-step="faces"]`).waitFor();
            await look('rate-faces', rating);
            await page.getByTestId('rate-face-3').click();
            await page.locator(`${rating}[data-step="reasons"]`).waitFor();
            await page.locator('.chip').first().click();
            await look('rate-reasons', rating);
            await page.getByTestId('kiosk-rate-close').click();

            // the ticket, printed and still printing, both 博愛 with an estimate and the phone's QR code
            const svc = site.services[0]!;
            for (const print of ['printed', 'queued'] as const) {
              const ticket: IssuedTicket = {
                number: `${svc.prefix}099`,
                serviceId: svc.id,
                serviceName: svc.name,
                waitingAhead: 7,
                priority: true,
                estimatedWaitMinutes: 12,
                issuedAt: new Date().toISOString(),
                phoneUrl: 'http://lobby.test:8080/t/abcdefghijklmnop',
                print,
              };
              await page.route(`**${ROUTES.issueTicket.path}`, (route) => route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify(ticket) }));
              await page.getByTestId(`service-${svc.id}`).click();
              await page.getByTestId('ticket-result').waitFor();
              await look(`ticket-${print}`, '[data-testid="ticket-result"]');
              await page.unroute(`**${ROUTES.issueTicket.path}`);
              await page.waitForTimeout(700); // a tap within 600 ms of the ticket is the issuing tap's tail
              await page.getByTestId('ticket-result').click();
              await page.getByTestId('ticket-result').waitFor({ state: 'detached' });
            }

            shown[mode.name] = views;
            await page.close();
          }

          // every mode shows every label the normal mode shows, and nothing in its place
          for (const mode of MODES.slice(1)) problems.push(...labelDifferences(shown.normal!, shown[mode.name]!).map((d) => `${mode.name} ${d}`));
          expect(problems, problems.join('\n')).toEqual([]);
        }, 240_000);
      }
    }
  });
}

/**
 * The marquee band's cost on a call board: /calls in headless Chromium at
 * 1920×1080 with 20 messages, scrolling for 10 s. Reports the frame intervals
 * (requestAnimationFrame deltas: median, p99), frames dropped per minute (a
 * delta over 1.5× the median counts the frames it skipped), and the main
 * thread's CPU time per second of scrolling from CDP Performance.getMetrics
 * (task, script, layout, style) with the layout and style-recalc counts — the
 * band animates `transform` only, so layouts must not grow with the frames.
 * The same is measured with the band empty, as the baseline.
 *
 * Standalone: node --import tsx test/bench/marquee-frames.ts
 *   (needs a built renderer: npm run build:renderer)
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { ROUTES } from '../../core/contract';
import { launchBrowser } from '../helpers/browser';
import { httpClient, startTestLobby } from '../helpers/lobby';
import { summary } from './stats';

type Line = (label: string, s: { n: number; median: number; p99: number }, target?: number) => void;

const MESSAGES = 20;
const SECONDS = 10;
const FRAME_MS = 1000 / 60;

const TEXTS: [string, string][] = [
  ['本署服務時間為週一至週五上午八時三十分至下午五時三十分', 'Office hours: Monday to Friday, 8:30 a.m. to 5:30 p.m.'],
  ['新修正刑事訴訟法部分條文自公布日施行', 'Amendments to the Code of Criminal Procedure take effect on promulgation'],
  ['請勿於大廳吸菸，違者依法處罰', 'No smoking in the lobby; offenders will be fined'],
  ['預約接見請於三日前以電話或網路辦理', 'Book prison visits at least three days ahead by phone or online'],
  ['為民服務中心提供書狀撰寫協助', 'The public service centre helps with writing your pleadings'],
];

export interface MarqueeFrameFigures {
  /** What the screen shows: the compositor's frames (Chrome's PipelineReporter), no script running. */
  compositor: { presented: number; dropped: number; droppedPerMinute: number; interval: { n: number; median: number; p99: number; max: number } };
  /** Main-thread CPU per second of scrolling, no script running (CDP Performance.getMetrics deltas). */
  cpuMsPerSecond: { task: number; script: number; layout: number; style: number };
  layoutsPerSecond: number;
  styleRecalcsPerSecond: number;
  /** With a requestAnimationFrame loop (a main-thread frame every vsync, the worst case for the board). */
  raf: { interval: { n: number; median: number; p99: number; max: number }; droppedPerMinute: number; taskMsPerSecond: number; layoutsPerFrame: number };
  /** The same board with the band empty. */
  baseline: { compositorPresented: number; compositorDroppedPerMinute: number; taskMsPerSecond: number; rafDroppedPerMinute: number };
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

async function metricsOf(cdp: Cdp): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  ts: number;
  args?: { name?: string; frame_reporter?: { state?: string; frame_sequence?: number } };
}

/** The page's compositor frames over `seconds`, from Chrome's own frame reporter, and the main thread's CPU meanwhile. */
async function compositorRun(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  const before = await metricsOf(cdp);
  await cdp.send('Tracing.start', { categories: 'cc,benchmark', transferMode: 'ReportEvents' });
  await page.waitForTimeout(seconds * 1000);
  await cdp.send('Tracing.end');
  await complete;
  const after = await metricsOf(cdp);
  await cdp.detach();
  const renderers = new Set(events.filter((e) => e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid));
  // one state per frame: a frame first reported "no update" may be presented later
  const frames = new Map<number, { state: string; ts: number }>();
  for (const e of events) {
    const r = e.args?.frame_reporter;
    if (e.name !== 'PipelineReporter' || e.ph !== 'b' || !r?.state || r.frame_sequence === undefined) continue;
    if (renderers.size && !renderers.has(e.pid)) continue;
    const prev = frames.get(r.frame_sequence);
    if (!prev || prev.state === 'STATE_NO_UPDATE_DESIRED') frames.set(r.frame_sequence, { state: r.state, ts: e.ts });
  }
  const all = [...frames.values()].sort((a, b) => a.ts - b.ts);
  const presented = all.filter((f) => f.state.startsWith('STATE_PRESENTED'));
  const dropped = all.filter((f) => f.state === 'STATE_DROPPED').length;
  const interval = summary(presented.slice(1).map((f, i) => (f.ts - presented[i]!.ts) / 1000));
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
  const span = delta.Timestamp || seconds;
  return { presented: presented.length, dropped, droppedPerMinute: (dropped / span) * 60, interval, metrics: delta, span };
}

/** requestAnimationFrame deltas for `seconds` (a main-thread frame every vsync) and the CPU meanwhile. */
async function rafRun(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const before = await metricsOf(cdp);
  // a string, not a function: tsx's name helpers do not exist in the page
  const deltas = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = 0;
    let start = 0;
    function tick(t) {
      if (last) out.push(t - last);
      else start = t;
      last = t;
      if (t - start < ${seconds * 1000}) requestAnimationFrame(tick);
      else resolve(out);
    }
    requestAnimationFrame(tick);
  })`)) as number[];
  const after = await metricsOf(cdp);
  await cdp.detach();
  const interval = summary(deltas);
  // a delta of k frames' time means k - 1 frames were not drawn
  const dropped = deltas.filter((d) => d > 1.5 * interval.median).reduce((n, d) => n + Math.max(1, Math.round(d / interval.median) - 1), 0);
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
  const span = delta.Timestamp || seconds;
  return { interval, droppedPerMinute: (dropped / span) * 60, metrics: delta, span };
}

export async function benchMarqueeFrames(line: Line = (label, s) => console.log(label, s)): Promise<MarqueeFrameFigures> {
  console.log(`\nmarquee band on /calls: ${MESSAGES} messages, 1920×1080, ${SECONDS} s of scrolling (headless Chromium, software compositing)`);
  const built = join(process.cwd(), 'dist', 'renderer');
  if (!existsSync(join(built, 'index.html'))) throw new Error('dist/renderer is not built (npm run build:renderer)');
  const rendererDir = mkdtempSync(join(tmpdir(), 'lobby-bench-renderer-'));
  cpSync(built, rendererDir, { recursive: true });
  const t = await startTestLobby({ rendererDir });
  const browser = await launchBrowser();
  try {
    const admin = httpClient(t.url);
    const setup = await admin.post(ROUTES.setup.path, { setupCode: t.setupCode, username: 'bench', displayName: 'Bench', password: 'bench-password' });
    if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
    await admin.refreshCsrf();

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-TW' });
    const page = await context.newPage();
    await page.goto(`${t.url}/calls`);
    await page.getByTestId('marquee-band').waitFor();
    await page.waitForTimeout(1000);
    const baseComp = await compositorRun(page, 5);
    const baseRaf = await rafRun(page, 5);

    for (let i = 0; i < MESSAGES; i++) {
      const [zh, en] = TEXTS[i % TEXTS.length]!;
      const res = await admin.post(ROUTES.createMarquee.path, {
        zh: `${zh}（${i + 1}）`,
        en: `${en} (${i + 1})`,
        category: (['news', 'law', 'policy', 'visiting', 'service', 'other'] as const)[i % 6],
        priority: 1 + (i % 5),
        startsAt: null,
        endsAt: null,
        days: [],
        hoursFrom: null,
        hoursTo: null,
        targets: ['screen:calls'],
      });
      if (res.status !== 201) throw new Error(`message ${i} refused: ${JSON.stringify(res.body)}`);
    }
    await page.waitForFunction((n) => document.querySelector('[data-testid="marquee-band"]')?.getAttribute('data-count') === String(n), MESSAGES);
    await page.waitForTimeout(1500); // fonts, first layout, the animation settled
    const width = Number(await page.getByTestId('marquee-band-track').getAttribute('data-width'));
    const comp = await compositorRun(page, SECONDS);
    const raf = await rafRun(page, SECONDS);

    const perS = (v: number | undefined, span: number) => (v ?? 0) / span;
    const figures: MarqueeFrameFigures = {
      compositor: { presented: comp.presented, dropped: comp.dropped, droppedPerMinute: comp.droppedPerMinute, interval: comp.interval },
      cpuMsPerSecond: {
        task: perS(comp.metrics.TaskDuration, comp.span) * 1000,
        script: perS(comp.metrics.ScriptDuration, comp.span) * 1000,
        layout: perS(comp.metrics.LayoutDuration, comp.span) * 1000,
        style: perS(comp.metrics.RecalcStyleDuration, comp.span) * 1000,
      },
      layoutsPerSecond: perS(comp.metrics.LayoutCount, comp.span),
      styleRecalcsPerSecond: perS(comp.metrics.RecalcStyleCount, comp.span),
      raf: {
        interval: raf.interval,
        droppedPerMinute: raf.droppedPerMinute,
        taskMsPerSecond: perS(raf.metrics.TaskDuration, raf.span) * 1000,
        layoutsPerFrame: (raf.metrics.LayoutCount ?? 0) / Math.max(1, raf.interval.n),
      },
      baseline: {
        compositorPresented: baseComp.presented,
        compositorDroppedPerMinute: baseComp.droppedPerMinute,
        taskMsPerSecond: perS(baseComp.metrics.TaskDuration, baseComp.span) * 1000,
        rafDroppedPerMinute: baseRaf.droppedPerMinute,
      },
    };
    const f2 = (n: number) => n.toFixed(2);
    console.log(`${'  loop'.padEnd(34)} ${width} px per copy, ${(width / 90).toFixed(1)} s per loop at 90 px/s`);
    line(`marquee compositor frame interval`, comp.interval, FRAME_MS);
    console.log(
      `${'  compositor frames'.padEnd(34)} ${comp.presented} presented, ${comp.dropped} dropped = ${f2(figures.compositor.droppedPerMinute)} dropped per minute (empty band: ${figures.baseline.compositorPresented} frames in 5 s — a still board draws none)`,
    );
    console.log(
      `${'  main-thread CPU per second'.padEnd(34)} task ${f2(figures.cpuMsPerSecond.task)} ms, script ${f2(figures.cpuMsPerSecond.script)} ms, layout ${f2(figures.cpuMsPerSecond.layout)} ms, style ${f2(figures.cpuMsPerSecond.style)} ms (empty band: task ${f2(figures.baseline.taskMsPerSecond)} ms)`,
    );
    console.log(`${'  layouts / style recalcs'.padEnd(34)} ${f2(figures.layoutsPerSecond)} / ${f2(figures.styleRecalcsPerSecond)} per second`);
    line(`marquee rAF interval (main frames)`, raf.interval, FRAME_MS);
    console.log(
      `${'  with a rAF loop'.padEnd(34)} ${f2(figures.raf.droppedPerMinute)} dropped per minute (empty band: ${f2(figures.baseline.rafDroppedPerMinute)}), task ${f2(figures.raf.taskMsPerSecond)} ms/s, ${f2(figures.raf.layoutsPerFrame)} layouts per frame`,
    );
    await context.close();
    return figures;
  } finally {
    await browser.close();
    await t.stop();
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  await benchMarqueeFrames((label, s, target) =>
    console.log(`${label.padEnd(34)} n=${String(s.n).padEnd(5)} median ${ms(s.median).padStart(9)}   p99 ${ms(s.p99).padStart(9)}${target ? `   p99/target ${(s.p99 / target).toFixed(2)} (target ${target.toFixed(1)} ms)` : ''}`),
  );
}

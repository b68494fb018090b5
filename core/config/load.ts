import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteUsesHearings, type PublicSite } from '../contract';
import { problemsReport, siteProblems, type SiteProblem } from './problems';
import { siteConfigSchema, type SiteConfig } from './schema';

export const DEFAULT_SITE_ID = 'taitung-prosecutors';
export const SAMPLE_SITE_IDS = ['taitung-prosecutors', 'hualien-prison'] as const;

/** Why a site cannot start, in both languages; `problems` lists each field's problem when the file was read but is not valid. */
export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
  constructor(
    message: string,
    readonly problems: readonly SiteProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * The folder holding assets/. Looked for upwards because this module runs from
 * core/config/ in a checkout but from a one-file bundle in dist-electron/.
 */
export function assetsDir(): string {
  const fromEnv = process.env.LOBBY_ASSETS_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'assets', 'sites'))) return join(dir, 'assets');
    dir = dirname(dir);
  }
  throw new SiteConfigError('找不到 assets/ 資料夾，請設定 LOBBY_ASSETS_DIR。\nCannot find the assets/ folder; set LOBBY_ASSETS_DIR.');
}

export function parseSite(raw: unknown, source: string): SiteConfig {
  const result = siteConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = siteProblems(result.error.issues, raw, siteConfigSchema);
    throw new SiteConfigError(problemsReport(source, problems), problems);
  }
  return result.data;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SiteConfigError(`無法讀取站台設定檔 ${file}：${(err as Error).message}\nCannot read site configuration ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const where = jsonErrorPlace(text, (err as Error).message);
    throw new SiteConfigError(
      `站台設定檔 ${file} 不是有效的 JSON${where.zh}：${(err as Error).message}\nSite configuration ${file} is not valid JSON${where.en}: ${(err as Error).message}`,
    );
  }
}

/**
 * A site file, with what it `extends` underneath: a site can be written as
 * "the sample (or our usual file), but with these sections" — e.g. the
 * wired-device examples beside each sample site. Top-level sections replace
 * the base's whole.
 */
function readSiteFile(file: string, depth = 0): unknown {
  const raw = readJson(file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  // JSON has no comments: a "$comment" at the top explains the file to the next installer.
  const { $comment: _comment, ...rest } = raw as Record<string, unknown>;
  if (!('extends' in rest)) return rest;
  const { extends: base, ...own } = rest;
  if (typeof base !== 'string' || base.length === 0) {
    throw new SiteConfigError(
      `站台設定檔 ${file}："extends" 應寫所依據的站台設定檔路徑（相對於本檔）\nSite configuration ${file}: "extends" names the site file this one builds on, as a path relative to it`,
    );
  }
  if (depth >= 3) throw new SiteConfigError(`站台設定檔 ${file}："extends" 最多 3 層\nSite configuration ${file}: "extends" goes more than 3 files deep`);
  const under = readSiteFile(resolve(dirname(file), base), depth + 1);
  return { ...(under as Record<string, unknown>), ...own };
}

/** " (line 3, column 14)" for a JSON syntax error whose message gives a position. */
function jsonErrorPlace(text: string, message: string): { zh: string; en: string } {
  const at = jsonErrorOffset(text, message);
  if (at === null) return { zh: '', en: '' };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { zh: `（第 ${line} 行第 ${column} 字）`, en: ` (line ${line}, column ${column})` };
}

/** Where JSON.parse stopped: its position when it gives one, else found from the text it quotes ("Unexpected token 'p', ..."kind": prison"..."). */
function jsonErrorOffset(text: string, message: string): number | null {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const quoted = /Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!quoted) return null;
  const snippet = quoted[2]!;
  const start = text.indexOf(snippet);
  return start < 0 ? null : start + snippet.indexOf(quoted[1]!);
}

/** A site file on disk wins over the embedded sample named by id. */
export function loadSite(opts: { sitePath?: string; siteId?: string }): SiteConfig {
  if (opts.sitePath) return parseSite(readSiteFile(resolve(opts.sitePath)), opts.sitePath);
  const id = opts.siteId ?? DEFAULT_SITE_ID;
  if (!(SAMPLE_SITE_IDS as readonly string[]).includes(id)) {
    throw new SiteConfigError(
      `沒有名為 "${id}" 的範例站台；範例有 ${SAMPLE_SITE_IDS.join('、')}，或請指定站台設定檔。\nUnknown sample site "${id}"; the samples are ${SAMPLE_SITE_IDS.join(', ')}, or give a site file.`,
    );
  }
  return parseSite(readJson(join(assetsDir(), 'sites', id, 'site.json')), `sample ${id}`);
}

export function publicSite(site: SiteConfig): PublicSite {
  return {
    id: site.id,
    kind: site.kind,
    agency: site.agency,
    timeZone: site.timeZone,
    services: site.services.map((s) => ({ id: s.id, prefix: s.prefix, name: s.name, hours: s.hours ?? null, dailyReset: s.dailyReset })),
    counters: site.counters.map((c) => ({ id: c.id, number: c.number, name: c.name, serviceIds: c.serviceIds })),
    courtrooms: site.courtrooms,
    signs: site.signs.map((s) => ({ id: s.id, name: s.name, protocol: s.protocol })),
    features: { hearings: siteUsesHearings(site) },
  };
}

/** What the queue needs of a site: its services, counters and ordering rules. */
export function queueSite(site: SiteConfig) {
  const pub = publicSite(site);
  return { timeZone: site.timeZone, services: pub.services, counters: pub.counters, rules: site.queue, counterWord: site.counterWord };
}

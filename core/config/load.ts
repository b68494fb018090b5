import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PublicSite } from '../contract';
import { siteConfigSchema, type SiteConfig } from './schema';

export const DEFAULT_SITE_ID = 'taitung-prosecutors';
export const SAMPLE_SITE_IDS = ['taitung-prosecutors', 'hualien-prison'] as const;

export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
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
  throw new SiteConfigError('Cannot find the assets/ folder; set LOBBY_ASSETS_DIR.');
}

export function parseSite(raw: unknown, source: string): SiteConfig {
  const result = siteConfigSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new SiteConfigError(`Site configuration ${source} is not valid:\n${issues}`);
  }
  return result.data;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SiteConfigError(`Cannot read site configuration ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SiteConfigError(`Site configuration ${file} is not valid JSON: ${(err as Error).message}`);
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
  if (typeof base !== 'string' || base.length === 0) throw new SiteConfigError(`Site configuration ${file}: "extends" names the site file this one builds on, as a path relative to it`);
  if (depth >= 3) throw new SiteConfigError(`Site configuration ${file}: "extends" goes more than 3 files deep`);
  const under = readSiteFile(resolve(dirname(file), base), depth + 1);
  return { ...(under as Record<string, unknown>), ...own };
}

/** A site file on disk wins over the embedded sample named by id. */
export function loadSite(opts: { sitePath?: string; siteId?: string }): SiteConfig {
  if (opts.sitePath) return parseSite(readSiteFile(resolve(opts.sitePath)), opts.sitePath);
  const id = opts.siteId ?? DEFAULT_SITE_ID;
  if (!(SAMPLE_SITE_IDS as readonly string[]).includes(id)) {
    throw new SiteConfigError(`Unknown sample site "${id}"; the samples are ${SAMPLE_SITE_IDS.join(', ')}, or give a site file.`);
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
  };
}

/** What the queue needs of a site: its services, counters and ordering rules. */
export function queueSite(site: SiteConfig) {
  const pub = publicSite(site);
  return { timeZone: site.timeZone, services: pub.services, counters: pub.counters, rules: site.queue, counterWord: site.counterWord };
}

import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir, loadSite, SAMPLE_SITE_IDS } from '../../../core/config/load';
import { tempDir } from '../../helpers/tmp';

describe('site configuration', () => {
  it('embeds two valid sample sites from the seeds', () => {
    const taitung = loadSite({ siteId: 'taitung-prosecutors' });
    expect(taitung.agency.zh).toBe('臺灣臺東地方檢察署');
    expect(taitung.services.map((s) => s.name.zh)).toEqual(expect.arrayContaining(['為民服務中心諮詢', '聲請／增發書類', '繳納／發還保證金']));
    expect(taitung.courtrooms.length).toBeGreaterThan(0);
    const hualien = loadSite({ siteId: 'hualien-prison' });
    expect(hualien.kind).toBe('prison');
    expect(hualien.services.map((s) => s.name.zh)).toEqual(expect.arrayContaining(['接見登記', '寄入物品', '遠距接見']));
    expect(SAMPLE_SITE_IDS).toHaveLength(2);
  });

  it('defaults to the Taitung prosecutors office', () => {
    expect(loadSite({}).id).toBe('taitung-prosecutors');
  });

  it('a site file on disk overrides the sample', () => {
    const tmp = tempDir();
    try {
      const raw = JSON.parse(readFileSync(join(assetsDir(), 'sites', 'hualien-prison', 'site.json'), 'utf8')) as { agency: { zh: string } };
      raw.agency.zh = '測試監獄';
      const file = join(tmp.dir, 'site.json');
      writeFileSync(file, JSON.stringify(raw));
      expect(loadSite({ sitePath: file, siteId: 'taitung-prosecutors' }).agency.zh).toBe('測試監獄');
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses an invalid site with the field and the reason', () => {
    const tmp = tempDir();
    try {
      const raw = JSON.parse(readFileSync(join(assetsDir(), 'sites', 'taitung-prosecutors', 'site.json'), 'utf8')) as {
        services: { prefix: string }[];
        counters: { serviceIds: string[] }[];
      };
      raw.services[1]!.prefix = raw.services[0]!.prefix;
      raw.counters[0]!.serviceIds.push('ghost');
      const file = join(tmp.dir, 'bad.json');
      writeFileSync(file, JSON.stringify(raw));
      expect(() => loadSite({ sitePath: file })).toThrow(/prefix A used twice[\s\S]*serves unknown service ghost/);
      writeFileSync(file, '{ not json');
      expect(() => loadSite({ sitePath: file })).toThrow(/not valid JSON/);
      expect(() => loadSite({ siteId: 'nowhere' })).toThrow(/Unknown sample site "nowhere"/);
    } finally {
      tmp.cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  build: { electronFuses?: Record<string, boolean>; asar?: boolean };
};

describe('the packaged app', () => {
  it('flips the Electron fuses: no running as Node, no NODE_OPTIONS or --inspect, only the integrity-checked app.asar', () => {
    expect(pkg.build.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs the app in an asar (electron-builder's default).
    expect(pkg.build.asar).not.toBe(false);
  });

  it('uses an electron-builder that applies `electronFuses` (and @electron/fuses is installed for it)', () => {
    const require = createRequire(__filename);
    const libDir = dirname(require.resolve('app-builder-lib/package.json'));
    const types = readFileSync(join(libDir, 'out', 'configuration.d.ts'), 'utf8');
    expect(types).toMatch(/readonly electronFuses\?: FuseOptionsV1/);
    for (const key of Object.keys(pkg.build.electronFuses ?? {})) expect(types).toContain(`${key}?: boolean`);
    expect(() => createRequire(join(libDir, 'package.json')).resolve('@electron/fuses')).not.toThrow();
  });
});

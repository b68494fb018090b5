import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs `core/serve.ts` the way `npm run serve` does and collects what it prints until `until` matches. */
function serve(args: string[], env: Record<string, string> = {}, until = /Ctrl\+C/) {
  const child = spawn(TSX, ['core/serve.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const done = new Promise<{ out: string; code: number | null }>((resolve) => {
    const check = () => {
      if (until.test(out)) resolve({ out, code: null });
    };
    child.stdout.on('data', (d) => {
      out += String(d);
      check();
    });
    child.stderr.on('data', (d) => {
      out += String(d);
      check();
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
  return { child, done };
}

describe('npm run serve', () => {
  it('starts the chosen site on the chosen port and data folder, and prints every screen URL and the setup link', async () => {
    const tmp = tempDir();
    const { child, done } = serve(['--port', '0', '--site', 'hualien-prison', '--data', tmp.dir]);
    try {
      const { out } = await done;
      expect(out).toContain('法務部矯正署花蓮監獄');
      expect(out).toMatch(/\/staff\?setup=[A-Za-z0-9_-]{16}/);
      const kiosk = /kiosk\s+(http:\/\/127\.0\.0\.1:\d+\/kiosk)/.exec(out)?.[1];
      expect(kiosk).toBeDefined();
      for (const screen of ['calls', 'staff', 'devices']) expect(out).toMatch(new RegExp(`${screen}\\s+http://127\\.0\\.0\\.1:\\d+/${screen}`));
      const site = (await (await fetch(kiosk!.replace('/kiosk', '/api/site'))).json()) as { id: string };
      expect(site.id).toBe('hualien-prison');
      expect(out).toContain(tmp.dir);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      tmp.cleanup();
    }
  });

  it('takes its options from the environment too', async () => {
    const tmp = tempDir();
    const { child, done } = serve([], { LOBBY_PORT: '0', LOBBY_SITE: 'taitung-prosecutors', LOBBY_DATA: tmp.dir });
    try {
      const { out } = await done;
      expect(out).toContain('臺灣臺東地方檢察署');
      expect(out).toContain(tmp.dir);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      tmp.cleanup();
    }
  });

  it('refuses a bad option with a message and exit code 2', async () => {
    const { done } = serve(['--port', 'eighty'], {}, /$^/);
    const { out, code } = await done;
    expect(code).toBe(2);
    expect(out).toMatch(/--port must be a number/);
  });
});

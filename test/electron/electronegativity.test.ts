/**
 * `npm run lint:electron` (scripts/electronegativity.mjs) as a reviewer relies
 * on it: the shell passes, and each way of weakening it fails the run. Each
 * case scans a copy of electron/ with one change, in its own process, offline.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(root, 'scripts', 'electronegativity.mjs');
const copies: string[] = [];

interface Scan {
  code: number;
  output: string;
}

/** Scans a copy of electron/ after `edit` rewrote some of its files (name → new text). */
function scanShell(edit: (read: (name: string) => string) => Record<string, string> = () => ({})): Promise<Scan> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lobby-eng-'));
  copies.push(dir);
  cpSync(path.join(root, 'electron'), dir, { recursive: true });
  const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
  for (const [name, text] of Object.entries(edit(read))) writeFileSync(path.join(dir, name), text);
  return new Promise((resolve) => {
    execFile(process.execPath, [script, dir], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

function replaced(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`the test's edit found nothing to change: ${String(from)}`);
  return next;
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

// A scan takes about a second alone, several on a machine busy with the rest of npm test.
describe('lint:electron (Electronegativity on electron/)', { timeout: 60_000 }, () => {
  it('passes the shell as it is, naming each reviewed suppression and the check it does not run', async () => {
    const scan = await scanShell();
    expect(scan.output).toContain('no HIGH or MEDIUM finding stands');
    expect(scan.code).toBe(0);
    for (const check of ['AUXCLICK_JS_CHECK', 'PRELOAD_JS_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(scan.output).toMatch(new RegExp(`reviewed, suppressed: ${check}`));
    }
    expect(scan.output).toContain('not run: AvailableSecurityFixesGlobalCheck');
  });

  it('fails a window whose security options are spread from a shared object, where the scanner cannot see them', async () => {
    const scan = await scanShell((read) => ({
      'windows.ts': replaced(read('windows.ts'), /contextIsolation: true,\s*sandbox: true,/, '...SECURE_WEB_PREFERENCES,'),
    }));
    expect(scan.code).toBe(1);
    expect(scan.output).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK at .*windows\.ts/);
    expect(scan.output).toMatch(/MEDIUM SANDBOX_JS_CHECK at .*windows\.ts/);
  });

  it('fails insertCSS given anything but a literal', async () => {
    const scan = await scanShell((read) => ({
      'windows.ts': replaced(read('windows.ts'), /insertCSS\('[^']*'\)/, 'insertCSS(plan.path)'),
    }));
    expect(scan.code).toBe(1);
    expect(scan.output).toMatch(/MEDIUM DANGEROUS_FUNCTIONS_JS_CHECK at .*windows\.ts/);
  });

  it('fails when new windows are no longer denied', async () => {
    const scan = await scanShell((read) => ({
      'security.ts': replaced(read('security.ts'), /contents\.setWindowOpenHandler\([\s\S]*?\n  \}\);\n/, ''),
    }));
    expect(scan.code).toBe(1);
    expect(scan.output).toMatch(/HIGH LIMIT_NAVIGATION_GLOBAL_CHECK/);
  });

  it('fails an eng-disable without a reason, one that suppresses nothing, and a file-wide one', async () => {
    const scan = await scanShell((read) => ({
      'windows.ts': replaced(read('windows.ts'), /eng-disable PRELOAD_JS_CHECK \([^)]*\)/, 'eng-disable PRELOAD_JS_CHECK'),
      'native.ts': replaced(read('native.ts'), 'return exists(file) ? file : undefined;', 'return exists(file) ? file : undefined; // eng-disable OPEN_EXTERNAL_JS_CHECK (nothing opens here)'),
      'login.ts': `// eng-disable SANDBOX_JS_CHECK (a whole file)\n${read('login.ts')}`,
    }));
    expect(scan.code).toBe(1);
    expect(scan.output).toMatch(/windows\.ts:\d+: eng-disable needs a reason/);
    expect(scan.output).toMatch(/native\.ts:\d+: this eng-disable suppresses nothing/);
    expect(scan.output).toMatch(/login\.ts:1: a file-wide eng-disable is not allowed/);
  });

  it('fails a source file the scanner does not read', async () => {
    const scan = await scanShell((read) => ({ 'extra.mts': read('native.ts') }));
    expect(scan.code).toBe(1);
    expect(scan.output).toMatch(/extra\.mts was not scanned/);
  });
});

/**
 * The import rules of ARCHITECTURE.md as code: who may import whom. Kept as
 * data so the rules read like the table they come from.
 */
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  source: string;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

const NODE_BUILTINS = new Set(builtinModules);
const IMPORT_RE = /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^\w$.])import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w$.])require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): { specifier: string; line: number }[] {
  const out: { specifier: string; line: number }[] = [];
  // Comments would otherwise count as imports in examples like this file's own.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(IMPORT_RE)) {
    const specifier = m[1] ?? m[2] ?? m[3];
    if (!specifier) continue;
    const line = code.slice(0, m.index).split('\n').length;
    out.push({ specifier, line });
  }
  return out;
}

type Target = { kind: 'node' } | { kind: 'package'; name: string } | { kind: 'local'; path: string };

function classify(file: string, specifier: string): Target {
  if (specifier.startsWith('.')) return { kind: 'local', path: normalize(join(dirname(file), specifier)).replace(/\\/g, '/') };
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!)) return { kind: 'node' };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]! };
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** Returns why an import is refused, or null when it is allowed. */
export function refuse(file: string, specifier: string): string | null {
  const t = classify(file, specifier);
  const isElectron = t.kind === 'package' && t.name === 'electron';

  if (isElectron && !under(file, 'electron') && !under(file, 'test/electron') && !under(file, 'scripts')) {
    return 'electron is imported only in electron/ (the core must run under plain Node)';
  }

  if (under(file, 'renderer')) {
    if (t.kind === 'node') return 'renderer/ runs in the browser: no Node modules';
    if (t.kind === 'local' && !under(t.path, 'renderer') && !under(t.path, 'core/contract')) {
      return 'renderer/ may import only renderer/ and core/contract';
    }
    return null;
  }

  if (under(file, 'hardware')) {
    if (t.kind === 'local' && !under(t.path, 'hardware')) return 'hardware/ knows nothing of the core: it imports only npm packages and hardware/';
    const driver = /^hardware\/([^/]+)\/drivers\//.exec(file);
    if (driver && t.kind === 'local') {
      const device = `hardware/${driver[1]}`;
      const ok =
        under(t.path, 'hardware/transports') ||
        (under(t.path, device) && !/\/(simulated|index)$/.test(t.path.replace(/\.tsx?$/, '')));
      if (!ok) return `a driver imports only its device's folder (${device}: types, encoders) and hardware/transports`;
    }
    return null;
  }

  if (under(file, 'core/contract')) {
    if (t.kind === 'node') return 'core/contract is shared with the browser: no Node modules';
    if (t.kind === 'package' && t.name !== 'zod') return 'core/contract imports zod only';
    if (t.kind === 'local' && !under(t.path, 'core/contract')) return 'core/contract imports nothing else of the project';
    return null;
  }

  if (under(file, 'core')) {
    if (t.kind === 'local' && (under(t.path, 'renderer') || under(t.path, 'electron'))) return 'core/ never imports renderer/ or electron/';
    if (t.kind !== 'local') return null;
    const allowed: Record<string, string[]> = {
      'core/store': ['core/store'],
      'core/config': ['core/config', 'core/contract'],
      'core/domain': ['core/domain', 'core/store', 'core/contract'],
      'core/live': ['core/live', 'core/contract', 'core/store'],
      'core/devices': ['core/devices', 'hardware', 'core/domain', 'core/store', 'core/contract', 'core/config'],
      'core/http': ['core'],
    };
    // A device's site-file section is defined beside its driver, and the site schema gathers them.
    if (under(file, 'core/config') && /^hardware\/[^/]+\/config$/.test(t.path.replace(/\.tsx?$/, ''))) return null;
    for (const [folder, targets] of Object.entries(allowed)) {
      if (under(file, folder)) {
        if (!targets.some((f) => under(t.path, f))) return `${folder}/ may import only ${targets.join(', ')}`;
        if (folder === 'core/http' && under(t.path, 'hardware')) return 'core/http reaches devices through core/devices, not hardware/';
        return null;
      }
    }
    // core/lobby.ts and core/serve.ts are the composition root: they wire everything.
    return null;
  }

  if (under(file, 'electron')) {
    if (t.kind === 'local' && (under(t.path, 'renderer') || under(t.path, 'hardware'))) return 'electron/ hosts the core: it imports core/, not renderer/ or hardware/';
    return null;
  }
  return null;
}

export function checkImports(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const f of files) {
    for (const { specifier, line } of importsOf(f.source)) {
      const rule = refuse(f.path, specifier);
      if (rule) violations.push({ file: f.path, line, specifier, rule });
    }
  }
  return violations;
}

// Bundles the Electron shell: electron/main.ts (with the whole core) into
// dist-electron/main.cjs and electron/preload.ts into dist-electron/preload.cjs.
// CommonJS because package.json says "type": "module" yet Electron's sandboxed
// preload cannot be ESM, and one format for both keeps __dirname meaning one thing.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');
const nodeModules = path.join(root, 'node_modules');

// Markers of a compiled addon: a .node file cannot be bundled, so its package
// (and whatever loads it by path at run time) must stay in node_modules.
const NATIVE_LOADERS = ['bindings', 'node-gyp-build', 'prebuild-install', 'node-addon-api', 'nan', 'node-pre-gyp', '@mapbox/node-pre-gyp'];

async function isNative(dir) {
  if (existsSync(path.join(dir, 'binding.gyp')) || existsSync(path.join(dir, 'prebuilds'))) return true;
  let pkg;
  try {
    pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
  // napi-rs packages load a per-platform .node package at run time.
  if (pkg.gypfile === true || pkg.binary || pkg.napi) return true;
  const deps = { ...pkg.dependencies, ...pkg.optionalDependencies };
  return NATIVE_LOADERS.some((name) => name in deps);
}

/** Installed packages with native code, found rather than listed so a new driver dependency cannot be forgotten. */
async function nativePackages() {
  const found = [];
  let entries = [];
  try {
    entries = await readdir(nodeModules, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of await readdir(path.join(nodeModules, entry.name), { withFileTypes: true })) {
        const name = `${entry.name}/${scoped.name}`;
        if (scoped.isDirectory() && (await isNative(path.join(nodeModules, name)))) found.push(name);
      }
    } else if (await isNative(path.join(nodeModules, entry.name))) {
      found.push(entry.name);
    }
  }
  // The loaders themselves are tiny, but they locate the addon relative to the
  // calling package, which only works if that package is not bundled.
  return found.filter((name) => !NATIVE_LOADERS.includes(name));
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js' };

/**
 * In a CommonJS bundle import.meta is empty, so code that finds files next to
 * itself (renderer files, assets) would break. This rewrites import.meta.url,
 * .filename and .dirname to the source file's own location, computed from
 * __dirname at run time so the app folder can still be moved or packaged.
 */
const importMetaAsSourceLocation = {
  name: 'import-meta-as-source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.')) return undefined;
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      const file = `require("node:path").join(__dirname, ${JSON.stringify(relative)})`;
      const contents = source
        .replaceAll('import.meta.url', `require("node:url").pathToFileURL(${file}).href`)
        .replaceAll('import.meta.filename', file)
        .replaceAll('import.meta.dirname', `require("node:path").dirname(${file})`);
      return { contents, loader: LOADERS[path.extname(args.path)] ?? 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const external = ['electron', 'better-sqlite3', ...(await nativePackages())];
const shared = { absWorkingDir: root, bundle: true, format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };

// esbuild has already printed what went wrong; a stack trace of its own internals would only bury it.
const fail = () => process.exit(1);
const [, preload] = await Promise.all([
  build({
    ...shared,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist-electron/main.cjs',
    platform: 'node',
    target: 'node20',
    external: [...new Set(external)],
    plugins: [importMetaAsSourceLocation],
  }).catch(fail),
  build({
    ...shared,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    // A sandboxed preload runs in the renderer (Chromium 140 in Electron 45) with no Node.
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
    metafile: true,
  }).catch(fail),
]);

// A sandboxed preload can require only 'electron' (and a few polyfills);
// anything else bundles fine here and then fails silently on the kiosk.
const preloadOutput = preload.metafile.outputs['dist-electron/preload.cjs'];
const stray = (preloadOutput?.imports ?? []).filter((i) => i.external && i.path !== 'electron');
if (stray.length > 0) {
  console.error(`preload.cjs requires ${stray.map((i) => i.path).join(', ')}; a sandboxed preload may require only electron`);
  process.exit(1);
}

console.log(`built dist-electron/main.cjs and dist-electron/preload.cjs (external: ${[...new Set(external)].join(', ')})`);

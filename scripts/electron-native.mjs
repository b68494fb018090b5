// `npm start` runs this before Electron. better-sqlite3 is compiled for plain
// Node (serve, tests, bench); Electron has its own ABI. Rather than rebuild in
// place — which would break `npm test` until the next `npm rebuild` — the
// Electron build goes to .native/electron-<version>-<platform>-<arch>/ and the
// shell points better-sqlite3 at it (LobbyOptions.sqliteNativeBinding).
// Packaged apps don't need this: electron-builder rebuilds native modules.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.error(
    'The Electron binary is not installed (was npm install run with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).\n' +
      'Run "npm install" with internet access to fetch it, or use "npm run serve" to run the lobby without Electron.',
  );
  process.exit(1);
}

const version = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
const target = path.join(root, '.native', `electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${version} (once; kept in ${path.relative(root, path.dirname(target))})…`);
const work = mkdtempSync(path.join(tmpdir(), 'lobby-native-'));
try {
  const pkgDir = path.join(work, 'better-sqlite3');
  cpSync(path.join(root, 'node_modules', 'better-sqlite3'), pkgDir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
  const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
  try {
    // A published prebuilt binary for this Electron version, when there is one.
    execFileSync(process.execPath, [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`], { cwd: pkgDir, env, stdio: 'inherit' });
  } catch {
    const nodeGyp = process.env.npm_config_node_gyp;
    if (!nodeGyp) throw new Error('no prebuilt binary and node-gyp not found; run through "npm start"');
    execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], {
      cwd: pkgDir,
      env,
      stdio: 'inherit',
    });
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Done: ${path.relative(root, target)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

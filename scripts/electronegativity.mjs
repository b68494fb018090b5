// `npm run lint:electron`: Electronegativity, Doyensec's Electron scanner, on
// electron/ (or the folder given as the first argument).
//
// Fails on any HIGH or MEDIUM finding, on a file it could not parse or did not
// read, and on an `eng-disable` annotation that gives no reason or suppresses
// nothing. A finding that stands after reading the code is fixed. One that does
// not is annotated on its own line, Electronegativity's way:
//   preload, // eng-disable PRELOAD_JS_CHECK (why it is safe, or "reason above")
// so the reason sits beside the code a reviewer reads. File-wide annotations
// are refused: each suppression answers for one line.
//
// It never reaches the network: the scanner fetches translations on every run
// and Electron's release list for one check; here its HTTP client answers
// "unavailable" without a socket, that check is not run (see NOT_RUN), and any
// other socket throws.
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = path.resolve(root, process.argv[2] ?? 'electron');
const requireHere = createRequire(import.meta.url);

/** Checks left out, each with the reason a reviewer needs. */
const NOT_RUN = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason:
      "downloads Electron's release list on every run and caches it in the OS temp folder, so its verdict would depend on the network and the machine; Electron is pinned in package.json and upgraded deliberately",
  },
];

function fail(message) {
  console.error(`lint:electron: ${message}`);
  process.exit(1);
}

let scannerDir;
try {
  scannerDir = path.dirname(requireHere.resolve('@doyensec/electronegativity/package.json'));
} catch {
  fail('@doyensec/electronegativity is not installed (npm ci installs it; it is a devDependency)');
}
const scannerRequire = createRequire(path.join(scannerDir, 'dist', 'runner.js'));
const scannerVersion = scannerRequire('../package.json').version;

// The scanner's TypeScript parser (@typescript-eslint/typescript-estree 4) is
// hoisted beside our TypeScript 7, whose package has no JS compiler API, and
// crashes on load. This process runs nothing but the scanner, so every
// require('typescript') here gets the TypeScript 4 the scanner ships with.
const scannerTypescript = scannerRequire.resolve('typescript');
const scannerTypescriptVersion = JSON.parse(readFileSync(path.join(path.dirname(scannerTypescript), '..', 'package.json'), 'utf8')).version;
if (!scannerTypescriptVersion.startsWith('4.')) {
  fail(`expected the scanner's own TypeScript 4 beside it, found ${scannerTypescriptVersion}; has npm laid out node_modules differently?`);
}
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveForScanner(request, ...rest) {
  return request === 'typescript' ? scannerTypescript : resolveFilename.call(this, request, ...rest);
};

// No network: the HTTP client answers every request "unavailable" (the
// scanner then keeps its bundled English texts), and a socket opened by
// anything else is an error, not a silent download.
const gotPath = scannerRequire.resolve('got');
const unavailable = async () => ({ statusCode: 503, headers: {}, body: '' });
unavailable.head = unavailable;
unavailable.default = unavailable;
requireHere.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: unavailable };
net.Socket.prototype.connect = function refuse() {
  throw new Error('lint:electron must not reach the network');
};

// Records which lines an eng-disable annotation suppressed, so the report can
// name them and so a stale annotation (one that suppresses nothing) fails.
const exceptions = scannerRequire('./util/exceptions');
const parserModule = scannerRequire('./parser');
if (typeof exceptions.isDisabledByInlineComment !== 'function' || typeof parserModule.Parser?.prototype.parse !== 'function') {
  fail(`Electronegativity ${scannerVersion}'s internals are not what this script knows (1.10.3); update scripts/electronegativity.mjs`);
}
const suppressions = [];
const isDisabledByInlineComment = exceptions.isDisabledByInlineComment;
exceptions.isDisabledByInlineComment = (firstLine, line, check, sourceType) => {
  const verdict = isDisabledByInlineComment(firstLine, line, check, sourceType);
  if (verdict.inlineDisabled) suppressions.push({ check: check.id, line });
  for (const globalCheck of verdict.excludesGlobal) suppressions.push({ check: globalCheck, line });
  return verdict;
};
const parsed = new Set();
const parse = parserModule.Parser.prototype.parse;
parserModule.Parser.prototype.parse = function recordParsed(filename, content) {
  parsed.add(path.resolve(filename));
  return parse.call(this, filename, content);
};

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const electronVersion = requireHere('electron/package.json').version;
const run = scannerRequire('./runner.js');
const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: NOT_RUN.map((n) => n.check),
});

/** Paths as a reader of the log wants them: relative inside the project, absolute outside it. */
const shown = (file) => (path.relative(root, file).startsWith('..') ? file : path.relative(root, file));
const where = shown(input) || '.';
const problems = [];
const notes = [];

for (const error of result.errors) {
  const text = `${shown(error.file)}: ${error.message}`;
  if (error.tolerable) notes.push(`parser warning: ${text}`);
  else problems.push(`could not parse ${text}`);
}

const sources = filesUnder(input);
for (const file of sources) {
  if (/\.(m|c)?[jt]sx?$|\.html?$/.test(file) && !parsed.has(file)) {
    problems.push(`${shown(file)} was not scanned (Electronegativity reads .js .jsx .ts .tsx .html .htm)`);
  }
}

for (const issue of result.issues) {
  // Global checks judge the whole folder and name no file ("N/A").
  const at = issue.file === 'N/A' ? `${where}/` : `${path.join(where, issue.file)}:${issue.location.line}:${issue.location.column}`;
  const text = `${issue.severity.name} ${issue.id} at ${at}: ${issue.description}${issue.sample ? `\n    ${issue.sample}` : ''}`;
  if (issue.severity.value >= 2) problems.push(text);
  else notes.push(text);
}

const annotation = /(?:\/\/|\/\*)[ \t]*eng-disable\b/;
for (const file of sources) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const firstCode = lines.findIndex((l) => l.trim() !== '');
  lines.forEach((raw, index) => {
    if (!annotation.test(raw)) return;
    const line = raw.trim();
    const at = `${shown(file)}:${index + 1}`;
    if (index === firstCode) problems.push(`${at}: a file-wide eng-disable is not allowed; annotate each line, with its reason`);
    else if (!/eng-disable[ \t]+[\w \t]+\([^)]+\)/.test(line)) problems.push(`${at}: eng-disable needs a reason in brackets after the check ids`);
    else if (!suppressions.some((s) => s.line === line)) problems.push(`${at}: this eng-disable suppresses nothing; remove it`);
  });
}

console.log(`Electronegativity ${scannerVersion} on ${where}/ (Electron ${electronVersion}): ${parsed.size} files, ${result.atomicChecks} atomic and ${result.globalChecks} global checks`);
for (const n of NOT_RUN) console.log(`  not run: ${n.check}: ${n.reason}`);
for (const s of suppressions) console.log(`  reviewed, suppressed: ${s.check}: ${s.line}`);
for (const n of notes) console.log(`  note: ${n}`);
if (problems.length > 0) {
  for (const p of problems) console.error(`  ${p}`);
  fail(`${problems.length} finding(s) to fix or to annotate with a reason (see the top of scripts/electronegativity.mjs)`);
}
console.log('  no HIGH or MEDIUM finding stands');

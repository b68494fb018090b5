/** `npm run lint`: fails when a file breaks ARCHITECTURE.md's import rules. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkImports, type SourceFile } from './import-rules';

const ROOT = process.cwd();
const FOLDERS = ['core', 'hardware', 'renderer', 'electron'];

function walk(dir: string, out: SourceFile[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) {
      out.push({ path: relative(ROOT, full).replace(/\\/g, '/'), source: readFileSync(full, 'utf8') });
    }
  }
}

const files: SourceFile[] = [];
for (const folder of FOLDERS) walk(join(ROOT, folder), files);
const violations = checkImports(files);
for (const v of violations) console.error(`${v.file}:${v.line}  "${v.specifier}"  ${v.rule}`);
if (violations.length) {
  console.error(`\n${violations.length} import rule violation(s); see ../shared/ARCHITECTURE.md "Folders".`);
  process.exit(1);
}
console.log(`import rules: ${files.length} files checked, no violations`);

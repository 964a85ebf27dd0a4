// Runs @doyensec/electronegativity on the built app (main, preload, renderer). It exits 0 even
// with findings, so this reads its CSV: any HIGH finding fails, and every other finding must be
// annotated with the reason in electron/electronegativity-annotations.json.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const out = 'test-results/electronegativity.csv';
// It reads .ts/.js/.html but not esbuild's .cjs bundles: give it the main-process and preload
// sources (tests excluded) beside the built renderer.
const input = 'test-results/electronegativity-input';
rmSync(input, { recursive: true, force: true });
mkdirSync(`${input}/electron`, { recursive: true });
for (const name of readdirSync('electron')) {
  if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
    cpSync(`electron/${name}`, `${input}/electron/${name}`);
}
cpSync('build/renderer', `${input}/renderer`, { recursive: true });
cpSync('package.json', `${input}/package.json`);
const electronVersion = JSON.parse(
  readFileSync('node_modules/electron/package.json', 'utf8'),
).version;
const run = spawnSync(
  'node_modules/.bin/electronegativity',
  ['-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', out],
  { encoding: 'utf8' },
);
if (!existsSync(out)) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity produced no report');
  process.exit(1);
}

/** Minimal RFC 4180 reader (quoted fields may hold commas). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const [header, ...rows] = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length > 1);
const col = (name) => header.indexOf(name);
const annotations = JSON.parse(readFileSync('electron/electronegativity-annotations.json', 'utf8'));
let problems = 0;
for (const row of rows) {
  const issue = row[col('issue')];
  const severity = row[col('severity')];
  const where = `${row[col('filename')]}:${row[col('location')]}`;
  if (severity === 'HIGH') {
    console.error(`HIGH ${issue} at ${where}: ${row[col('description')]}`);
    problems++;
  } else if (annotations[issue]) {
    console.log(`${severity} ${issue} at ${where} — annotated: ${annotations[issue]}`);
  } else {
    console.error(`${severity} ${issue} at ${where} is not annotated: ${row[col('description')]}`);
    problems++;
  }
}
console.log(`electronegativity: ${rows.length} finding(s), ${problems} unresolved`);
process.exit(problems > 0 ? 1 : 0);

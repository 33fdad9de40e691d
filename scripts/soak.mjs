// `npm run test:soak`: runs the reliability suite's long variants (vitest.soak.config.ts, test/soak/**/*.soak.ts),
// prints what they measured, and writes it into docs/reliability.md between `<!-- soak:begin -->` and
// `<!-- soak:end -->`, leaving the hand-written parts alone. Each long variant records its figures through
// test/soak/figures.ts into the folder named by SPLITS_SOAK_FIGURES, which this sets to a fresh temp folder.
// A failed variant makes the run fail (its exit code is vitest's), and the figures gathered so far are written anyway.
// Arguments go to vitest: `npm run test:soak -- crash-cli` runs the files whose path matches; figures of the variants
// not run this time stay in the document as they were, each under its own date.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BEGIN = '<!-- soak:begin -->';
export const END = '<!-- soak:end -->';

/** The figures files a run left, sorted by id; one that does not parse is reported, not dropped silently. */
export async function readFigures(dir) {
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.json')).sort();
  const figures = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    try {
      const f = JSON.parse(text);
      if (typeof f.id !== 'string' || typeof f.title !== 'string' || typeof f.markdown !== 'string')
        throw new Error('id, title and markdown must be strings');
      figures.push(f);
    } catch (error) {
      figures.push({
        id: name.replace(/\.json$/, ''),
        title: name,
        markdown: `The figures file ${name} could not be read: ${error.message}`,
      });
    }
  }
  return figures;
}

const section = (f, run) =>
  `<!-- figure:${f.id} -->\n### ${f.title}\n\n_${run.date}, Node ${run.node}, load average ${run.load} on ${run.cores} cores; the soak run ${run.passed ? 'passed' : 'FAILED'}._\n\n${f.markdown.trim()}\n<!-- /figure:${f.id} -->`;

/**
 * The document with this run's figures between the markers: each figure replaces the one of the same id, the others
 * stay, all sorted by id. Throws when the markers are missing, so a moved heading is never written over.
 */
export function mergeFigures(doc, figures, run) {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin)
    throw new Error(`the document has no ${BEGIN} ... ${END} block: put the two markers back where the figures go`);
  const inside = doc.slice(begin + BEGIN.length, end);
  const sections = new Map();
  for (const m of inside.matchAll(/<!-- figure:([a-z0-9-]+) -->[\s\S]*?<!-- \/figure:\1 -->/g))
    sections.set(m[1], m[0]);
  for (const f of figures) sections.set(f.id, section(f, run));
  const body = [...sections.keys()]
    .sort()
    .map((id) => sections.get(id))
    .join('\n\n');
  return `${doc.slice(0, begin)}${BEGIN}\n${body || '_No soak run has recorded figures yet._'}\n${doc.slice(end)}`;
}

/** Runs vitest on the soak config; resolves with its exit code. */
function runVitest(args, env) {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.soak.config.ts', ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * Runs the variants, writes their figures into `doc`, and reports them on `out` (the terminal's standard output; a test
 * of this runner gives its own, so a passing test run does not print a soak report that says FAILED).
 */
export async function runSoak({
  args = [],
  doc = join(root, 'docs', 'reliability.md'),
  runVariants = runVitest,
  out = process.stdout,
} = {}) {
  const figuresDir = await mkdtemp(join(tmpdir(), 'splits-soak-figures-'));
  const loadBefore = loadavg();
  try {
    const code = await runVariants(args, { ...process.env, SPLITS_SOAK_FIGURES: figuresDir });
    const figures = await readFigures(figuresDir);
    const fmt = (l) => l.map((x) => x.toFixed(2)).join(' ');
    const run = {
      date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      node: process.version,
      load: `${fmt(loadBefore)} at the start, ${fmt(loadavg())} at the end`,
      cores: availableParallelism(),
      passed: code === 0,
    };
    for (const f of figures) out.write(`\n== ${f.title}\n${f.markdown.trim()}\n`);
    if (figures.length === 0) out.write('\nNo soak variant recorded figures.\n');
    await writeFile(doc, mergeFigures(await readFile(doc, 'utf8'), figures, run));
    out.write(
      `\n${figures.length} figure set(s) written to ${doc}; the soak run ${run.passed ? 'passed' : `failed (exit ${code})`}.\n`,
    );
    return code;
  } finally {
    await rm(figuresDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runSoak({ args: process.argv.slice(2) }).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`The soak run could not finish: ${error.message}\n`);
      process.exit(1);
    },
  );
}

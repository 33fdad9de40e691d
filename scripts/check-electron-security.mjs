// Runs @doyensec/electronegativity over the app's sources and fails on every HIGH or MEDIUM finding that the
// committed allow-list (security/electronegativity-allow.json) does not name with a reason. Part of `npm test`.
//
// Why the sources and not out/: both give the same findings (the CSP is in renderer/index.html, which Vite copies as
// it is), but in the sources a finding names the file and line to fix, and no build is needed first.
// Why its API and not its CLI: the CLI exits 0 whatever it finds, and with -o it drops the files it failed to parse
// without a word, which would pass a file it never read. The API returns the findings and the parse errors.
//
// Usage: node scripts/check-electron-security.mjs [--root DIR] [--allow FILE]
import { cp, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

export const SOURCE_DIRS = ['main', 'preload', 'renderer'];
export const FAILING_SEVERITIES = ['HIGH', 'MEDIUM'];
export const ALLOW_LIST = 'security/electronegativity-allow.json';

/**
 * electronegativity fetches updated translations of its messages from the network before every scan, and prints
 * "Could not retrieve updated translations for the current locale" where it cannot (CI, no network): a request the
 * check has no use for (its English messages ship with it), up to a few seconds offline, and a line of noise in a
 * passing `npm test`. Its translation step is put in place before its runner loads it: the same set-up (its own
 * messages, registered as the globals its checks call), without the fetch.
 */
function withoutTranslationFetch() {
  const path = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  if (require.cache[path]) return;
  const i18n = createRequire(path)('i18n');
  const step = new Module(path);
  step.filename = path;
  step.loaded = true;
  step.exports = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(path),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[path] = step;
}

/**
 * The findings for the app in `root`: its source folders and package.json (from which electronegativity reads the
 * Electron version its checks assume), copied to a temp folder so that nothing else (tests, node_modules, scripts)
 * is scanned. Throws when a file could not be parsed.
 */
export async function scan(root) {
  const staged = await mkdtemp(join(tmpdir(), 'splits-electronegativity-'));
  try {
    for (const dir of SOURCE_DIRS) {
      const from = join(root, dir);
      if (!(await stat(from).catch(() => null))?.isDirectory()) continue;
      await cp(from, join(staged, dir), { recursive: true, filter: (path) => basename(path) !== 'node_modules' });
    }
    await copyFile(join(root, 'package.json'), join(staged, 'package.json'));
    withoutTranslationFetch();
    const run = require('@doyensec/electronegativity');
    const result = await run({
      input: staged,
      isRelative: true,
      customScan: [],
      // The one check that needs the network (Electron's release list).
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      parserPlugins: [],
    });
    const unreadable = result.errors.filter((e) => !e.tolerable);
    if (unreadable.length > 0) {
      const files = unreadable
        .map((e) => `  ${e.file.replace(staged, '').replace(/^[/\\]/, '')}: ${e.message}`)
        .join('\n');
      throw new Error(`electronegativity could not parse these files, so it checked nothing in them:\n${files}`);
    }
    return result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      // Global checks (a missing handler anywhere in the app) have no file: electronegativity says N/A.
      file: issue.file && issue.file !== 'N/A' ? issue.file.split('\\').join('/') : 'N/A',
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      sample: typeof issue.sample === 'string' ? issue.sample.trim() : null,
      description: issue.description,
      url: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
    }));
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

/** The allow-list's entries, each checked: a check id, a file, a reason, and optionally the flagged line. */
export async function readAllowList(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const entries = JSON.parse(text).allow;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected { "allow": [ ... ] }`);
  entries.forEach((entry, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '')
        throw new Error(`${file}: entry ${i} needs a "${key}"`);
    }
    if (entry.sample !== undefined && typeof entry.sample !== 'string')
      throw new Error(`${file}: entry ${i}: "sample" is the flagged line, a string`);
  });
  return entries;
}

/** Whether `entry` allows `finding`: same check and file, and the same flagged line when the entry names one. */
export function allows(entry, finding) {
  return (
    entry.check === finding.check &&
    entry.file === finding.file &&
    (entry.sample === undefined || entry.sample === finding.sample)
  );
}

/** Splits the findings into those that fail the check, those allowed, and the rest (LOW, INFORMATIONAL). */
export function judge(findings, allowList) {
  const failing = [];
  const allowed = [];
  const minor = [];
  for (const finding of findings) {
    if (!FAILING_SEVERITIES.includes(finding.severity)) minor.push(finding);
    else if (allowList.some((entry) => allows(entry, finding))) allowed.push(finding);
    else failing.push(finding);
  }
  const stale = allowList.filter((entry) => !findings.some((finding) => allows(entry, finding)));
  return { failing, allowed, minor, stale };
}

const where = (f) => (f.file === 'N/A' ? 'the whole app (a global check)' : `${f.file}:${f.line}:${f.column}`);

/** The report: what fails, exactly what to fix or list, and notes. */
export function report({ failing, allowed, minor, stale }, allowListPath) {
  const lines = [];
  if (failing.length > 0) {
    lines.push(
      `electronegativity: ${failing.length} HIGH or MEDIUM finding(s) to fix, or, if one is a false positive here, to list in ${allowListPath} with the reason:`,
    );
    for (const f of failing) {
      lines.push('', `  ${f.severity} ${f.check} (${f.confidence}) in ${where(f)}`);
      if (f.sample) lines.push(`    ${f.sample}`);
      lines.push(`    ${f.description}`, `    ${f.url}`);
      const entry = {
        check: f.check,
        file: f.file,
        ...(f.sample && f.file !== 'N/A' ? { sample: f.sample } : {}),
        reason: 'why this is not a problem here',
      };
      lines.push(`    allow-list entry: ${JSON.stringify(entry)}`);
    }
    lines.push('');
  }
  for (const entry of stale)
    lines.push(
      `electronegativity: note: ${allowListPath} allows ${entry.check} in ${entry.file}, which is no longer reported: remove the entry`,
    );
  for (const f of minor)
    lines.push(`electronegativity: note: ${f.severity} ${f.check} in ${where(f)}: ${f.description}`);
  lines.push(
    `electronegativity: ${failing.length} failing, ${allowed.length} allowed with a reason, ${minor.length} low or informational`,
  );
  return lines.join('\n');
}

/** Runs the check; resolves to the exit code. */
export async function main(argv = process.argv.slice(2)) {
  const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const root = option('--root', projectRoot);
  const allowListPath = option('--allow', join(root, ALLOW_LIST));
  const verdict = judge(await scan(root), await readAllowList(allowListPath));
  const text = report(verdict, relative(process.cwd(), allowListPath) || allowListPath);
  if (verdict.failing.length > 0) console.error(text);
  else console.log(text);
  return verdict.failing.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`electronegativity: ${error.message}`);
      process.exit(2);
    },
  );
}

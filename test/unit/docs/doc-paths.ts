// The repository paths a document names, and which of them are not in the tree: a doc that sends a reader to a file
// that moved is worse than one that names none.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The project's own top folders: a backticked path that starts with one names a file or folder of the tree. */
const PROJECT_ROOTS = [
  '.ci',
  'assets',
  'bin',
  'build',
  'common',
  'docs',
  'main',
  'preload',
  'renderer',
  'scripts',
  'security',
  'test',
];

/** Made by a build or an install, never committed: the docs name them, but a fresh tree does not have them. */
const GENERATED_ROOTS = ['out', 'dist', 'node_modules', 'coverage'];

/**
 * A bare or partial name with one of these endings is a file of the project (`page-committer.ts`, `electron/tray.ts`).
 * Data-folder files (`sync-state.json`, `<year>.json`, `sync.lock`) and exports (`.gpx`, `.csv`) are not.
 */
const SOURCE_ENDING = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html|svg|yml|yaml|md)$/;

/** One name a document gives that is not in the tree. */
export interface MissingPath {
  doc: string;
  path: string;
}

/** Every file and folder under `root` ('/' separated, folders with a trailing '/'), the generated ones left out. */
function treeEntries(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (prefix === '' && (entry.name === '.git' || GENERATED_ROOTS.includes(entry.name))) continue;
      const path = prefix + entry.name;
      if (entry.isDirectory()) {
        out.push(`${path}/`);
        walk(join(dir, entry.name), `${path}/`);
      } else {
        out.push(path);
      }
    }
  };
  walk(root, '');
  return out;
}

/** The inline code spans of a markdown text, fenced blocks left out (they hold commands, not names). */
export function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** The local targets of markdown links and images (not web addresses, not anchors of the page itself). */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
}

/** The anchors of a markdown text's headings, as GitHub makes them: lower case, punctuation dropped, spaces as '-'. */
function headingAnchors(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => m[1]!);
  return new Set(
    headings.map((h) =>
      h
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

/** A path pattern as a regular expression: `<name>` is any one segment, `**` any folders, `*` any part of a segment. */
function patternOf(path: string): RegExp {
  const source = path
    .split(/(<[^>]+>|\*\*\/|\*)/)
    .map((part) => {
      if (part.startsWith('<')) return '[^/]+';
      if (part === '**/') return '(?:[^/]+/)*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** The installed packages' folders, for a name that is a dependency's file (`electron.d.ts`). */
function packageFolders(root: string): string[] {
  const modules = join(root, 'node_modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules).flatMap((name) =>
    name.startsWith('@')
      ? readdirSync(join(modules, name)).map((inner) => join(modules, name, inner))
      : [join(modules, name)],
  );
}

/**
 * Whether a name from a document is in the tree. A path from one of the project's top folders must be there as it is
 * written (a placeholder like `<state>` matching any one name); a bare or partial file name (`tray.ts`,
 * `electron/tray.ts`) must end the path of some file, or be the file of an installed package. Anything else (a data
 * folder's file, a URL, a command, an address on Strava) is not a repository path and is not judged.
 */
function exists(path: string, entries: string[], packages: () => string[]): boolean | null {
  if (/\s/.test(path) || path.includes('://') || /^[~/]/.test(path) || path.startsWith('..')) return null;
  const first = path.split('/')[0]!;
  if (GENERATED_ROOTS.includes(first)) return null;
  if (path.includes('/') && PROJECT_ROOTS.includes(first)) {
    const pattern = patternOf(path);
    return entries.some((entry) => pattern.test(entry));
  }
  if (!SOURCE_ENDING.test(path) || /[<*]/.test(path) || /^\.[^./]+$/.test(path)) return null;
  if (entries.some((entry) => entry === path || entry.endsWith(`/${path}`))) return true;
  return packages().some((folder) => existsSync(join(folder, path)));
}

/** Every backticked path and every link target of README.md and docs/*.md that is not in the tree under `root`. */
export function missingDocPaths(root: string): MissingPath[] {
  const entries = treeEntries(root);
  let packages: string[] | undefined;
  const packagesOnce = () => (packages ??= packageFolders(root));
  const docs = entries.filter((e) => e === 'README.md' || /^docs\/[^/]+\.md$/.test(e)).sort();
  const missing: MissingPath[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const span of new Set(codeSpans(text))) {
      if (exists(span, entries, packagesOnce) === false) missing.push({ doc, path: span });
    }
    for (const target of new Set(linkTargets(text))) {
      // A link to a section names a heading of that document too: sections move between documents as files do.
      const [file = '', anchor] = target.split('#');
      const path = join(root, posix.normalize(posix.join(posix.dirname(doc), decodeURI(file))));
      const found =
        existsSync(path) && (anchor === undefined || headingAnchors(readFileSync(path, 'utf8')).has(anchor));
      if (!found) missing.push({ doc, path: target });
    }
  }
  return missing;
}

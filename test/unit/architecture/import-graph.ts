// The import graph of the app's own TypeScript files, read from their import statements, and what breaks its floors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** A floor: the files whose path is one of `paths` or starts with one ending in '/'. */
export interface Floor {
  name: string;
  paths: string[];
}

/** Each file (relative to the root, '/' separated) and the files of the graph it imports. */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.tsx?$/;

function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push(relative(root, path).split(sep).join('/'));
    }
  };
  if (existsSync(join(root, folder))) walk(join(root, folder));
  return out;
}

/** The file a relative specifier names (extensionless, or a folder's index), or null for a package. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split(sep).join('/');
  }
  return null;
}

/**
 * Reads every .ts and .tsx file under `folders`: imports, `import type`, re-exports and dynamic imports all count (a
 * type imported in a loop ties two files together as much as a value does). Imports of other folders are left out.
 */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
  const files = folders.flatMap((folder) => sourceFiles(root, folder));
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => resolveImport(root, file, i.fileName))
      .filter((t): t is string => t !== null && known.has(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The index of the floor a file stands on, or -1 when it stands on none. */
export function floorOf(floors: Floor[], file: string): number {
  return floors.findIndex((floor) => floor.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

/** Every import that runs up from a lower floor to a higher one, as 'importer -> imported'. */
export function importsUp(graph: ImportGraph, floors: Floor[]): string[] {
  const up: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) if (floorOf(floors, file) < floorOf(floors, target)) up.push(`${file} -> ${target}`);
  }
  return up.sort();
}

/** The groups of files that import each other in a loop (strongly connected components of two or more, or a file importing itself), each sorted. */
export function importLoops(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)!.includes(file)) loops.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return loops.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

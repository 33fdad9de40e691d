// The import graph of the app's own TypeScript files, read from their import statements, and what breaks its floors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * A floor: the files whose path is one of `paths` or starts with one ending in '/'. A file belongs to the most specific
 * path that holds it, so a folder can stand a floor above the folder around it (main/desktop/electron/ over
 * main/desktop/). Each path is a room.
 */
export interface Floor {
  name: string;
  paths: string[];
  /** Its rooms import nothing of each other (the CLI and the desktop app are two doors, neither built on the other). */
  apart?: boolean;
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

const holds = (path: string, file: string) => (path.endsWith('/') ? file.startsWith(path) : file === path);

/** The room (the most specific path of any floor) a file is in, and its floor's index; floor -1 when on none. */
function placeOf(floors: Floor[], file: string): { floor: number; room: string } {
  let place = { floor: -1, room: '' };
  floors.forEach((floor, index) => {
    for (const path of floor.paths)
      if (holds(path, file) && path.length > place.room.length) place = { floor: index, room: path };
  });
  return place;
}

/** The index of the floor a file stands on, or -1 when it stands on none. */
export function floorOf(floors: Floor[], file: string): number {
  return placeOf(floors, file).floor;
}

/** Every import that runs up from a lower floor to a higher one, as 'importer -> imported'. */
export function importsUp(graph: ImportGraph, floors: Floor[]): string[] {
  const up: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) if (floorOf(floors, file) < floorOf(floors, target)) up.push(`${file} -> ${target}`);
  }
  return up.sort();
}

/** Every import from one room of an `apart` floor into another room of it, as 'importer -> imported'. */
export function importsAcross(graph: ImportGraph, floors: Floor[]): string[] {
  const across: string[] = [];
  for (const [file, targets] of graph) {
    const from = placeOf(floors, file);
    if (from.floor < 0 || !floors[from.floor]!.apart) continue;
    for (const target of targets) {
      const to = placeOf(floors, target);
      if (to.floor === from.floor && to.room !== from.room) across.push(`${file} -> ${target}`);
    }
  }
  return across.sort();
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

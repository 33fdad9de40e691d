// Which environment a test file runs in, read as vitest reads it, and a list of files grouped by it: for the order
// the files run in (test/support/environment-sequencer.ts). Kept apart from the sequencer so that its test does not
// load vitest's node API.

/** vitest's own reading: the first `@vitest-environment` (or `@jest-environment`) anywhere in the file. */
const DOCBLOCK = /@(?:vitest|jest)-environment\s+([\w-]+)\b/;

/** The environment a test file's source asks for, or `fallback` (the project's) when it asks for none. */
export function fileEnvironment(source: string, fallback: string): string {
  return DOCBLOCK.exec(source)?.[1] ?? fallback;
}

/** `files` in their order, grouped by environment: each group where its first file was. */
export function groupByEnvironment<T>(files: readonly T[], environmentOf: (file: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const file of files) {
    const environment = environmentOf(file);
    const group = groups.get(environment) ?? [];
    group.push(file);
    groups.set(environment, group);
  }
  return [...groups.values()].flat();
}

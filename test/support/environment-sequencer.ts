// The order vitest runs the test files in: its own (files that failed last time first, then the longest last time, or
// the largest when it has no record), with every file of one environment (`@vitest-environment jsdom` at its top, node
// otherwise) kept together, node first.
//
// Why: with `isolate: false` (vitest.config.ts) a worker goes on to the next file only when that file runs in the same
// environment; otherwise vitest ends the worker and starts a new one, which imports the store, the engine, React and
// the window's code all over again. In vitest's own order the 36 jsdom files fell between the others, and a run spent
// about a fifth of its CPU starting and filling such workers.
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The environment a test file asks for in its docblock, as vitest reads it; node when it asks for none. */
export function fileEnvironment(source: string): string {
  return /@vitest-environment\s+([\w-]+)/.exec(source)?.[1] ?? 'node';
}

/** `files` in their order, grouped by environment: each group where its first file was, node's first of all. */
export function groupByEnvironment<T>(files: readonly T[], environmentOf: (file: T) => string): T[] {
  const groups = new Map<string, T[]>([['node', []]]);
  for (const file of files) {
    const environment = environmentOf(file);
    const group = groups.get(environment) ?? [];
    group.push(file);
    groups.set(environment, group);
  }
  return [...groups.values()].flat();
}

export class EnvironmentSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    // Only the opening comment matters; a file that cannot be read is left for vitest to report, where it sorted it.
    const environmentOf = (spec: TestSpecification): string => {
      try {
        return fileEnvironment(readFileSync(spec.moduleId, 'utf8').slice(0, 4096));
      } catch {
        return 'node';
      }
    };
    return groupByEnvironment(ordered, environmentOf);
  }
}

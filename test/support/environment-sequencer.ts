// The order vitest runs the test files in: its own (files that failed last time first, then the longest last time, or
// the largest when it has no record), with the files of one environment (`@vitest-environment jsdom`, or the
// project's, node) kept together, each group where its first file was.
//
// Why: with `isolate: false` (vitest.config.ts) a worker goes on to the next file only when that file runs in the same
// environment; otherwise vitest ends the worker and starts another, which imports the store, the engine, React and the
// window's code all over again. In vitest's own order the jsdom files fell between the others, and a run spent about a
// fifth of its CPU starting and filling such workers.
//
// A custom sequencer replaces vitest's shuffling one: `--sequence.shuffle` does not shuffle with it.
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileEnvironment, groupByEnvironment } from './test-environments.ts';

export class EnvironmentSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const environmentOf = (spec: TestSpecification): string => {
      const fallback = spec.project.config.environment;
      try {
        return fileEnvironment(readFileSync(spec.moduleId, 'utf8'), fallback);
      } catch {
        return fallback; // a file that cannot be read is vitest's to report, where it sorted it
      }
    };
    return groupByEnvironment(ordered, environmentOf);
  }
}

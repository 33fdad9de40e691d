// vitest globalSetup: names this test run, so that the desktop harness builds out/ (main, preload, renderer) once per
// run, lazily, the first time a test boots the app (test/support/electron-standin/build.ts). Runs that boot nothing
// pay nothing.
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    desktopBuildRun: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('desktopBuildRun', randomUUID());
}

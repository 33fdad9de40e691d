// vitest globalSetup: names this test run, so that the desktop harness builds out/ (main, preload, renderer) once per
// run, lazily, the first time a test boots the app (test/support/electron-standin/build.ts). Runs that boot nothing
// pay nothing. A vitest that a test starts inside a run (test/integration/browser/without-chromium.test.ts) is given
// the outer run's name in SPLITS_TEST_DESKTOP_BUILD_RUN: with a name of its own it built out/ again, rewriting
// out/renderer under the browser tests of the outer run that were serving it.
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    desktopBuildRun: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('desktopBuildRun', process.env.SPLITS_TEST_DESKTOP_BUILD_RUN || randomUUID());
}

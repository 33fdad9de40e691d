// vitest globalSetup: one temporary folder for the whole run, removed when the run ends. Vitest ends its workers
// without their 'exit' event, so what a worker made for its own life (the CLI's link on PATH, test/support/cli.ts)
// and removed on exit was left behind in the temp folder, a dozen folders a run. Named to the workers through the
// environment, which they inherit (vitest's inject is not there in the plain processes that import test/support/cli).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_TEMP_DIR = 'SPLITS_TEST_RUN_DIR';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'splits-test-run-'));
  process.env[RUN_TEMP_DIR] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

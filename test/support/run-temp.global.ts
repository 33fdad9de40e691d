// vitest globalSetup: one temporary folder for the whole run, removed when the run ends, for the folders a test process
// makes for its life (run-folder.ts). Named to the workers through the environment, which they inherit (vitest's
// inject is not there in the plain processes that import test/support/cli).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_TEMP_DIR } from './run-folder';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'splits-test-run-'));
  // Others may pass through it, not list it: a test runs a child as another user from a bundle kept here
  // (store-process.ts), in a folder of its own that it opens to them.
  chmodSync(dir, 0o711);
  process.env[RUN_TEMP_DIR] = dir;
  return () => {
    // Retried, and never a failure of the run: a Chromium orphaned by a killed worker may still be writing its own
    // temporary files here (shared-chromium.ts) as the folder goes.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch (error) {
      process.stderr.write(`the run's temporary folder ${dir} was not removed: ${String(error)}\n`);
    }
  };
}

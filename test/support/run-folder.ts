// A folder a test process makes for its whole life (the CLI's link on PATH), inside the run's
// own temporary folder (run-temp.global.ts), which is removed when the run ends. Vitest ends its workers without their
// 'exit' event, so a folder removed on exit was left behind, a dozen a run. Outside a vitest run, removed on exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable the run's global setup names its folder in; the workers inherit it. */
export const RUN_TEMP_DIR = 'SPLITS_TEST_RUN_DIR';

export function folderForProcess(prefix: string): string {
  const runDir = process.env[RUN_TEMP_DIR] || undefined;
  const folder = mkdtempSync(join(runDir ?? tmpdir(), prefix));
  if (runDir === undefined) process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

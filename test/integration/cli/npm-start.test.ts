import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../../support/cli';

describe("npm start without Electron's binary", () => {
  const temps: string[] = [];
  afterEach(async () => {
    for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
  });

  it('says the download failed, why, and that the CLI and the demo work without it', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'splits-electron-cache-'));
    temps.push(cache);
    // A mirror nobody answers on, an empty download cache, and (where this machine has the binary) a dist without it.
    const env = {
      ...process.env,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      ELECTRON_CACHE: cache,
      ELECTRON_OVERRIDE_DIST_PATH: cache,
    };
    const result = await promisify(execFile)(process.execPath, ['scripts/start.mjs'], { cwd: root, env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Splits cannot start its window: Electron's binary could not be downloaded\.\n {2}Why: .+\n {2}From: ELECTRON_MIRROR=http:\/\/127\.0\.0\.1:9\//,
    );
    expect(result.stderr).toMatch(/set ELECTRON_MIRROR to a mirror you can reach/);
    expect(result.stderr).toMatch(/the command line: npm run --silent splits -- help/);
    expect(result.stderr).toMatch(/npm run demo/);
    expect(result.stderr).not.toMatch(/reinstall|npm rebuild/i);
  }, 60_000);
});

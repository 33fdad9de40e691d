import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundledChild } from '../../support/bundled-child';
import { useTempDirs } from '../../support/temp-dirs';

const CHILD = fileURLToPath(new URL('../../support/idle-packages-child.ts', import.meta.url));
/** What only an archive import reads (zip, CSV, GPX/TCX, FIT) and only an export writes (CSV, routes). */
const IMPORT_PACKAGES = ['yauzl', 'csv-parse', 'saxes', '@garmin/fitsdk'];
const EXPORT_PACKAGES = ['csv-stringify', '@mapbox/polyline'];

describe('the tray app idle (issue 20, item 14)', () => {
  const tempDir = useTempDirs('splits-idle-packages-');

  it('holds no archive parser or export writer until the person asks for an import or an export', async () => {
    const [dataDir, exportDir] = [await tempDir(), await tempDir()];
    // A process of its own: what a module loads stays loaded, and this test's process has loaded everything.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [await bundledChild(CHILD), dataDir, exportDir, ...IMPORT_PACKAGES, ...EXPORT_PACKAGES],
      { timeout: 60_000 },
    );
    const seen = JSON.parse(stdout.trim().split('\n').pop()!) as {
      idle: string[];
      exported: boolean;
      afterExport: string[];
    };
    expect(seen.idle).toEqual([]);
    // Asked for, the export loads its writers and writes.
    expect(seen.exported).toBe(true);
    expect(seen.afterExport).toEqual(expect.arrayContaining(['csv-stringify']));
    expect(await readdir(exportDir)).not.toEqual([]);
  });
});

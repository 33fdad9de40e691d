import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYearFileName } from './year-files';

/**
 * The athletes whose activities are stored in the data folder (`activities/<id>/` holding a year file), connected or
 * not: a logout keeps the activities unless asked, and they stay readable until `forget`. A stray file named like an
 * athlete, or a folder left empty (a delete that stopped halfway), is no athlete: taken for one, it would fail every
 * query, or show an athlete with nothing.
 */
export async function storedAthletes(dataDir: string): Promise<number[]> {
  const root = join(dataDir, 'activities');
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const ids = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && /^[1-9]\d*$/.test(e.name))
      .map(async (e) =>
        (await readdir(join(root, e.name)).catch(() => [] as string[])).some((name) => parseYearFileName(name) !== null)
          ? Number(e.name)
          : null,
      ),
  );
  return ids.filter((id): id is number => id !== null && Number.isSafeInteger(id)).sort((a, b) => a - b);
}

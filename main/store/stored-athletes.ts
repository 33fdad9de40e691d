import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The athletes whose activities are stored in the data folder (`activities/<id>/`), connected or not: a logout keeps
 * the activities unless asked, and they stay readable until `forget`.
 */
export async function storedAthletes(dataDir: string): Promise<number[]> {
  const names = await readdir(join(dataDir, 'activities')).catch(() => [] as string[]);
  return names.filter((n) => /^[1-9]\d*$/.test(n)).map(Number).sort((a, b) => a - b);
}

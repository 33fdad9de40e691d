// What the demo printed and stored, read back by the browser tests as their truth: its athletes from its output, an
// athlete's activities from the year files in its data folder (not through main's code).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The demo's athletes as it printed them: id, name, how many it stored. */
export function demoAthletes(output: string): Array<{ id: number; name: string; stored: number }> {
  return [
    ...output.matchAll(/Athlete (\d+) \(([^)]+)\): \d+ activities on the simulator, \d+ listed, (\d+) stored/g),
  ].map((m) => ({ id: Number(m[1]), name: m[2]!, stored: Number(m[3]) }));
}

/** An athlete's stored activities, from their year files (not the details files) in the data folder. */
export async function storedActivities<T>(dataDir: string, athleteId: number): Promise<T[]> {
  const dir = join(dataDir, 'activities', String(athleteId));
  const years = (await readdir(dir)).filter((name) => /^\d{4}\.json$/.test(name));
  const files = await Promise.all(
    years.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as { activities: Record<string, T> }),
  );
  return files.flatMap((f) => Object.values(f.activities));
}

// What the archive tests share: a store synced from the simulator, and a fingerprint of the data folder's files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SplitsServices } from '../../../main/services';
import type { World } from '../../support/splits';
import type { SimActivity } from '../../strava-sim';

/** Every file under the data folder with its bytes and mtime, to prove what an import did or did not touch. */
export async function folderFingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!p.includes('sync.lock'))
        out.set(p.slice(dir.length), `${(await stat(p)).mtimeMs}:${(await readFile(p)).toString('base64')}`);
    }
  };
  await walk(dir);
  return out;
}

/** Athlete 1001 with `count` activities on the simulator, synced without details (what a new user has on day one). */
export async function syncedWorld(
  world: (o?: object) => Promise<World>,
  count: number,
): Promise<{ w: World; splits: SplitsServices; seeded: SimActivity[] }> {
  const w = await world();
  const seeded = w.sim.seedActivities(1001, count, { listHiddenShare: 0, privateShare: 0 });
  const splits = await w.openConnected();
  const report = await splits.engine.sync({ trigger: 'cli', details: false });
  if (report.results[0]?.status !== 'ok')
    throw new Error(`the first sync failed: ${JSON.stringify(report.results[0]?.error)}`);
  return { w, splits, seeded };
}

export const detailRequests = (w: World) => w.sim.apiRequests(/^\/api\/v3\/activities\/\d+$/).length;

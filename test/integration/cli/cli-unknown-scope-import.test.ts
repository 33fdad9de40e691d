// After `login --refresh-token -` Splits does not know whether private activities were granted: an import says so in
// one sentence, and the next full scan does what it said.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isArchiveOnly } from '../../../main/store/archive-marks';
import { importSummarySchema } from '../../../preload/payloads';
import { importWords } from '../../../renderer/src/features/archive/import-words';
import { systemClock } from '../../strava-sim';
import { fromSimulator, writeArchive, type ArchiveActivity } from '../../support/archive-fixture';
import { runCli, startCli, waitForAuthorizeUrl } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 90_000;

describe('an archive imported while the scope is unknown', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-unknown-scope-');

  it(
    'says one thing, the full scan keeps what Strava does not list, and a browser login with the box ticked then lets a full scan remove it',
    async () => {
      const w = await world({ clock: systemClock as never });
      const seeded = w.sim.seedActivities(1001, 6, { listHiddenShare: 0, privateShare: 0 });
      const token = w.sim.grantTokens(1001).refresh_token;
      const login = await runCli(['login', '--refresh-token', '-', '--json'], w.env, { stdin: `${token}\n` });
      expect(login.code).toBe(0);
      expect(JSON.parse(login.stdout)).toMatchObject({ athleteId: 1001, scope: '' });
      expect((await runCli(['sync', '--no-details', '--no-tracks'], w.env)).code).toBe(0);

      // On Strava, older than the quick pass looks: only the archive and a full scan know it.
      const late = w.sim.addActivity(1001, { start: seeded.at(-1)!.start - 40 * 86_400, name: 'Late upload' });
      // Deleted on Strava since the archive was made.
      const ghost: ArchiveActivity = { ...fromSimulator([late])[0]!, id: 9_300_001, name: 'Deleted since' };
      const zip = join(await temp(), 'export.zip');
      await writeArchive(zip, { activities: [...fromSimulator([...seeded, late]), ghost], athleteId: 1001 });

      const imported = await runCli(['import', zip], w.env);
      expect(imported.code).toBe(0);
      const said = imported.stdout.split('\n').filter((l) => /only the archive has/.test(l));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(
        /^ {2}2 activities only the archive has, added: Splits does not know whether it may see your private activities \(a login with a refresh token does not say\), so the next sync confirms those Strava lists and keeps the others, as they may be private \(it scans the whole history: `splits sync`\); to have those checked too, log in through the browser \(`splits login`, or `splits login --no-browser` on a machine without one\) with "View data about your private activities" ticked, then run `splits sync --full`\.$/,
      );
      expect(imported.stdout).not.toMatch(/confirms or removes|cannot be checked/);
      // The window says the same of the same summary (importing again changes nothing).
      const window = importWords(
        importSummarySchema.parse(JSON.parse((await runCli(['import', zip, '--json'], w.env)).stdout)),
      );
      expect(window.join('\n')).toMatch(
        /2 activities only the archive has are kept even where Strava does not list them: Splits does not know whether it may see your private activities/,
      );
      expect(window.join('\n')).not.toMatch(/cannot be checked/);

      // The full scan the import made due: the late upload confirmed, the ghost kept, nothing removed.
      const scan = await runCli(['sync', '--json', '--no-details', '--no-tracks'], w.env);
      expect(scan.code).toBe(0);
      expect(JSON.parse(scan.stdout)).toMatchObject({ mode: 'full', fullScanComplete: true, deletedCount: 0 });
      let activities = await (await w.open()).store.activities(1001);
      expect(isArchiveOnly(activities.get(late.id))).toBe(false);
      expect(isArchiveOnly(activities.get(ghost.id))).toBe(true);
      expect(activities.count).toBe(8);

      // What the summary advised: the browser login (here on another device, its address pasted back), then --full.
      const again = startCli(['login', '--no-browser', '--json'], w.env, { stdin: 'open' });
      const redirect = (await fetch(await waitForAuthorizeUrl(again), { redirect: 'manual' })).headers.get('location')!;
      again.child.stdin!.write(`${redirect}\n`);
      expect(await again.exit).toBe(0);
      expect(JSON.parse(again.stdout())).toMatchObject({ scope: 'read,activity:read_all' });
      const full = await runCli(['sync', '--full', '--json', '--no-details', '--no-tracks'], w.env);
      expect(JSON.parse(full.stdout)).toMatchObject({ mode: 'full', fullScanComplete: true, deletedCount: 1 });
      activities = await (await w.open()).store.activities(1001);
      expect(activities.get(ghost.id)).toBeUndefined();
      expect(activities.count).toBe(7);
    },
    LONG,
  );
});

// The track backfill in real `splits sync` processes against the simulator: on by default, nothing asked with
// --no-tracks, and a process killed with SIGKILL while it writes a track leaves no half track behind.
import { watch } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readTrack, tracksFolder } from '../../../main/archive/track';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { useWorld, type World } from '../../support/splits';

const ATHLETE = 1001;
const STREAMS = /^\/api\/v3\/activities\/\d+\/streams$/;

describe('tracks from `splits sync`', () => {
  const world = useWorld();

  async function cliWorld(count: number, samples: number): Promise<World> {
    const w = await world({ clock: systemClock as never });
    w.sim.maxStreamSamples = samples;
    for (const a of w.sim.seedActivities(ATHLETE, count, { listHiddenShare: 0 }))
      w.sim.editActivity(a.id, { manual: false });
    const login = await runCli(['login', '--refresh-token', w.sim.grantTokens(ATHLETE).refresh_token], w.env);
    expect(login.code, login.stderr).toBe(0);
    return w;
  }

  it('fetches tracks by default, and asks for no streams with --no-tracks', async () => {
    const w = await cliWorld(4, 100);
    const without = await runCli(['sync', '--json', '--no-tracks'], w.env);
    expect(without.code, without.stderr).toBe(0);
    expect(JSON.parse(without.stdout)).toMatchObject({ status: 'ok', detailsFetched: 4, tracksFetched: 0 });
    expect(w.sim.apiRequests(STREAMS)).toEqual([]);

    const withTracks = await runCli(['sync'], w.env);
    expect(withTracks.code, withTracks.stderr).toBe(0);
    expect(withTracks.stdout).toMatch(/tracks: 4 fetched, 0 to go/);
    expect(w.sim.apiRequests(STREAMS)).toHaveLength(4);
    expect(await readTrack(w.dataDir, ATHLETE, w.sim.activitiesOf(ATHLETE)[0]!.id)).toMatchObject({ source: 'api' });
  });

  it('killed with SIGKILL while writing a track, leaves every stored track whole, and the next sync completes them', async () => {
    // Full-size streams (10,000 samples): a track's write takes long enough for a kill to land inside it.
    const w = await cliWorld(12, 10_000);
    const folder = tracksFolder(w.dataDir, ATHLETE);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    let killedMidWrite = 0;
    for (let attempt = 0; attempt < 8 && killedMidWrite === 0; attempt++) {
      const run = startCli(['sync', '--json', '--no-details'], w.env);
      // Killed the moment a track's file appears, under a temp name or its own: its write has begun.
      const watcher = watch(folder, (_, name) => {
        if (name && !name.includes('view') && /\.tmp$|^\d+\.json\.gz$/.test(name)) run.child.kill('SIGKILL');
      });
      const code = await run.exit;
      watcher.close();
      if (code === 0) break; // Every track was written before a kill landed: nothing left to try it on.
      expect(run.child.signalCode).toBe('SIGKILL');
      const names = await readdir(folder);
      if (names.some((n) => n.endsWith('.tmp') && !n.includes('view'))) killedMidWrite++;
      // Whatever the moment, a track under its own name is whole.
      for (const name of names.filter((n) => /^\d+\.json\.gz$/.test(n)))
        await expect(readTrack(w.dataDir, ATHLETE, Number(name.split('.')[0]))).resolves.toMatchObject({
          source: 'api',
        });
    }
    expect(killedMidWrite).toBe(1);

    const last = await runCli(['sync', '--json', '--no-details'], w.env);
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ status: 'ok', tracksPending: 0 });
    const names = await readdir(folder);
    // The killed write's temp file is swept when the store opens.
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const tracks = names.filter((n) => /^\d+\.json\.gz$/.test(n));
    expect(tracks).toHaveLength(12);
    for (const name of tracks)
      expect(await readTrack(w.dataDir, ATHLETE, Number(name.split('.')[0]))).toMatchObject({ source: 'api' });
  }, 120_000);
});

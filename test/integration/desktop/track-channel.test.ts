import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { routeOf, TRACK_VIEW_POINTS, type TrackView } from '../../../common/track-view';
import { trackPath, tracksFolder, writeTrack, type Track } from '../../../main/archive/track';
import { trackViewFileName } from '../../../main/store/track-view-name';
import { openDesktop } from '../../support/desktop-core';
import { useWorld } from '../../support/splits';

describe('activities:track', () => {
  const world = useWorld();

  it('answers the view stored beside the track, null without one, and a plain error for a broken file', async () => {
    const w = await world();
    const [first, second, third] = w.sim.seedActivities(1001, 3);
    const app = await openDesktop(w, { vault: 'implicit' });
    await w.connect(app.services, 1001);
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);

    const track: Track = {
      version: 1,
      activityId: first!.id,
      source: 'fit',
      start: '2026-05-01T07:00:00Z',
      t: Array.from({ length: 3_000 }, (_, i) => i),
      lat: Array.from({ length: 3_000 }, (_, i) => 46 + i * 1e-5),
      lng: Array.from({ length: 3_000 }, () => 7),
      hr: Array.from({ length: 3_000 }, (_, i) => 100 + (i % 40)),
    };
    await writeTrack(w.dataDir, 1001, track, { fence: null });

    const answer = await app.invoke('activities:track', { athleteId: 1001, id: first!.id });
    expect(answer.ok).toBe(true);
    const view = answer.value as TrackView;
    expect(view).toMatchObject({ samples: 3_000, source: 'fit', durationS: 2_999 });
    expect(view.t!.length).toBeLessThanOrEqual(TRACK_VIEW_POINTS);
    expect(view.hr![0]).toBe(100);
    expect(routeOf(view)![0]).toEqual([46, 7]);
    // What it answers is the view stored beside the track: a value changed in the file is what comes back.
    const viewFile = join(tracksFolder(w.dataDir, 1001), trackViewFileName(first!.id));
    const stored = JSON.parse(gunzipSync(await readFile(viewFile)).toString('utf8')) as { view: TrackView };
    expect(stored.view).toEqual(view);
    stored.view.hr![0] = 61;
    await writeFile(viewFile, gzipSync(JSON.stringify(stored)));
    const again = await app.invoke('activities:track', { athleteId: 1001, id: first!.id });
    expect((again.value as TrackView).hr![0]).toBe(61);

    expect(await app.invoke('activities:track', { athleteId: 1001, id: second!.id })).toEqual({
      ok: true,
      value: null,
    });

    await writeFile(trackPath(w.dataDir, 1001, third!.id), 'not gzip');
    const broken = await app.invoke('activities:track', { athleteId: 1001, id: third!.id });
    expect(broken).toMatchObject({
      ok: false,
      error: { code: 'unreadable', message: expect.stringMatching(/import the archive again/) },
    });
    expect(broken.error!.message).not.toContain(w.dataDir);

    expect((await app.invoke('activities:track', { athleteId: 1001, id: '../../x' })).error?.code).toBe('bad-request');
    await app.close();
  });
});

import polyline from '@mapbox/polyline';
import { parse } from 'csv-parse/sync';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackPath } from '../../../main/archive/track';
import { exportActivities } from '../../../main/export/export-activities';
import { ExportError, type ExportProgress } from '../../../main/export/export-types';
import { isSafeFileName } from '../../../main/export/file-names';
import type { SummaryActivity } from '../../../main/strava/schemas';
import type { SimActivity } from '../../strava-sim/activities';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { exportWorld, type ExportWorld } from './export-world';
import { gpxParser as xml, type Gpx } from './gpx-reading';

const MILE = 1609.344;
const FOOT = 0.3048;
const PACED = ['Run', 'TrailRun', 'Walk', 'Hike'];

type Row = Record<string, string>;
const seconds = (hms: string) => hms.split(':').reduce((s, p) => s * 60 + Number(p), 0);
async function stored(x: ExportWorld): Promise<SummaryActivity[]> {
  return [...(await x.splits.store.activities(1001)).all()];
}

describe('exportActivities', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-export-');

  it('writes one CSV row per activity that matches the store, in metric and imperial, for a spreadsheet as it is', async () => {
    const x = await exportWorld(world, {
      edit: (seeded, w) => {
        w.sim.editActivity(seeded[0]!.id, { name: '=HYPERLINK("http://evil.example","click")' });
        w.sim.editActivity(seeded[1]!.id, { name: 'Crème brûlée, "quoted"\nsecond line' });
        w.sim.editActivity(seeded[2]!.id, { name: '-3+4', description: '@cmd|calc' });
        w.sim.editActivity(seeded[3]!.id, {
          name: "Ride;=cmd|' /C calc'!A0;",
          description: ' \n\uFF1DHYPERLINK("http://evil.example")',
        });
      },
    });
    const activities = await stored(x);
    const source = await x.splits.store.activities(1001);
    expect(activities.filter((a) => source.hasDetail(a.id)).length).toBeGreaterThan(20);
    for (const units of ['metric', 'imperial'] as const) {
      const out = await temp();
      const result = await exportActivities({ store: x.splits.store, format: 'csv', units, outDir: out, select: {} });
      expect(result).toMatchObject({
        format: 'csv',
        units,
        selected: 24,
        exported: 24,
        files: [join(out, 'activities.csv')],
        skipped: [],
        warnings: [],
      });
      const bytes = await readFile(join(out, 'activities.csv'));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 (accents) only with the BOM
      const text = bytes.toString('utf8');
      expect(text).toMatch(/^\uFEFF"Activity ID","Athlete ID",[^\n]*\r\n/);
      const rows = parse(bytes, { bom: true, columns: true }) as Row[];
      const d =
        units === 'metric'
          ? { dist: 'km', ele: 'm', pace: 'km', swim: '100 m', speed: 'km/h' }
          : { dist: 'mi', ele: 'ft', pace: 'mi', swim: '100 yd', speed: 'mph' };
      expect(Object.keys(rows[0]!)).toEqual([
        'Activity ID',
        'Athlete ID',
        'Start (local time)',
        'Start (UTC)',
        'Name',
        'Sport',
        `Distance (${d.dist})`,
        'Moving time (h:mm:ss)',
        'Elapsed time (h:mm:ss)',
        `Elevation gain (${d.ele})`,
        `Pace (h:mm:ss per ${d.pace})`,
        `Swim pace (h:mm:ss per ${d.swim})`,
        `Speed (${d.speed})`,
        'Average heart rate (bpm)',
        'Calories (kcal)',
        'Private',
        'Description',
        'Strava link',
      ]);
      expect(rows.map((r) => Number(r['Activity ID'])).sort()).toEqual(activities.map((a) => a.id).sort());
      for (const row of rows) {
        const a = activities.find((s) => s.id === Number(row['Activity ID']))!;
        const detail = await source.detail(a.id);
        const perUnit = units === 'metric' ? 1000 : MILE;
        expect(row['Athlete ID']).toBe('1001');
        expect(row['Start (local time)']).toBe(a.start_date_local!.slice(0, 19).replace('T', ' '));
        expect(row['Start (UTC)']).toBe(a.start_date.slice(0, 19).replace('T', ' '));
        expect(row['Sport']).toBe(a.sport_type);
        expect(Number(row[`Distance (${d.dist})`])).toBeCloseTo(a.distance! / perUnit, 2);
        expect(row[`Distance (${d.dist})`]).toMatch(/^\d+(\.\d{1,2})?$/); // no thousands separator, a dot for decimals
        expect(seconds(row['Moving time (h:mm:ss)']!)).toBe(a.moving_time);
        expect(row['Moving time (h:mm:ss)']).toMatch(/^\d+:\d{2}:\d{2}$/);
        expect(seconds(row['Elapsed time (h:mm:ss)']!)).toBe(a.elapsed_time);
        expect(Number(row[`Elevation gain (${d.ele})`])).toBe(
          Math.round(units === 'metric' ? a.total_elevation_gain! : a.total_elevation_gain! / FOOT),
        );
        const speed = a.average_speed ?? 0;
        const pace = row[`Pace (h:mm:ss per ${d.pace})`]!;
        const swim = row[`Swim pace (h:mm:ss per ${d.swim})`]!;
        const kmh = row[`Speed (${d.speed})`]!;
        if (speed <= 0) expect([pace, swim, kmh]).toEqual(['', '', '']);
        else if (PACED.includes(a.sport_type!)) {
          expect(seconds(pace)).toBe(Math.round(perUnit / speed));
          expect([swim, kmh]).toEqual(['', '']);
        } else if (a.sport_type === 'Swim') {
          expect(seconds(swim)).toBe(Math.round((units === 'metric' ? 100 : 91.44) / speed));
          expect([pace, kmh]).toEqual(['', '']);
        } else {
          expect(Number(kmh)).toBeCloseTo(speed * (units === 'metric' ? 3.6 : 2.236936), 1);
          expect([pace, swim]).toEqual(['', '']);
        }
        expect(row['Average heart rate (bpm)']).toBe(
          a.average_heartrate === undefined || a.average_heartrate === null ? '' : String(a.average_heartrate),
        );
        expect(row['Calories (kcal)']).toBe(
          detail?.calories === undefined || detail.calories === null ? '' : String(Math.round(detail.calories)),
        );
        expect(row['Private']).toBe(a.visibility === 'only_me' ? 'yes' : 'no');
        expect(row['Strava link']).toBe(`https://www.strava.com/activities/${a.id}`);
        // Names and descriptions nobody made hostile come back as typed.
        if (!x.seeded.slice(0, 4).some((e) => e.id === a.id)) {
          expect(row['Name']).toBe(a.name);
          expect(row['Description']).toBe(detail?.description ?? '');
        }
      }
      // The hostile ones, whole, each formula defused with an apostrophe where a spreadsheet could start a cell.
      const byId = new Map(rows.map((r) => [Number(r['Activity ID']), r]));
      expect(byId.get(x.seeded[0]!.id)!['Name']).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(byId.get(x.seeded[1]!.id)!['Name']).toBe('Crème brûlée, "quoted"\nsecond line');
      expect(byId.get(x.seeded[2]!.id)!['Name']).toBe(`'-3+4`);
      expect(byId.get(x.seeded[2]!.id)!['Description']).toBe(`'@cmd|calc`);
      expect(byId.get(x.seeded[3]!.id)!['Name']).toBe("Ride;'=cmd|' /C calc'!A0;");
      expect(byId.get(x.seeded[3]!.id)!['Description']).toBe(' \n\'\uFF1DHYPERLINK("http://evil.example")');
      // In the file itself: every text cell quoted, numbers bare; and a spreadsheet splitting on ; (German, French
      // or Dutch Excel), | or a tab finds no cell that starts a formula.
      const hostile = text.split('\r\n').find((line) => line.startsWith(`${x.seeded[3]!.id},1001,"`))!;
      expect(hostile).toContain(`,"Ride;'=cmd|' /C calc'!A0;","`);
      for (const field of text.split(/[;|\t]/).slice(1))
        expect(field.replace(/^[\s"]+/, ''), field).not.toMatch(/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/);
      expect((await stat(join(out, 'activities.csv'))).mode & 0o777).toBe(0o600);
    }
  });

  it('writes GPX from the stored track point by point, and from the polyline where there is none; no file for an activity without a route', async () => {
    const routed = (seeded: SimActivity[]) => seeded.filter((a) => a.route.length > 0);
    const x = await exportWorld(world, {
      edit: (seeded, w) => {
        w.sim.editActivity(routed(seeded)[2]!.id, { route: [], trainer: true });
        w.sim.editActivity(routed(seeded)[0]!.id, { name: 'Tom & Jerry <"run"> \u0001 🏃' });
      },
      withTracks: (seeded) => routed(seeded).slice(0, 2),
    });
    const out = await temp();
    const progress: ExportProgress[] = [];
    const result = await exportActivities({
      store: x.splits.store,
      format: 'gpx',
      outDir: out,
      select: {},
      onProgress: (p) => progress.push(p),
    });
    const activities = await stored(x);
    const routeless = activities.filter((a) => !a.map?.summary_polyline);
    const [tracked, , cut] = [...x.tracks.keys()]
      .map((id) => x.seeded.find((a) => a.id === id)!)
      .concat(x.seeded.filter((a) => a.trainer && a.route.length === 0));
    expect(routeless.map((a) => a.id)).toContain(cut!.id);
    expect(result).toMatchObject({
      selected: 24,
      exported: 24 - routeless.length,
      fromTrack: 2,
      fromPolyline: 22 - routeless.length,
      warnings: [],
    });
    expect(result.skipped.map((s) => [s.activityId, s.reason]).sort()).toEqual(
      routeless.map((a) => [a.id, 'no-route']).sort(),
    );
    expect(result.skipped[0]!.message).toMatch(
      /No GPX file for activity \d+: it has no recorded track and no route from Strava/,
    );
    expect(progress.at(-1)).toMatchObject({ done: 24, total: 24 });
    expect(progress.map((p) => p.done)).toEqual([...Array(25).keys()]);
    // Exactly the files reported, every one whole (no temp file left), private.
    const files = (await readdir(out)).sort();
    expect(files).toEqual(result.files.map((f) => f.slice(out.length + 1)).sort());
    for (const f of files) {
      expect(isSafeFileName(f)).toBe(true);
      expect((await stat(join(out, f))).mode & 0o777).toBe(0o600);
    }
    for (const a of routeless) expect(files.some((f) => f.includes(`-${a.id}`))).toBe(false);

    // The track: every sample with a position, with its time, elevation, heart rate, cadence and power.
    const track = x.tracks.get(tracked!.id)!;
    const file = files.find((f) => f.includes(`-${tracked!.id}-`))!;
    expect(file).toBe(
      `${activities.find((a) => a.id === tracked!.id)!.start_date_local!.slice(0, 10)}-${tracked!.id}-tom-jerry-run.gpx`,
    );
    const text = await readFile(join(out, file), 'utf8');
    const gpx = xml.parse(text) as Gpx;
    expect(gpx.gpx['@version']).toBe('1.1');
    expect(gpx.gpx.trk.name).toBe('Tom & Jerry <"run">  🏃'); // the control character, which XML cannot hold, is gone
    expect(gpx.gpx.metadata.desc).toMatch(/Recorded track/);
    const points = gpx.gpx.trk.trkseg.trkpt;
    const expected = track.t.map((t, i) => ({ t, i })).filter(({ i }) => track.lat![i] !== null);
    expect(points).toHaveLength(track.t.length - 1);
    points.forEach((p, k) => {
      const i = expected[k]!.i;
      expect(Number(p['@lat'])).toBe(track.lat![i]);
      expect(Number(p['@lon'])).toBe(track.lng![i]);
      expect(p.time).toBe(new Date(Date.parse(track.start!) + track.t[i]! * 1000).toISOString().replace('.000Z', 'Z'));
      expect(Number(p.ele)).toBe(track.ele![i]);
      const tpx = p.extensions?.['gpxtpx:TrackPointExtension'];
      expect(tpx?.['gpxtpx:hr']).toBe(track.hr![i] === null ? undefined : String(track.hr![i]));
      expect(tpx?.['gpxtpx:cad']).toBe(String(track.cad![i]));
      expect(p.extensions?.power).toBe(String(track.watts![i]));
    });

    // The polyline: Strava's positions, no times, and the file says so.
    const plain = activities.find((a) => !x.tracks.has(a.id) && a.map?.summary_polyline)!;
    const plainGpx = xml.parse(
      await readFile(
        join(
          out,
          files.find((f) => f.includes(`-${plain.id}-`))!,
        ),
        'utf8',
      ),
    ) as Gpx;
    expect(plainGpx.gpx.metadata.desc).toMatch(/Strava's polyline: simplified, with no times/);
    const decoded = polyline.decode(plain.map!.summary_polyline!);
    expect(plainGpx.gpx.trk.trkseg.trkpt.map((p) => [Number(p['@lat']), Number(p['@lon'])])).toEqual(decoded);
    expect(plainGpx.gpx.trk.trkseg.trkpt.every((p) => p.time === undefined && p.ele === undefined)).toBe(true);
  });

  it('writes GeoJSON: a LineString of [lng, lat, ele] with times aligned, or the polyline without times', async () => {
    const x = await exportWorld(world, {
      withTracks: (seeded) => seeded.filter((a) => a.route.length > 0).slice(0, 1),
    });
    const out = await temp();
    const result = await exportActivities({ store: x.splits.store, format: 'geojson', outDir: out, select: {} });
    expect(result.fromTrack).toBe(1);
    const [trackedId] = [...x.tracks.keys()];
    const track = x.tracks.get(trackedId!)!;
    type Fc = {
      type: string;
      features: Array<{
        type: string;
        properties: Record<string, unknown> & { coordinateProperties?: Record<string, unknown[]> };
        geometry: { type: string; coordinates: number[][] };
      }>;
    };
    const read = async (id: number) =>
      JSON.parse(
        await readFile(
          result.files.find((f) => f.includes(`-${id}`))!,
          'utf8',
        ),
      ) as Fc;
    const fc = await read(trackedId!);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    const [feature] = fc.features;
    expect(feature!.type).toBe('Feature');
    expect(feature!.geometry.type).toBe('LineString');
    const kept = track.t.map((_, i) => i).filter((i) => track.lat![i] !== null);
    expect(feature!.geometry.coordinates).toEqual(kept.map((i) => [track.lng![i], track.lat![i], track.ele![i]]));
    const props = feature!.properties;
    expect(props).toMatchObject({
      id: trackedId,
      source: 'track',
      hasTimes: true,
      url: `https://www.strava.com/activities/${trackedId}`,
    });
    const times = props.coordinateProperties!.times as string[];
    expect(times).toHaveLength(feature!.geometry.coordinates.length);
    expect(times).toEqual(
      kept.map((i) => new Date(Date.parse(track.start!) + track.t[i]! * 1000).toISOString().replace('.000Z', 'Z')),
    );
    expect(props.coordinateProperties!.heartRates).toEqual(kept.map((i) => track.hr![i]));
    expect(props.coordinateProperties!.watts).toEqual(kept.map((i) => track.watts![i]));

    const plain = (await stored(x)).find((a) => a.id !== trackedId && a.map?.summary_polyline)!;
    const other = (await read(plain.id)).features[0]!;
    expect(other.geometry.coordinates).toEqual(
      polyline.decode(plain.map!.summary_polyline!).map(([lat, lng]) => [lng, lat]),
    );
    expect(other.properties).toMatchObject({ source: 'polyline', hasTimes: false });
    expect(other.properties.note).toMatch(/no times/);
    expect(other.properties.coordinateProperties).toBeUndefined();
    // Longitude first: the coordinates are those of the route's place, not swapped.
    expect(other.geometry.coordinates[0]).toEqual([
      polyline.decode(plain.map!.summary_polyline!)[0]![1],
      polyline.decode(plain.map!.summary_polyline!)[0]![0],
    ]);
  });

  it('gives hostile names safe file names inside the folder, and keeps the names whole inside the files', async () => {
    const hostile = ['../../etc/passwd', 'CON', '🏃‍♀️🔥', 'x'.repeat(500), 'a\\b:c*?"<>|', '..'];
    const x = await exportWorld(world, {
      count: 8,
      edit: (seeded, w) =>
        hostile.forEach((name, i) =>
          w.sim.editActivity(seeded[i]!.id, {
            name,
            route: seeded[6]!.route.length
              ? seeded[6]!.route
              : [
                  [45, 6],
                  [45.1, 6.1],
                ],
            trainer: false,
          }),
        ),
    });
    const parent = await temp();
    const out = join(parent, 'exports');
    for (const format of ['gpx', 'geojson'] as const) {
      const result = await exportActivities({ store: x.splits.store, format, outDir: out, select: {} });
      for (const [i, name] of hostile.entries()) {
        const file = result.files.find((f) => f.includes(`-${x.seeded[i]!.id}`))!;
        expect(file.startsWith(`${out}/`)).toBe(true);
        const base = file.slice(out.length + 1);
        expect(isSafeFileName(base)).toBe(true);
        expect(base.length).toBeLessThanOrEqual(100);
        const inside =
          format === 'gpx'
            ? (xml.parse(await readFile(file, 'utf8')) as Gpx).gpx.trk.name
            : (JSON.parse(await readFile(file, 'utf8')) as { features: Array<{ properties: { name: string } }> })
                .features[0]!.properties.name;
        expect(inside).toBe(name);
      }
    }
    // Nothing escaped the folder: its parent holds the folder alone.
    expect(await readdir(parent)).toEqual(['exports']);
    expect((await stat(out)).mode & 0o777).toBe(0o700);
  });

  it("filters by --since (the local day) and by athlete, exports the window's query in its order, and one activity alone", async () => {
    const x = await exportWorld(world, {
      edit: (_, w) => {
        w.sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
        w.sim.seedActivities(2002, 5, { listHiddenShare: 0, seed: 7 });
      },
    });
    await x.w.connect(x.splits, 2002);
    await x.splits.engine.sync({ trigger: 'cli', athleteId: 2002, details: false });
    const mine = await stored(x);
    const days = mine.map((a) => a.start_date_local!.slice(0, 10)).sort();
    const since = days[12]!;
    const csvIds = async (select: Parameters<typeof exportActivities>[0]['select']) => {
      const result = await exportActivities({ store: x.splits.store, format: 'csv', outDir: await temp(), select });
      return (parse(await readFile(result.files[0]!), { bom: true, columns: true }) as Row[]).map((r) =>
        Number(r['Activity ID']),
      );
    };
    expect((await csvIds({ athleteId: 1001, since })).sort()).toEqual(
      mine
        .filter((a) => a.start_date_local!.slice(0, 10) >= since)
        .map((a) => a.id)
        .sort(),
    );
    const theirs = [...(await x.splits.store.activities(2002)).all()].map((a) => a.id).sort();
    expect((await csvIds({ athleteId: 2002 })).sort()).toEqual(theirs);
    expect(await csvIds({})).toHaveLength(29);

    const query = {
      sportTypes: ['Run', 'Ride'],
      sort: 'distance' as const,
      direction: 'asc' as const,
      page: 3,
      pageSize: 2,
    };
    const table = await x.splits.store.query({ ...query, page: 1, pageSize: 500 });
    expect(table.total).toBeGreaterThan(2);
    expect(await csvIds({ query })).toEqual(table.items.map((r) => r.id));

    const one = mine[5]!;
    const single = await exportActivities({
      store: x.splits.store,
      format: 'csv',
      outDir: await temp(),
      select: { activityId: one.id },
    });
    expect(single.files[0]).toMatch(new RegExp(`/${one.start_date_local!.slice(0, 10)}-${one.id}-[a-z0-9-]+\\.csv$`));
    expect(single.selected).toBe(1);
    await expect(
      exportActivities({ store: x.splits.store, format: 'gpx', outDir: await temp(), select: { activityId: 999 } }),
    ).rejects.toMatchObject({ code: 'unknown-activity' });
    await expect(
      exportActivities({ store: x.splits.store, format: 'csv', outDir: await temp(), select: { athleteId: 3003 } }),
    ).rejects.toMatchObject({ code: 'unknown-athlete' });
    await expect(
      exportActivities({ store: x.splits.store, format: 'csv', outDir: await temp(), select: { since: '2024-02-30' } }),
    ).rejects.toMatchObject({ code: 'bad-since' });
  });

  it('falls back to the polyline with a warning when a track file is unreadable, and goes on', async () => {
    const x = await exportWorld(world, {
      count: 8,
      withTracks: (seeded) => seeded.filter((a) => a.route.length > 0).slice(0, 3),
    });
    const broken = [...x.tracks.keys()][1]!;
    await writeFile(trackPath(x.w.dataDir, 1001, broken), 'not gzip at all');
    const out = await temp();
    const result = await exportActivities({ store: x.splits.store, format: 'gpx', outDir: out, select: {} });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      new RegExp(
        `The stored track of activity ${broken} is unreadable \\(not gzipped JSON\\).*polyline instead, without times`,
      ),
    );
    expect(result.fromTrack).toBe(2);
    const fallback = xml.parse(
      await readFile(
        result.files.find((f) => f.includes(`-${broken}-`))!,
        'utf8',
      ),
    ) as Gpx;
    expect(fallback.gpx.metadata.desc).toMatch(/polyline/);
    expect(result.exported).toBe(result.selected - result.skipped.length);
  });

  it('refuses a file as the folder and the data folder, makes a missing folder, and leaves no half file when aborted', async () => {
    const x = await exportWorld(world, { count: 24 });
    const base = await temp();
    const file = join(base, 'a-file');
    await writeFile(file, 'keep me');
    const attempt = (outDir: string, signal?: AbortSignal) =>
      exportActivities({ store: x.splits.store, format: 'gpx', outDir, select: {}, ...(signal ? { signal } : {}) });
    await expect(attempt(file)).rejects.toMatchObject({
      code: 'out-is-file',
      message: expect.stringMatching(/is a file .*not a folder/),
    });
    await expect(attempt(join(file, 'below'))).rejects.toBeInstanceOf(ExportError);
    expect(await readFile(file, 'utf8')).toBe('keep me');
    const before = await readdir(x.w.dataDir, { recursive: true });
    await expect(attempt(x.w.dataDir)).rejects.toMatchObject({ code: 'out-in-data-folder' });
    await expect(attempt(join(x.w.dataDir, 'activities', 'exports'))).rejects.toMatchObject({
      code: 'out-in-data-folder',
    });
    expect((await readdir(x.w.dataDir, { recursive: true })).sort()).toEqual(before.sort());
    const locked = join(base, 'locked');
    await mkdir(locked, { mode: 0o500 });
    if (process.getuid?.() !== 0)
      await expect(attempt(join(locked, 'sub'))).rejects.toMatchObject({ code: 'out-unwritable' });
    await chmod(locked, 0o700);

    const made = join(base, 'new', 'deeper');
    expect((await attempt(made)).files.length).toBeGreaterThan(0);

    // A folder where the CSV should go: a message that names the file, and no temp file left beside it.
    const taken = await temp();
    await mkdir(join(taken, 'activities.csv'));
    await expect(
      exportActivities({ store: x.splits.store, format: 'csv', outDir: taken, select: {} }),
    ).rejects.toMatchObject({
      name: 'ExportWriteError',
      message: expect.stringMatching(
        /^Splits could not write .*activities\.csv \(EISDIR: a folder has that name\)\. Nothing half written was left\.$/,
      ),
    });
    expect(await readdir(taken)).toEqual(['activities.csv']);

    // Aborted once the first file is written: the files finished stay whole, those being written leave nothing
    // behind (no temp file, no half file), and no more are started.
    const out = await temp();
    const abort = new AbortController();
    const seen: ExportProgress[] = [];
    const stopped = exportActivities({
      store: x.splits.store,
      format: 'gpx',
      outDir: out,
      select: {},
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.file) abort.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    const left = (await readdir(out)).sort();
    const written = seen
      .filter((p) => p.file)
      .map((p) => p.file!.slice(out.length + 1))
      .sort();
    expect(left).toEqual(written);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(10); // of about 17 with a route
    for (const f of left) expect(xml.parse(await readFile(join(out, f), 'utf8'))).toHaveProperty('gpx.trk.trkseg');
  });
});

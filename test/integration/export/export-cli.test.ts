import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { trackPath } from '../../../main/archive/track';
import type { ExportResult } from '../../../main/export/export-types';
import { bin, runCli, startCli } from '../../support/cli';
import { startLockHolder } from '../../support/lock-process';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { exportWorld } from './export-world';

const LONG = 60_000;

describe('splits export', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-export-cli-');
  const routed = <T extends { route: unknown[] }>(seeded: T[]) => seeded.filter((a) => a.route.length > 0);

  it(
    'writes the CSV in imperial units with --json, and GPX files with a summary and the activities without a route',
    async () => {
      const x = await exportWorld(world, { count: 12, withTracks: (seeded) => routed(seeded).slice(0, 2) });
      const ids = [...(await x.splits.store.activities(1001)).all()].map((a) => a.id).sort();
      const out = join(await temp(), 'made', 'here');

      const csv = await runCli(['export', '--format', 'csv', '--units', 'imperial', '--out', out, '--json'], x.w.env);
      expect(csv).toMatchObject({ code: 0, stderr: '' });
      const result = JSON.parse(csv.stdout) as ExportResult;
      expect(result).toMatchObject({
        format: 'csv',
        units: 'imperial',
        selected: 12,
        exported: 12,
        files: [join(out, 'activities.csv')],
      });
      const rows = parse(await readFile(join(out, 'activities.csv')), { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows.map((r) => Number(r['Activity ID'])).sort()).toEqual(ids);
      expect(Object.keys(rows[0]!)).toContain('Distance (mi)');

      const gpxOut = await temp();
      const gpx = await runCli(['export', '--format', 'gpx', '--out', gpxOut], x.w.env);
      expect(gpx.code).toBe(0);
      const files = await readdir(gpxOut);
      const routeless = [...(await x.splits.store.activities(1001)).all()].filter(
        (a) => !a.map?.summary_polyline && !x.tracks.has(a.id),
      );
      expect(files).toHaveLength(12 - routeless.length);
      expect(gpx.stdout).toContain(
        `Wrote ${files.length} GPX files to ${gpxOut}: 2 from recorded tracks (with times), ${files.length - 2} from Strava's route (no times).`,
      );
      for (const a of routeless) expect(gpx.stdout).toContain(`  ${a.id}  ${a.name}`);
      const parser = new XMLParser({ ignoreAttributes: false });
      for (const f of files)
        expect(parser.parse(await readFile(join(gpxOut, f), 'utf8'))).toHaveProperty('gpx.trk.trkseg');
      // Nothing secret in what it printed.
      const tokens = JSON.stringify(await x.splits.vault.get(1001));
      for (const secret of Object.values(JSON.parse(tokens) as Record<string, unknown>))
        expect(csv.stdout + gpx.stdout + gpx.stderr).not.toContain(String(secret));
    },
    LONG,
  );

  it(
    'exports while another process holds the data folder for a sync',
    async () => {
      const x = await exportWorld(world, { count: 6 });
      const holder = startLockHolder(['hold', x.w.dataDir]);
      try {
        await holder.output('held');
        expect((await readdir(x.w.dataDir)).includes('sync.lock')).toBe(true);
        const out = await temp();
        const run = await runCli(['export', '--format', 'geojson', '--out', out, '--athlete', '1001'], x.w.env);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const files = await readdir(out);
        expect(files.length).toBeGreaterThan(0);
        for (const f of files)
          expect(JSON.parse(await readFile(join(out, f), 'utf8'))).toMatchObject({ type: 'FeatureCollection' });
        // The holder still holds it: export neither waited for it nor took it.
        expect(holder.child.exitCode).toBeNull();
        expect((await readdir(x.w.dataDir)).includes('sync.lock')).toBe(true);
      } finally {
        holder.child.kill();
        await holder.exit;
      }
    },
    LONG,
  );

  it(
    'writes into the current folder by default, filters by --since, and warns about an unreadable track but goes on',
    async () => {
      const x = await exportWorld(world, { count: 10, withTracks: (seeded) => routed(seeded).slice(0, 1) });
      const [broken] = [...x.tracks.keys()];
      await writeFile(trackPath(x.w.dataDir, 1001, broken!), Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
      const stored = [...(await x.splits.store.activities(1001)).all()];
      const since = stored.map((a) => a.start_date_local!.slice(0, 10)).sort()[4]!;
      const cwd = await temp();
      const run = await promisify(execFile)(
        process.execPath,
        [bin, 'export', '--format', 'gpx', '--since', since, '--json'],
        {
          cwd,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...x.w.env },
        },
      );
      const result = JSON.parse(run.stdout) as ExportResult;
      const expected = stored.filter((a) => a.start_date_local!.slice(0, 10) >= since);
      expect(result.selected).toBe(expected.length);
      expect(result.outDir).toBe(cwd);
      expect((await readdir(cwd)).sort()).toEqual(result.files.map((f) => f.slice(cwd.length + 1)).sort());
      if (expected.some((a) => a.id === broken)) {
        expect(run.stderr).toMatch(
          new RegExp(`splits: warning: The stored track of activity ${broken} is unreadable .*polyline instead`),
        );
        expect(result.files.some((f) => f.includes(`-${broken}-`))).toBe(true);
      }
      // All of them, the broken track included, through the whole folder.
      const all = await runCli(['export', '--format', 'gpx', '--out', await temp()], x.w.env);
      expect(all.code).toBe(0);
      expect(all.stderr).toMatch(
        new RegExp(
          `splits: warning: The stored track of activity ${broken} is unreadable \\(not gzipped JSON\\); import the archive again to restore it\\. Its route was exported from Strava's polyline instead, without times\\.`,
        ),
      );
    },
    LONG,
  );

  it(
    'stops at Ctrl-C before the next file: exit 130, every file left whole, no temp file',
    async () => {
      // Long tracks, so the export is still going when Ctrl-C comes.
      const x = await exportWorld(world, {
        count: 60,
        trackPoints: 3600,
        withTracks: (seeded) => routed(seeded).slice(0, 40),
      });
      const out = await temp();
      const run = startCli(['export', '--format', 'gpx', '--out', out], x.w.env);
      for (;;) {
        if ((await readdir(out)).some((f) => f.endsWith('.gpx'))) break;
        if (run.child.exitCode !== null)
          throw new Error(`the export ended before Ctrl-C: ${run.stdout()}${run.stderr()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(130);
      const stopped =
        /Export stopped after (\d+) of (\d+) activities\. The files written are whole; the one being written was removed\./.exec(
          run.stderr(),
        );
      expect(stopped, run.stderr()).not.toBeNull();
      expect(Number(stopped![1])).toBeLessThan(Number(stopped![2]));
      const left = await readdir(out);
      expect(left.every((f) => f.endsWith('.gpx') && !f.startsWith('.'))).toBe(true);
      const parser = new XMLParser({ ignoreAttributes: false });
      for (const f of left) expect(parser.parse(await readFile(join(out, f), 'utf8'))).toHaveProperty('gpx.trk.trkseg');
    },
    LONG,
  );

  it(
    'exits 2 with a clear message on a mistake, and writes nothing',
    async () => {
      const x = await exportWorld(world, { count: 3 });
      const base = await temp();
      const file = join(base, 'notes.txt');
      await writeFile(file, 'mine');
      const cases: Array<[string[], RegExp]> = [
        [['export'], /"splits export" needs --format csv, gpx or geojson.* See `splits help export`\.\n$/],
        [['export', '--format', 'kml'], /--format takes csv, gpx or geojson, not "kml"/],
        [
          ['export', '--format', 'csv', '--since', '2024-5-1'],
          /--since "2024-5-1" is not a day: give it as YYYY-MM-DD/,
        ],
        [['export', '--format', 'csv', '--since', '2024-02-30'], /--since "2024-02-30" is not a day/],
        [['export', '--format', 'csv', '--units', 'furlongs'], /--units takes metric or imperial, not "furlongs"/],
        [['export', '--format', 'csv', '--athlete', 'bob'], /--athlete takes a whole number/],
        [
          ['export', '--format', 'csv', '--athlete', '4242', '--out', base],
          /Athlete 4242 has no activities stored here \(stored: 1001\)/,
        ],
        [['export', '--format', 'gpx', '--out', file], /The export folder .*notes\.txt is a file .*not a folder/],
        [['export', '--format', 'gpx', '--out', join(x.w.dataDir, 'out')], /inside Splits' data folder/],
      ];
      for (const [args, message] of cases) {
        const run = await runCli(args, x.w.env);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
      }
      expect(await readdir(base)).toEqual(['notes.txt']);
      expect(await readFile(file, 'utf8')).toBe('mine');
      expect(await readdir(x.w.dataDir)).not.toContain('out');
      // Nothing selected is an answer, not a mistake.
      const none = await runCli(['export', '--format', 'gpx', '--since', '2099-01-01', '--out', base], x.w.env);
      expect(none).toMatchObject({ code: 0, stdout: 'No stored activity matched: nothing was written.\n', stderr: '' });
      expect(await readdir(base)).toEqual(['notes.txt']);
      const help = await runCli(['export', '--help'], x.w.env);
      expect(help.stdout).toMatch(/Usage: splits export --format csv\|gpx\|geojson/);
      expect((await runCli(['help'], x.w.env)).stdout).toMatch(/export --format csv\|gpx\|geojson/);
    },
    LONG,
  );
});

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { openDesktop } from '../../support/desktop-core';
import { useTempDirs } from '../../support/temp-dirs';
import { useWorld } from '../../support/splits';

describe("the window's import and export", () => {
  const world = useWorld();
  const tempDir = useTempDirs('splits-archive-channels-');

  it('imports the archive main picked, telling its progress, then lets the backfill skip what it filled', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 40);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.invoke('app:ready');
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    // Details were fetched for some by that sync; the archive brings the rest.
    const archive = join(await tempDir(), 'export_1001.zip');
    await writeArchive(archive, {
      athleteId: 1001,
      activities: fromSimulator(seeded, (_a, i) => (i % 4 === 0 ? { format: 'gpx' as const, points: 120 } : undefined)),
    });

    // Closing the picker imports nothing.
    app.ports.archivePicks.push(null);
    expect(await app.invoke('archive:import')).toEqual({ ok: true, value: null });

    app.ports.archivePicks.push(archive);
    const answer = await app.invoke('archive:import', { athleteId: 1001 });
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    const summary = answer.value as {
      rowsRead: number;
      matched: number;
      detailsFilled: number;
      detailsKept: number;
      tracksStored: number;
    };
    expect(summary.rowsRead).toBe(40);
    expect(summary.detailsFilled + summary.detailsKept).toBe(summary.matched);
    expect(summary.tracksStored).toBe(10);
    const channels = app.events.map((e) => e.channel);
    expect(channels).toContain('archive:progress');
    expect(channels.indexOf('archive:imported')).toBeGreaterThan(channels.lastIndexOf('archive:progress'));

    // An activity with a track answers it on activities:track.
    const track = await app.invoke('activities:track', { athleteId: 1001, id: seeded[0]!.id });
    expect((track.value as { samples: number }).samples).toBe(120);

    // The next sync spends no request on the details the archive gave.
    const before = w.sim.apiRequests().filter((r) => /^\/api\/v3\/activities\/\d+$/.test(r.path)).length;
    w.clock.set(w.clock.now() + 15 * 60_000);
    expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
    const detailRequests =
      w.sim.apiRequests().filter((r) => /^\/api\/v3\/activities\/\d+$/.test(r.path)).length - before;
    expect(detailRequests).toBe(0);
    await app.close();
  });

  it('says plainly when the file is not an archive, naming no path, and changes nothing', async () => {
    const w = await world();
    const five = w.sim.seedActivities(1001, 5);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.invoke('app:ready');
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    // A folder with spaces, as a person's Downloads often is: the message names "the file you chose", whole.
    const dir = join(await tempDir(), 'John Smith', 'Downloads');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    const notZip = join(dir, 'holiday photos (1).zip');
    await writeFile(notZip, 'these are not the bytes of a zip');
    app.ports.archivePicks.push(notZip);
    const answer = await app.invoke('archive:import');
    expect(answer).toMatchObject({ ok: false, error: { code: 'archive' } });
    expect(answer.error!.message).toMatch(/^The file you chose|the file you chose/);
    expect(answer.error!.message).not.toMatch(/Smith|Downloads|data folder/);

    // Two presses at once: one picker, and the second is told an import runs.
    let release: (path: string | null) => void = () => undefined;
    app.ports.pickArchive = () => new Promise((resolve) => (release = resolve));
    const first = app.invoke('archive:import');
    await new Promise((r) => setTimeout(r, 20));
    expect((await app.invoke('archive:import')).error?.code).toBe('busy');
    release(null);
    expect(await first).toEqual({ ok: true, value: null });

    // Cancelled while it waits for the data folder (another writer holds it): it had not begun, and says so.
    const archive = join(dir, 'export_1001.zip');
    await writeArchive(archive, { athleteId: 1001, activities: fromSimulator(five) });
    app.ports.pickArchive = async () => archive;
    const held = await DataLock.acquire(w.dataDir);
    try {
      const waiting = app.invoke('archive:import');
      await vi.waitFor(() =>
        expect(
          app.events.some(
            (e) => e.channel === 'archive:progress' && (e.payload as { phase: string }).phase === 'waiting',
          ),
        ).toBe(true),
      );
      expect(await app.invoke('archive:cancel')).toEqual({ ok: true, value: null });
      expect((await waiting).error).toEqual({
        code: 'cancelled',
        message: 'The import was cancelled before it began: nothing was changed.',
      });
    } finally {
      await held.release();
    }
    expect((await app.invoke('activities:query', {})).value).toMatchObject({ total: 5 });
    await app.close();
  });

  it('exports the filtered table or one activity into the folder main picked, and shows it', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 30);
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, units: 'imperial' },
    });
    await w.connect(app.services, 1001);
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    const query = { sportTypes: ['Ride'] };
    const shown = (await app.invoke('activities:query', { ...query, pageSize: 500 })).value as {
      total: number;
      items: Array<{ id: number; athleteId: number }>;
    };

    app.ports.folderPicks.push(null);
    expect(await app.invoke('archive:export', { format: 'csv', select: { query } })).toEqual({ ok: true, value: null });
    expect((await app.invoke('archive:reveal')).error?.code).toBe('not-found');

    const out = await tempDir();
    app.ports.folderPicks.push(out);
    const csv = await app.invoke('archive:export', {
      format: 'csv',
      select: { query: { ...query, page: 3, pageSize: 1 } },
    });
    expect(csv.ok, JSON.stringify(csv.error)).toBe(true);
    expect(csv.value).toMatchObject({ format: 'csv', folderName: basename(out), files: 1, exported: shown.total });
    const [file] = await readdir(out);
    const rows = parse(await readFile(join(out, file!), 'utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(shown.total);
    // In the person's units.
    expect(Object.keys(rows[0]!).some((k) => /\(mi\)/.test(k))).toBe(true);

    app.ports.folderPicks.push(out);
    const one = shown.items[0]!;
    const gpx = await app.invoke('archive:export', {
      format: 'gpx',
      select: { activity: { athleteId: one.athleteId, id: one.id } },
    });
    expect(gpx.value).toMatchObject({ format: 'gpx', selected: 1 });
    expect(JSON.stringify(gpx.value)).not.toContain(out);

    expect(await app.invoke('archive:reveal')).toEqual({ ok: true, value: null });
    expect(app.ports.revealed).toEqual([out]);
    // A path from the window is refused at the door: the folder is main's choice alone.
    expect((await app.invoke('archive:export', { format: 'csv', select: { query }, outDir: '/tmp' })).error?.code).toBe(
      'bad-request',
    );
    await app.close();
  });
});

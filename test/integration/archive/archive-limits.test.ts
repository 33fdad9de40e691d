import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { ArchiveError, importArchive } from '../../../main/archive';
import { LIST_CAP } from '../../../main/archive/import-types';
import { importSummarySchema } from '../../../preload/payloads';
import { ENGLISH_HEADER, fromSimulator, writeArchive } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { folderFingerprint, syncedWorld } from './archive-test-kit';

async function zipOf(path: string, entries: Array<{ name: string; data: Buffer | Readable }>): Promise<void> {
  const z = new ZipFile();
  for (const e of entries) {
    if (Buffer.isBuffer(e.data)) z.addBuffer(e.data, e.name);
    else z.addReadStream(e.data, e.name);
  }
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  await writeFile(path, Buffer.concat(chunks));
}

describe('archive limits and words', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-limits-');

  it('an activities.csv that unpacks past 128 MB (a deflate bomb) is refused in words before anything is read or written', async () => {
    const { splits } = await syncedWorld(world, 2);
    const zip = join(await temp(), 'bomb.zip');
    const chunk = Buffer.alloc(1024 * 1024, 0x0a);
    let left = 129;
    const bomb = new Readable({
      read() {
        if (left-- === 0) this.push(null);
        else this.push(left === 128 ? Buffer.concat([Buffer.from(`${ENGLISH_HEADER.join(',')}\n`), chunk]) : chunk);
      },
    });
    await zipOf(zip, [{ name: 'activities.csv', data: bomb }]);
    const before = await folderFingerprint(splits.store.dataDir);
    const error = await importArchive({ store: splits.store, path: zip }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error).toMatchObject({ problem: 'not-strava' });
    expect((error as Error).message).toMatch(/activities\.csv unpacks to 129 MB, more than the 128 MB Splits reads/);
    expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);
  });

  it("more unknown columns than a list holds: the summary names the first few and counts them all, and still fits the window's contract", async () => {
    const { splits, seeded } = await syncedWorld(world, 3);
    const zip = join(await temp(), 'wide.zip');
    const extraColumns = Array.from({ length: 130 }, (_, i) => `Mystery ${i}`);
    await writeArchive(zip, { activities: fromSimulator(seeded), athleteId: 1001, extraColumns });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary.unknownColumns).toEqual(extraColumns.slice(0, LIST_CAP));
    expect(summary.unknownColumnCount).toBe(130);
    expect(summary.matched).toBe(3);
    const view = importSummarySchema.safeParse(summary);
    expect(view.success).toBe(true);
    expect(view.data?.unknownColumnCount).toBe(130);
  });

  it("a Strava archive whose header is in a language Splits does not know is called so, with what to do; another CSV is still not Strava's", async () => {
    const { splits } = await syncedWorld(world, 2);
    const dir = await temp();
    // Italian: Strava's columns, none of whose names the table knows.
    const italian = Array.from({ length: ENGLISH_HEADER.length }, (_, i) => (i === 0 ? 'ID attività' : `Colonna ${i}`));
    const row = italian.map((_, i) => (i === 0 ? '123' : ''));
    const csv = Buffer.from(`${italian.join(',')}\n${row.join(',')}\n`);
    const wide = join(dir, 'italian.zip');
    await zipOf(wide, [{ name: 'activities.csv', data: csv }]);
    const laidOut = join(dir, 'dutch.zip');
    await zipOf(laidOut, [
      { name: 'activities.csv', data: Buffer.from('Activiteits-ID,Datum\n123,1 jan 2024\n') },
      { name: 'profile.csv', data: Buffer.from('Athlete ID\n1001\n') },
      { name: 'activities/123.gpx', data: Buffer.from('<gpx/>') },
    ]);
    for (const path of [wide, laidOut]) {
      const error = await importArchive({ store: splits.store, path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(
        /looks like a Strava archive.*language Splits does not know.*Switch your Strava language to English.*request the archive again/,
      );
      expect((error as Error).message).not.toMatch(/not a Strava archive/);
    }
    const other = join(dir, 'other.zip');
    await zipOf(other, [{ name: 'activities.csv', data: Buffer.from('Name,Date,Distance\nMorning,2024-01-01,5\n') }]);
    expect(
      await importArchive({ store: splits.store, path: other }).catch((e: unknown) => (e as Error).message),
    ).toMatch(/not a Strava archive: its activities\.csv has no activity id column/);
  });
});

describe("the archive's time", () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-time-');

  it('a zip with DOS times alone is read as UTC, whatever zone the importing machine is in', async () => {
    const zone = process.env.TZ;
    try {
      const { splits, seeded } = await syncedWorld(world, 2);
      const zip = join(await temp(), 'dos.zip');
      process.env.TZ = 'UTC';
      await writeArchive(zip, {
        activities: fromSimulator(seeded),
        athleteId: 1001,
        exportedAt: new Date(Date.UTC(2026, 9, 1, 12, 0, 0)),
        dosTimesOnly: true,
      });
      process.env.TZ = 'Asia/Tokyo';
      expect(new Date(2026, 9, 1).getTimezoneOffset()).toBe(-540);
      const summary = await importArchive({ store: splits.store, path: zip });
      expect(summary.exportedAt).toBe('2026-10-01T12:00:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

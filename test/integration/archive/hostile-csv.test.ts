// activities.csv built to hurt the parser: rows of millions of commas (each an empty field: a record V8 cannot hold),
// line endings that disagree, quotes out of place, words meant for a terminal. Built in the test, streamed.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ArchiveError, importArchive } from '../../../main/archive';
import { readActivitiesCsv } from '../../../main/archive/activities-csv';
import { ENGLISH_HEADER, fromSimulator } from '../../support/archive-fixture';
import { repeated, writeHostileArchive } from '../../support/hostile-archives';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { folderFingerprint, syncedWorld } from './archive-test-kit';

const LONG = 60_000;
const HEADER = `${ENGLISH_HEADER.join(',')}\n`;
const MB = 1_000_000;

/**
 * `head`, then `count` copies of `byte`, then `tail`, in chunks of 64 KB (what the zip's inflater gives), counting the
 * bytes the reader pulled and the largest heap seen at each pull.
 */
function countedSource(head: string, byte: string, count: number, tail = '\n') {
  const seen = { pulled: 0, heapPeak: 0 };
  const block = Buffer.alloc(64 * 1024, byte);
  const heapBefore = process.memoryUsage().heapUsed;
  const source = Readable.from(
    (function* () {
      yield Buffer.from(head);
      for (let left = count; left > 0; left -= block.length) {
        seen.heapPeak = Math.max(seen.heapPeak, process.memoryUsage().heapUsed - heapBefore);
        const chunk = left >= block.length ? block : block.subarray(0, left);
        seen.pulled += chunk.length;
        yield chunk;
      }
      yield Buffer.from(tail);
    })(),
  );
  return { source, seen };
}

/** A source that never ends: the header, then the same row again and again. */
function endlessRows(header: string, row: string): Readable {
  let first = true;
  return new Readable({
    read() {
      this.push(first ? header : row);
      first = false;
    },
  });
}

const read = (text: string) => readActivitiesCsv(Readable.from([Buffer.from(text)]));
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as Error,
  );

describe('a hostile activities.csv', () => {
  it('a data row of 20,000,000 commas is refused in words after a few of them, the heap staying small', async () => {
    const { source, seen } = countedSource(`${HEADER}1,Ride\n`, ',', 20_000_000);
    const error = await refusal(readActivitiesCsv(source));
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).problem).toBe('not-strava');
    expect(error!.message).toBe(
      "This is not a Strava archive: a row of its activities.csv has more than 1,000 columns, where Strava's has about 90. Nothing was imported. Import the zip Strava sends as it is.",
    );
    // The first chunk of commas holds the refusal: a few more were read ahead, far from the 20 MB of the row.
    expect(seen.pulled).toBeLessThan(MB);
    expect(seen.heapPeak).toBeLessThan(200 * MB);
  });

  it('a header of 2,000,000 commas is refused before the parser builds it', async () => {
    const { source, seen } = countedSource('Activity ID', ',', 2_000_000, '\n1\n');
    const error = await refusal(readActivitiesCsv(source));
    expect((error as ArchiveError).problem).toBe('not-strava');
    expect(error!.message).toMatch(
      /^This is not a Strava archive: the header of its activities\.csv has more than 1,000 columns, where Strava's has about 90\. Nothing was imported\./,
    );
    expect(seen.pulled).toBeLessThan(MB);
  });

  it("a row longer than any of Strava's (one quoted cell of 5 MB) is refused in words, as the row streams", async () => {
    const { source, seen } = countedSource(`${HEADER}1,Ride,"`, 'a', 5 * MB, '"\n');
    const error = await refusal(readActivitiesCsv(source));
    expect((error as ArchiveError).problem).toBe('not-strava');
    expect(error!.message).toMatch(
      /^This is not a Strava archive: a row of its activities\.csv is longer than 4 MB, where Strava's are a few kilobytes\. Nothing was imported\./,
    );
    expect(seen.pulled).toBeLessThan(5 * MB);
  });

  it('commas, escaped quotes and line breaks inside quotes are not columns or rows: a description of 5,000 commas reads as one cell', async () => {
    const description = `${'a,'.repeat(5_000)} he said "stop, now",\nthen left`;
    const cells = (id: number, text: string) =>
      ENGLISH_HEADER.map((name, i) =>
        i === 0 ? String(id) : name === 'Activity Description' ? text : name === 'Activity Type' ? 'Ride' : '',
      );
    const quoted = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const csv = await read(
      `${HEADER}${cells(42, description).map(quoted).join(',')}\n${cells(43, 'short').map(quoted).join(',')}\n`,
    );
    expect(csv).toMatchObject({ rowsRead: 2, skippedCount: 0 });
    expect(csv.rows.map((r) => [r.id, r.description, r.sportType])).toEqual([
      [42, description, 'Ride'],
      [43, 'short', 'Ride'],
    ]);
  });

  it('every line ending ends a row: lone LFs in a CRLF file or lone CRs in an LF file cannot join lines into one record', async () => {
    // 100 lines of 900 commas each: one record of 90,000 columns if only the first line's ending counted.
    const line = ','.repeat(900);
    for (const [first, then] of [
      ['\r\n', '\n'],
      ['\n', '\r'],
    ]) {
      const csv = await read(`Activity ID,Activity Name${first}${`${line}${then}`.repeat(100)}`);
      expect(csv.rowsRead).toBe(100);
      expect(csv.skipped[0]).toEqual({ row: 1, reason: 'it has no activity id' });
    }
    // Files that keep to one ending read as they always did.
    for (const ending of ['\n', '\r\n', '\r']) {
      const csv = await read(['Activity ID,Activity Name', '1,"Two', 'lines"', '2,Ride', ''].join(ending));
      expect(csv.rows.map((r) => [r.id, r.name])).toEqual([
        [1, `Two${ending}lines`],
        [2, 'Ride'],
      ]);
    }
  });

  it('the stream is let go when the reading stops early: a refusal, a quote out of place, a cancel', async () => {
    const noId = endlessRows('Name,Date\n', 'Morning,2024-01-01\n');
    await expect(readActivitiesCsv(noId)).rejects.toThrow(/no activity id column/);
    expect(noId.destroyed).toBe(true);

    const badQuote = endlessRows('Activity ID,Activity Name\n', '1,a"b\n');
    await expect(readActivitiesCsv(badQuote)).rejects.toThrow(/cannot be read \(a quote out of place at line 2\)/);
    expect(badQuote.destroyed).toBe(true);

    const rows = endlessRows('Activity ID,Activity Name\n', '1,Ride\n');
    const cancel = new AbortController();
    const reading = readActivitiesCsv(rows, {
      signal: cancel.signal,
      onRow: (n) => n >= 1_000 && cancel.abort(new Error('cancelled')),
    });
    await expect(reading).rejects.toThrow('cancelled');
    expect(rows.destroyed).toBe(true);
  });

  it("messages carry none of the file: an unknown language's first column name, a bad id cell, a field with a stray quote", async () => {
    const trap = '\u001b[2J\u001b]0;owned\u0007';
    const header = [`${trap}ID attività`, ...Array.from({ length: 60 }, (_, i) => `Colonna ${i}`)].join(',');
    const unknown = await refusal(read(`${header}\n1\n`));
    expect(unknown!.message).toMatch(/language Splits does not know\. Nothing was imported\./);
    expect(unknown!.message).not.toMatch(/owned|attività|[\p{Cc}]/u);

    const badId = await read(`Activity ID,Activity Name\n${trap}7,Ride\n`);
    expect(badId.skipped).toEqual([{ row: 1, reason: 'its activity id is not a positive whole number' }]);

    const stray = await refusal(read('Activity ID,Activity Name\n1,secret"word\n'));
    expect(stray!.message).toBe(
      "The archive's activities.csv cannot be read (a quote out of place at line 2). Nothing was imported. Download the archive from Strava again.",
    );
  });
});

describe('a hostile activities.csv in a zip', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-hostile-csv-');

  it(
    'rows and headers of 2,000,000 commas are refused in words and change nothing; a description of quoted commas imports',
    async () => {
      const { splits, seeded } = await syncedWorld(world, 2);
      const dir = await temp();
      const before = await folderFingerprint(splits.store.dataDir);
      const hostile = {
        row: repeated(Buffer.from(`${HEADER}1,Ride\n`), Buffer.from(','), 2_000_000, Buffer.from('\n')),
        header: repeated(Buffer.from('Activity ID'), Buffer.from(','), 2_000_000, Buffer.from('\n1\n')),
      };
      for (const [which, data] of Object.entries(hostile)) {
        const zip = join(dir, `${which}.zip`);
        await writeHostileArchive(zip, [{ name: 'activities.csv', data }], { activities: [], athleteId: 1001 });
        const error = await refusal(importArchive({ store: splits.store, path: zip }));
        expect(error).toBeInstanceOf(ArchiveError);
        expect((error as ArchiveError).problem).toBe('not-strava');
        expect(error!.message).toContain(
          `${which === 'row' ? 'a row' : 'the header'} of its activities.csv has more than 1,000 columns`,
        );
      }
      expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);

      const description = `${'x,'.repeat(5_000)}end`;
      const zip = join(dir, 'quoted.zip');
      await writeHostileArchive(zip, [], {
        activities: fromSimulator(seeded).map((a, i) => (i === 0 ? { ...a, description } : a)),
        athleteId: 1001,
      });
      expect(await importArchive({ store: splits.store, path: zip })).toMatchObject({
        rowsRead: 2,
        matched: 2,
        skippedRows: 0,
      });
      expect((await (await splits.store.activities(1001)).detail(seeded[0]!.id))?.description).toBe(description);
    },
    LONG,
  );
});

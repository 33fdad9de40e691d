import { mkdir, symlink } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownRoots, PathScrubber } from '../../../main/desktop/without-paths';
import { useTempDirs } from '../../support/temp-dirs';

const A_FILE = "a file in Splits' data folder";

describe('error messages for the window', () => {
  // Ann's computer: her home folder, the data folder in it, and the temp folder.
  const door = new PathScrubber(['/home/ann', '/home/ann/.config/Splits', '/tmp']);

  it('name no file path, and keep web addresses', () => {
    expect(
      door.text('keeping secrets in a private file (/home/ann/.config/Splits/cli-tokens.json) needs consent.'),
    ).toBe(`keeping secrets in a private file (${A_FILE}) needs consent.`);
    expect(door.text('It was set aside as C:\\Users\\ann\\AppData\\Roaming\\Splits\\x.json.')).toBe(
      `It was set aside as ${A_FILE}.`,
    );
    expect(door.text('Copy them again from https://www.strava.com/settings/api or strava.com/settings/api.')).toBe(
      'Copy them again from https://www.strava.com/settings/api or strava.com/settings/api.',
    );
    expect(door.text('use 1/2 of the budget')).toBe('use 1/2 of the budget');
    // An API path is not a file.
    expect(door.text('Strava sent /athlete/activities (page 3) in a shape Splits cannot read.')).toBe(
      'Strava sent /athlete/activities (page 3) in a shape Splits cannot read.',
    );
    expect(door.text('EACCES: permission denied, open /tmp/splits-x/activities/1001/2024.json')).toBe(
      `EACCES: permission denied, open ${A_FILE}`,
    );
  });

  it('knows a file by its root, not by a list of the usual prefixes: a data folder anywhere is scrubbed', () => {
    // SPLITS_DATA_DIR set to a folder outside /home, /tmp, /var and the like: a project folder, a second disk.
    for (const dataDir of ['/work/splits-data', '/storage/ann/Splits', '/Volumes/Backup Disk/Splits']) {
      const scrub = new PathScrubber([dataDir, '/home/ann', '/tmp']);
      const message = `Splits could not write ${dataDir}/activities/1001/2024.json (ENOSPC): the disk is full.`;
      expect(scrub.text(message), dataDir).not.toContain(dataDir.split(' ')[0]);
      expect(scrub.text(message), dataDir).toMatch(/^Splits could not write a file in Splits' data folder/);
    }
    // The data folder itself, and a folder beside it whose name only starts the same, which is no root of Splits'.
    const scrub = new PathScrubber(['/work/splits-data']);
    expect(scrub.text('The data folder /work/splits-data is busy.')).toBe(`The data folder ${A_FILE} is busy.`);
    expect(scrub.text('Set aside in /work/splits-data.')).toBe(`Set aside in ${A_FILE}.`);
    expect(scrub.text('See /work/splits-data-old/x.json')).toBe('See /work/splits-data-old/x.json');
  });

  it("leaves a path under none of the roots: an API path and a system file are not the person's files", () => {
    expect(door.text('Strava moved /api/v3/athlete/activities')).toBe('Strava moved /api/v3/athlete/activities');
    expect(door.text('Cannot open /usr/lib/libsecret-1.so.0')).toBe('Cannot open /usr/lib/libsecret-1.so.0');
    // A root of "/" (a home folder of a system user) would take every API path for a file: it is no root.
    expect(new PathScrubber(['/', 'C:\\']).text('Strava sent /athlete/activities')).toBe(
      'Strava sent /athlete/activities',
    );
  });

  it('takes a path on a drive, on a share or from ~/ for a file wherever it is: no API path looks so', () => {
    expect(new PathScrubber([]).text('Cannot write D:\\Exports\\x.gpx.')).toBe(`Cannot write ${A_FILE}.`);
    expect(door.text('kept in ~/Splits/x.json and \\\\server\\share\\x.json')).toBe(`kept in ${A_FILE} and ${A_FILE}`);
  });

  it('scrubs every string of a value, however deep, and keeps everything else', () => {
    const value = {
      ok: false,
      error: { code: 'disk', message: 'Cannot write /home/ann/x.json.' },
      list: [1, null, true, ['/tmp/a b', '/athlete/1']],
    };
    expect(door.value(value)).toEqual({
      ok: false,
      error: { code: 'disk', message: `Cannot write ${A_FILE}.` },
      list: [1, null, true, [`${A_FILE} b`, '/athlete/1']],
    });
    expect(value.error.message).toBe('Cannot write /home/ann/x.json.');
  });
});

describe('the known roots of a desktop', () => {
  const freshDir = useTempDirs('splits-roots-');

  it('are its data folder, the home and temp folders and its own folders, each also as the file system resolves it', async () => {
    const dir = await freshDir();
    const real = join(dir, 'real-data');
    await mkdir(real);
    const link = join(dir, 'data-link');
    await symlink(real, link);
    const roots = knownRoots(link, ['/opt/Splits/resources']);
    // A message may name the data folder as the file system gave it (a realpath).
    expect(roots).toEqual(expect.arrayContaining([link, real, homedir(), tmpdir(), '/opt/Splits/resources']));
  });
});

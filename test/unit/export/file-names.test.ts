import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../main/export/export-types';
import {
  activityFileName,
  isExportFileName,
  isSafeFileName,
  MAX_FILE_NAME_BYTES,
  MAX_FILE_NAME_CHARS,
  slugOf,
} from '../../../main/export/file-names';

const activity = (name: string, id = 12345678, start_date_local: string | undefined = '2024-05-01T07:30:00Z') => ({
  id,
  name,
  start_date: '2024-05-01T05:30:00Z',
  start_date_local,
});

describe('export file names', () => {
  it('are date, id and slug', () => {
    expect(activityFileName(activity('Morning Run'), 'gpx')).toBe('2024-05-01-12345678-morning-run.gpx');
    expect(activityFileName(activity('Café crème à Montréal'), 'geojson')).toBe(
      '2024-05-01-12345678-cafe-creme-a-montreal.geojson',
    );
    expect(activityFileName(activity('朝のラン'), 'gpx')).toBe('2024-05-01-12345678-朝のラン.gpx');
    // The local day, not the UTC one, and a record without a usable date still gets a name.
    expect(activityFileName(activity('x', 1, '2024-05-02T00:30:00Z'), 'gpx')).toBe('2024-05-02-1-x.gpx');
    expect(activityFileName({ id: 7, name: 'x', start_date: 'garbage' }, 'gpx')).toBe('undated-7-x.gpx');
  });

  it('hold no path, no reserved name, no emoji, and stay short whatever the name', () => {
    const names = {
      '../../etc/passwd': '2024-05-01-12345678-etc-passwd.gpx',
      CON: '2024-05-01-12345678-con.gpx',
      'a/b\\c:d*e?f"g<h>i|j': '2024-05-01-12345678-a-b-c-d-e-f-g-h-i-j.gpx',
      '🏃‍♀️🔥': '2024-05-01-12345678.gpx',
      '..': '2024-05-01-12345678.gpx',
      'tab\tnew\nline\u0000nul\u202Eevil': '2024-05-01-12345678-tab-new-line-nul-evil.gpx',
    };
    for (const [name, file] of Object.entries(names)) {
      expect(activityFileName(activity(name), 'gpx')).toBe(file);
      expect(isSafeFileName(file)).toBe(true);
    }
    const long = activityFileName(activity('x'.repeat(500)), 'geojson');
    expect(long).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(long).toMatch(/^2024-05-01-12345678-x+\.geojson$/);
    // Three bytes a character: the byte limit binds first, cut at a whole character.
    const cjk = activityFileName(activity('走'.repeat(500)), 'gpx');
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(cjk).toMatch(/^2024-05-01-12345678-走+\.gpx$/);
  });

  it('are safe for any name at all (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (name, id) => {
          const file = activityFileName(activity(name, id), 'gpx');
          expect(isSafeFileName(file)).toBe(true);
          expect(file).not.toMatch(/[/\\:*?"<>|]|\.\./);
          expect([...file].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
          expect(file.startsWith(`2024-05-01-${id}`)).toBe(true);
        },
      ),
    );
  });

  it("are told from other programs' files: what the next export may tidy the temp files of (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.option(
          fc
            .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        ),
        fc.constantFrom(...EXPORT_FORMATS),
        (name, id, start, format) => {
          const file = activityFileName(activity(name, id, start ?? 'garbage'), format);
          expect(isExportFileName(file), file).toBe(true);
        },
      ),
    );
    expect(isExportFileName('activities.csv')).toBe(true);
    for (const other of [
      'notes.txt',
      'activities.csv.bak',
      'activities.gpx',
      '2024-05-01-12345678-run.txt',
      '2024-05-01-run.gpx',
      'backup-2024-05-01-1-x.gpx',
      '2024-05-01-1-x.gpx.tmp',
      '2024-05-01-1-a b.gpx',
    ]) {
      expect(isExportFileName(other), other).toBe(false);
    }
  });

  it('the guard refuses what must never be written', () => {
    for (const bad of [
      '../x.gpx',
      'a/b.gpx',
      '.hidden.gpx',
      'CON.gpx',
      'nul.csv',
      'x'.repeat(120) + '.gpx',
      'a b.gpx',
      '',
      'x.GPX',
    ]) {
      expect(isSafeFileName(bad), bad).toBe(false);
    }
    expect(slugOf('  Hello, World!  ')).toBe('hello-world');
  });
});

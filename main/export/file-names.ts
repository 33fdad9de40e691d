import { EXPORT_FORMATS } from './export-types';

// File names made from activity names, which anyone can type: safe on Windows, macOS and Linux alike. A name is
// `<date>-<id>-<slug>.<ext>`, so it starts with a digit (never a reserved device name such as CON or NUL, never a dot
// file), holds letters, digits and dashes alone (never a separator, `..`, a colon or a control character), and the id
// makes it unique.

/** The CSV of a whole export; one activity alone gets its own file name. */
export const CSV_FILE_NAME = 'activities.csv';

/** The longest file name written, extension included, in characters. */
export const MAX_FILE_NAME_CHARS = 100;
/** And in UTF-8 bytes: most file systems allow 255 bytes, and a name in CJK script takes three bytes a character. */
export const MAX_FILE_NAME_BYTES = 200;

/** Windows' reserved device names, which no file may be called whatever its extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Letters and digits of any script, lower case, accents taken off, everything else one dash. */
export function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The activity's own calendar day (Strava's local start), or "undated" when the store has no usable date. */
export function dayOf(startDateLocal: string | null | undefined, startDate: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(startDateLocal ?? startDate)?.[0];
  return day ?? 'undated';
}

/** `2024-05-01-12345678-morning-run.gpx`: cut at a whole character so the name stays within both limits. */
export function activityFileName(
  activity: { id: number; name: string; start_date: string; start_date_local?: string | null | undefined },
  extension: string,
): string {
  const stem = `${dayOf(activity.start_date_local, activity.start_date)}-${activity.id}`;
  const suffix = `.${extension}`;
  let slug = slugOf(activity.name);
  const fits = (s: string) => {
    const name = `${stem}${s ? `-${s}` : ''}${suffix}`;
    return [...name].length <= MAX_FILE_NAME_CHARS && Buffer.byteLength(name, 'utf8') <= MAX_FILE_NAME_BYTES;
  };
  if (!fits(slug)) {
    const chars = [...slug];
    while (chars.length > 0 && !fits(chars.join(''))) chars.pop();
    slug = chars.join('').replace(/-+$/, '');
  }
  return `${stem}${slug ? `-${slug}` : ''}${suffix}`;
}

/** Whether a file name is one Splits would write: a test's check and a last guard before any write. */
export function isSafeFileName(name: string): boolean {
  const base = name.replace(/\.[^.]*$/, '');
  return (
    name.length > 0 &&
    [...name].length <= MAX_FILE_NAME_CHARS &&
    Buffer.byteLength(name, 'utf8') <= MAX_FILE_NAME_BYTES &&
    /^[\p{L}\p{N}][\p{L}\p{N}-]*\.[a-z]+$/u.test(name) &&
    !RESERVED.test(base)
  );
}

/** Whether a name is one an export writes: the whole export's CSV, or an activity's own file (`activityFileName`). */
export function isExportFileName(name: string): boolean {
  if (name === CSV_FILE_NAME) return true;
  const extension = /^(?:\d{4}-\d{2}-\d{2}|undated)-\d+(?:-[\p{L}\p{N}-]+)?\.([a-z]+)$/u.exec(name)?.[1];
  return extension !== undefined && (EXPORT_FORMATS as readonly string[]).includes(extension) && isSafeFileName(name);
}

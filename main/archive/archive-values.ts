// Values as activities.csv writes them, which depends on the account's language: numbers with a decimal point or
// comma, dates in words ("Oct 7, 2020, 2:43:11 PM", "7 oct. 2020, 14:43:11") or digits ("07.10.2020, 14:43:11"),
// sport types in words ("Radfahrt"). Strava writes the activity date in UTC.

/** A number written with a decimal point or comma (and maybe thousands separators); null when it is none. */
export function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  let t = text.trim().replace(/[\s\u00A0\u202F]/g, '');
  if (t === '') return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  // The separator that comes last is the decimal one; the other groups thousands.
  if (comma > dot) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function parseBoolean(text: string | undefined): boolean | null {
  const t = text?.trim().toLowerCase();
  if (t === undefined || t === '') return null;
  if (['true', '1', 'wahr', 'vrai', 'verdadero', 'yes', 'ja', 'oui', 'sí', 'si'].includes(t)) return true;
  if (['false', '0', 'falsch', 'faux', 'falso', 'no', 'nein', 'non'].includes(t)) return false;
  return null;
}

/** Month names (and their short forms) in the languages of the column table, lower case, without dots. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['jan', 'january', 'januar', 'jän', 'janv', 'janvier', 'ene', 'enero'],
  ['feb', 'february', 'februar', 'févr', 'fevr', 'février', 'feb', 'febrero'],
  ['mar', 'march', 'märz', 'mär', 'mrz', 'mars', 'marzo'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril'],
  ['may', 'mai', 'may', 'mayo'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'decembre', 'décembre', 'dic', 'diciembre'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** The activity date as ISO UTC ("2020-10-07T14:43:11Z"), or null when the text is no date Splits knows. */
export function parseArchiveDate(text: string | undefined): string | null {
  const t = text
    ?.trim()
    .toLowerCase()
    .replace(/\u00A0|\u202F/g, ' ');
  if (!t) return null;
  let y: number, mo: number, d: number;
  let rest: string;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ t,]*(.*)$/.exec(t))) {
    [y, mo, d, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  } else if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s*(.*)$/.exec(t))) {
    // Day first: German, French and Spanish write 07.10.2020 or 07/10/2020.
    [d, mo, y, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  } else if ((m = /^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s*(.*)$/u.exec(t))) {
    // Month first: "oct 7, 2020, 2:43:11 pm".
    const month = MONTHS[m[1]!.replace(/\.$/, '')];
    if (!month) return null;
    [mo, d, y, rest] = [month, Number(m[2]), Number(m[3]), m[4]!];
  } else if ((m = /^(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]+)\.?\s+(?:de\s+)?(\d{4}),?\s*(.*)$/u.exec(t))) {
    // Day first, month in words: "7 oct. 2020, 14:43:11", "7. Okt. 2020, 14:43:11", "7 de oct. de 2020 14:43:11".
    const month = MONTHS[m[2]!];
    if (!month) return null;
    [d, mo, y, rest] = [Number(m[1]), month, Number(m[3]), m[4]!];
  } else {
    return null;
  }
  const time =
    /^(?:um\s+|à\s+|a las\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*(?:utc|z)?$/.exec(
      rest.trim(),
    );
  if (rest.trim() !== '' && !time) return null;
  let h = time ? Number(time[1]) : 0;
  const min = time ? Number(time[2]) : 0;
  const s = time?.[3] ? Number(time[3]) : 0;
  const half = time?.[4]?.replace(/[.\s]/g, '');
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || min > 59 || s > 59 || y < 1970 || y > 9999) return null;
  const ms = Date.UTC(y, mo - 1, d, h, min, s);
  if (new Date(ms).getUTCDate() !== d) return null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Strava's sport types as the archive names them in each language, to the API's `sport_type`. */
const SPORT_TYPES: Record<string, string> = {};
const SPORT_NAMES: Array<[string, string[]]> = [
  ['Run', ['Run', 'Lauf', 'Laufen', 'Course à pied', 'Course', 'Carrera', 'Correr']],
  ['TrailRun', ['Trail Run', 'Traillauf', 'Trailrun', 'Trail', 'Carrera por montaña']],
  ['VirtualRun', ['Virtual Run', 'Virtueller Lauf', 'Course virtuelle', 'Carrera virtual']],
  ['Ride', ['Ride', 'Radfahrt', 'Radfahren', 'Vélo', 'Sortie à vélo', 'Bicicleta', 'Ciclismo']],
  ['VirtualRide', ['Virtual Ride', 'Virtuelle Radfahrt', 'Vélo virtuel', 'Bicicleta virtual']],
  ['MountainBikeRide', ['Mountain Bike Ride', 'Mountainbike-Fahrt', 'VTT', 'Bicicleta de montaña']],
  ['GravelRide', ['Gravel Ride', 'Gravel-Fahrt', 'Gravel', 'Bicicleta de gravel']],
  ['EBikeRide', ['E-Bike Ride', 'E-Bike-Fahrt', 'Vélo électrique', 'Bicicleta eléctrica']],
  ['Swim', ['Swim', 'Schwimmen', 'Natation', 'Natación']],
  ['Walk', ['Walk', 'Spaziergang', 'Gehen', 'Marche', 'Caminata', 'Caminar']],
  ['Hike', ['Hike', 'Wanderung', 'Wandern', 'Randonnée', 'Senderismo', 'Excursionismo']],
  [
    'WeightTraining',
    ['Weight Training', 'Krafttraining', 'Musculation', 'Entraînement aux poids', 'Entrenamiento con pesas'],
  ],
  ['Workout', ['Workout', 'Training', 'Entraînement', 'Entrenamiento']],
  ['Yoga', ['Yoga']],
  ['Rowing', ['Rowing', 'Rudern', 'Aviron', 'Remo']],
  ['AlpineSki', ['Alpine Ski', 'Ski Alpin', 'Alpinski', 'Ski alpin', 'Esquí alpino']],
  ['NordicSki', ['Nordic Ski', 'Skilanglauf', 'Langlauf', 'Ski nordique', 'Esquí nórdico']],
];
for (const [type, names] of SPORT_NAMES) for (const n of names) SPORT_TYPES[n.toLowerCase()] = type;

/** The API's sport type for the archive's name of it; an unknown name is kept, without spaces (as the API writes them). */
export function sportType(text: string | undefined): string | null {
  const t = text?.trim();
  if (!t) return null;
  return SPORT_TYPES[t.toLowerCase()] ?? t.replace(/\s+/g, '');
}

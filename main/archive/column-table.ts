// The columns of Strava's activities.csv that Splits reads, in one place. Their names follow the account's language
// and have changed over the years, so each field lists every name it goes by; names are compared without case,
// accents, punctuation or spaces ("Max. Herzfrequenz" is "maxherzfrequenz").
//
// Duplicates. Since about 2019 the English file repeats some names: the first "Elapsed Time", "Distance",
// "Max Heart Rate", "Relative Effort" and "Commute" sit in the short summary block at the start (distance in the
// athlete's unit, km or miles, rounded to 0.01; time in whole seconds), and the same names come again in the long
// block that follows, in metres and seconds at full precision. Splits takes the last non-empty column of a name (the
// precise one) and falls back to the earlier ones, converting the summary distance from km: the file does not say
// which unit that block is in, and km is the one every archive without the precise block used (activities-csv.ts).
// Older archives have one "Distance" column only, in km: it is read as km.

export type ArchiveField =
  | 'id'
  | 'date'
  | 'name'
  | 'type'
  | 'description'
  | 'elapsedTime'
  | 'movingTime'
  | 'distance'
  | 'elevationGain'
  | 'elevationLow'
  | 'elevationHigh'
  | 'maxSpeed'
  | 'averageSpeed'
  | 'maxHeartRate'
  | 'averageHeartRate'
  | 'averageCadence'
  | 'maxWatts'
  | 'averageWatts'
  | 'weightedAverageWatts'
  | 'calories'
  | 'averageTemperature'
  | 'relativeEffort'
  | 'commute'
  | 'gear'
  | 'filename';

/** Each field's names: English (old and new), German, French, Spanish. */
export const COLUMN_NAMES: Record<ArchiveField, readonly string[]> = {
  id: ['Activity ID', 'Aktivitäts-ID', 'Aktivitaets-ID', "ID de l'activité", 'ID de actividad', 'ID de la actividad'],
  date: [
    'Activity Date',
    'Datum der Aktivität',
    'Aktivitätsdatum',
    "Date de l'activité",
    'Fecha de la actividad',
    'Fecha de actividad',
  ],
  name: [
    'Activity Name',
    'Name der Aktivität',
    'Aktivitätsname',
    "Nom de l'activité",
    'Nombre de la actividad',
    'Nombre de actividad',
  ],
  type: ['Activity Type', 'Aktivitätsart', 'Aktivitätstyp', "Type d'activité", 'Tipo de actividad'],
  description: [
    'Activity Description',
    'Beschreibung der Aktivität',
    'Aktivitätsbeschreibung',
    "Description de l'activité",
    'Descripción de la actividad',
  ],
  elapsedTime: ['Elapsed Time', 'Verstrichene Zeit', 'Gesamtzeit', 'Temps écoulé', 'Tiempo transcurrido'],
  movingTime: [
    'Moving Time',
    'Bewegungszeit',
    'Zeit in Bewegung',
    'Durée de déplacement',
    'Temps de déplacement',
    'Tiempo en movimiento',
  ],
  distance: ['Distance', 'Distanz', 'Strecke', 'Distancia'],
  elevationGain: [
    'Elevation Gain',
    'Höhenzunahme',
    'Höhenmeter',
    'Dénivelé positif',
    'Desnivel positivo',
    'Ganancia de elevación',
  ],
  elevationLow: ['Elevation Low', 'Niedrigste Höhe', 'Altitude minimale', 'Elevación mínima'],
  elevationHigh: ['Elevation High', 'Höchste Höhe', 'Altitude maximale', 'Elevación máxima'],
  maxSpeed: [
    'Max Speed',
    'Max. Geschwindigkeit',
    'Maximale Geschwindigkeit',
    'Vitesse max.',
    'Vitesse maximale',
    'Velocidad máxima',
  ],
  averageSpeed: [
    'Average Speed',
    'Durchschnittliche Geschwindigkeit',
    'Durchschnittsgeschwindigkeit',
    'Vitesse moyenne',
    'Velocidad media',
    'Velocidad promedio',
  ],
  maxHeartRate: [
    'Max Heart Rate',
    'Max. Herzfrequenz',
    'Maximale Herzfrequenz',
    'Fréquence cardiaque max.',
    'Fréquence cardiaque maximale',
    'Frecuencia cardiaca máxima',
    'Frecuencia cardíaca máxima',
  ],
  averageHeartRate: [
    'Average Heart Rate',
    'Durchschnittliche Herzfrequenz',
    'Fréquence cardiaque moyenne',
    'Frecuencia cardiaca media',
    'Frecuencia cardíaca promedio',
  ],
  averageCadence: ['Average Cadence', 'Durchschnittliche Trittfrequenz', 'Cadence moyenne', 'Cadencia media'],
  maxWatts: ['Max Watts', 'Max. Watt', 'Puissance max.', 'Vatios máximos'],
  averageWatts: ['Average Watts', 'Durchschnittliche Watt', 'Puissance moyenne', 'Vatios medios'],
  weightedAverageWatts: [
    'Weighted Average Power',
    'Gewichtete Durchschnittsleistung',
    'Puissance moyenne pondérée',
    'Potencia media ponderada',
  ],
  calories: ['Calories', 'Kalorien', 'Calorías'],
  averageTemperature: ['Average Temperature', 'Durchschnittstemperatur', 'Température moyenne', 'Temperatura media'],
  relativeEffort: ['Relative Effort', 'Relative Leistung', 'Effort relatif', 'Esfuerzo relativo'],
  commute: ['Commute', 'Pendeln', 'Pendelfahrt', 'Trajet domicile-travail', 'Desplazamiento'],
  gear: [
    'Activity Gear',
    'Aktivitätsausrüstung',
    'Ausrüstung der Aktivität',
    "Équipement de l'activité",
    'Equipo de la actividad',
    'Equipamiento de la actividad',
  ],
  filename: ['Filename', 'Dateiname', 'Nom du fichier', 'Nombre del archivo', 'Nombre de archivo'],
};

/**
 * Columns Strava exports that Splits does not use: known, so not counted as unknown. (Other languages' unused columns
 * beyond these count as unknown: harmless, and the summary names them.)
 */
const KNOWN_UNUSED = [
  'Activity Private Note',
  'Athlete Weight',
  'Bike Weight',
  'Elevation Loss',
  'Max Grade',
  'Average Grade',
  'Average Positive Grade',
  'Average Negative Grade',
  'Max Cadence',
  'Max Temperature',
  'Total Work',
  'Number of Runs',
  'Uphill Time',
  'Downhill Time',
  'Other Time',
  'Perceived Exertion',
  'Type',
  'Start Time',
  'Power Count',
  'Prefer Perceived Exertion',
  'Perceived Relative Effort',
  'Total Weight Lifted',
  'From Upload',
  'Grade Adjusted Distance',
  'Weather Observation Time',
  'Weather Condition',
  'Weather Temperature',
  'Apparent Temperature',
  'Dewpoint',
  'Humidity',
  'Weather Pressure',
  'Wind Speed',
  'Wind Gust',
  'Wind Bearing',
  'Precipitation Intensity',
  'Sunrise Time',
  'Sunset Time',
  'Moon Phase',
  'Bike',
  'Gear',
  'Precipitation Probability',
  'Precipitation Type',
  'Cloud Cover',
  'Weather Visibility',
  'UV Index',
  'Weather Ozone',
  'Jump Count',
  'Total Grit',
  'Average Flow',
  'Flagged',
  'Average Elapsed Speed',
  'Dirt Distance',
  'Newly Explored Distance',
  'Newly Explored Dirt Distance',
  'Activity Count',
  'Total Steps',
  'Carbon Saved',
  'Pool Length',
  'Training Load',
  'Intensity',
  'Average Grade Adjusted Pace',
  'Timer Time',
  'Total Cycles',
  'Media',
  // The private note and the weights, in the other languages (the private note is the person's alone: not kept).
  'Private Notiz zur Aktivität',
  'Sportlergewicht',
  'Fahrradgewicht',
  "Note privée de l'activité",
  "Poids de l'athlète",
  'Poids du vélo',
  'Nota privada de la actividad',
  'Peso del deportista',
  'Peso de la bicicleta',
];

/** A header as compared: no case, accents, punctuation or spaces. */
export const headerKey = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const FIELD_OF = new Map<string, ArchiveField>();
for (const [field, names] of Object.entries(COLUMN_NAMES) as Array<[ArchiveField, readonly string[]]>)
  for (const n of names) FIELD_OF.set(headerKey(n), field);
const UNUSED = new Set(KNOWN_UNUSED.map(headerKey));

export interface ColumnMap {
  /** Each field's column indexes, in the file's order (several when the name repeats). */
  readonly columns: ReadonlyMap<ArchiveField, readonly number[]>;
  /** Header names that no table entry knows (ignored). */
  readonly unknown: readonly string[];
}

/** Columns of a header read at the most: Strava's has about 90, and every row is looked up through them. */
export const MAX_COLUMNS = 1_000;

/** Which columns hold which field, in one pass over the header. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const columns = new Map<ArchiveField, number[]>();
  const unknown = new Set<string>();
  header.forEach((name, index) => {
    const key = headerKey(name);
    const field = FIELD_OF.get(key);
    if (field) {
      const indexes = columns.get(field);
      if (indexes) indexes.push(index);
      else columns.set(field, [index]);
    } else if (key !== '' && !UNUSED.has(key)) unknown.add(name);
  });
  return { columns, unknown: [...unknown] };
}

/**
 * The value of a field in a record: its last non-empty column (the precise one when the name repeats). `precise` is
 * false when it came from the summary block, or from a file with one column of that name (older archives): for the
 * distance, that one is in km.
 */
export function fieldValue(
  map: ColumnMap,
  record: readonly string[],
  field: ArchiveField,
): { value: string; precise: boolean } | null {
  const indexes = map.columns.get(field) ?? [];
  for (let i = indexes.length - 1; i >= 0; i--) {
    const value = record[indexes[i]!]?.trim() ?? '';
    if (value !== '') return { value, precise: i > 0 };
  }
  return null;
}

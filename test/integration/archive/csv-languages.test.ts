import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readActivitiesCsv } from '../../../main/archive/activities-csv';
import { ArchiveError } from '../../../main/archive/archive-error';
import { parseArchiveDate, parseNumber } from '../../../main/archive/archive-values';

const read = (text: string) => readActivitiesCsv(Readable.from([Buffer.from(text)]));

describe("activities.csv in Strava's languages", () => {
  it.each([
    [
      'English (before 2019: one Distance column, in km)',
      'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Commute,Activity Gear,Filename\n42,"Oct 7, 2020, 2:43:11 PM",Evening chill,Ride,"Windy, cold",5601,18.96,false,Pathfinder,activities/42.gpx\n',
    ],
    [
      'French',
      'ID de l\'activité,Date de l\'activité,Nom de l\'activité,Type d\'activité,Description de l\'activité,Temps écoulé,Distance,Équipement de l\'activité,Nom du fichier,Temps écoulé,Durée de déplacement,Distance,Dénivelé positif,Fréquence cardiaque moyenne,Calories\n42,"7 oct. 2020, 14:43:11",Evening chill,Vélo,"Windy, cold",5601,"18,96",Pathfinder,activities/42.gpx,5601.0,4567.0,18962.8,110.0,131.5,612\n',
    ],
    [
      'Spanish',
      'ID de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad,Descripción de la actividad,Tiempo transcurrido,Distancia,Equipo de la actividad,Nombre de archivo,Tiempo transcurrido,Tiempo en movimiento,Distancia,Desnivel positivo,Frecuencia cardiaca media,Calorías\n42,"7 oct 2020, 14:43:11",Evening chill,Bicicleta,"Windy, cold",5601,"18,96",Pathfinder,activities/42.gpx,5601.0,4567.0,18962.8,110.0,131.5,612\n',
    ],
    [
      'German (a byte order mark, dates in digits)',
      '\uFEFFAktivitäts-ID,Datum der Aktivität,Name der Aktivität,Aktivitätsart,Beschreibung der Aktivität,Verstrichene Zeit,Distanz,Aktivitätsausrüstung,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz,Höhenzunahme,Durchschnittliche Herzfrequenz,Kalorien\n42,"07.10.2020, 14:43:11",Evening chill,Radfahrt,"Windy, cold",5601,"18,96",Pathfinder,activities/42.gpx,5601.0,4567.0,18962.8,110.0,131.5,612\n',
    ],
  ])('%s', async (_language, text) => {
    const csv = await read(text);
    expect(csv).toMatchObject({ rowsRead: 1, skipped: [], unknownColumns: [] });
    const row = csv.rows[0]!;
    expect(row).toMatchObject({
      id: 42,
      startDate: '2020-10-07T14:43:11Z',
      name: 'Evening chill',
      sportType: 'Ride',
      description: 'Windy, cold',
      gear: 'Pathfinder',
      filename: 'activities/42.gpx',
      elapsedTime: 5601,
    });
    // The precise distance in metres where the file has it; the summary's km otherwise.
    expect(row.distance).toBe(text.includes('18962.8') ? 18962.8 : 18960);
  });

  it('reads the dates and numbers each language writes, and refuses what is none', () => {
    expect(parseArchiveDate('Jan 1, 2024, 12:05:00 AM')).toBe('2024-01-01T00:05:00Z');
    expect(parseArchiveDate('Dec 31, 2023, 12:59:59 PM')).toBe('2023-12-31T12:59:59Z');
    expect(parseArchiveDate('3. März 2021, 06:00:00')).toBe('2021-03-03T06:00:00Z');
    expect(parseArchiveDate('15 de ene. de 2022, 7:30:00')).toBe('2022-01-15T07:30:00Z');
    expect(parseArchiveDate('2022-01-15 07:30:00')).toBe('2022-01-15T07:30:00Z');
    for (const bad of [
      '',
      'someday',
      'Feb 30, 2024, 1:00:00 PM',
      '31.02.2024, 10:00:00',
      'Oct 7, 2020, 25:00:00',
      'Smarch 3, 2020',
    ])
      expect(parseArchiveDate(bad)).toBeNull();
    expect([
      parseNumber('1.234,5'),
      parseNumber('1,234.5'),
      parseNumber('18,96'),
      parseNumber('-3'),
      parseNumber(''),
      parseNumber('12a'),
      parseNumber('Infinity'),
    ]).toEqual([1234.5, 1234.5, 18.96, -3, null, null, null]);
  });

  it('a CSV that cannot be parsed is refused in words', async () => {
    const error = await read('Activity ID,Activity Name\n1,"unclosed\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(
      /^The archive's activities\.csv cannot be read \(.*\)\. Nothing was imported\./,
    );
    await expect(read('')).rejects.toThrow(/activities\.csv is empty/);
  });
});

// The CSV export against formula injection (OWASP's CSV injection guidance), read the way a spreadsheet may read it:
// split on any separator it may be set to, quotes ignored, each piece trimmed.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvLines, type Column } from '../../../main/export/csv-text';

// The test's own reading of the guidance, not the code's: what starts a formula, and where a spreadsheet may split.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const ANY_FORMULA_CHAR = /[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const SPLITS = /[,;|\t\r\n]/;
/** Whitespace and double quotes off both ends; not the apostrophe, which is what makes a spreadsheet show the text. */
const trimmed = (field: string) => field.replace(/^[\s"]+|[\s"]+$/g, '');

const TEXT_COLUMNS: Column[] = [
  { key: 'name', header: 'Name' },
  { key: 'sport', header: 'Sport' },
  { key: 'description', header: 'Description' },
];

/** Text built to hit the rule: formula characters, separators, whitespace of several kinds and quotes, among any others. */
const hostileText = fc.string({
  unit: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '\uFF1D',
        '\uFF0B',
        '\uFF0D',
        '\uFF20',
        ',',
        ';',
        '|',
        '\t',
        '\r',
        '\n',
        ' ',
        '\u00A0',
        '\u3000',
        '"',
        "'",
      ),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }) },
  ),
  maxLength: 40,
});
const textRow = fc.record({ name: hostileText, sport: hostileText, description: hostileText });

const readBack = (csv: string) => parse(csv, { relax_column_count: false }) as string[][];

/** Whether `out` is `text` with apostrophes added and nothing else changed. */
function onlyApostrophesAdded(text: string, out: string): boolean {
  let j = 0;
  for (const ch of out.split('')) {
    if (j < text.length && ch === text[j]) j++;
    else if (ch !== "'") return false;
  }
  return j === text.length;
}

describe('the CSV export against formula injection', () => {
  it('leaves no field starting with a formula character, however the line is split (property)', () => {
    fc.assert(
      fc.property(textRow, (row) => {
        for (const field of csvLines([row], TEXT_COLUMNS).split(SPLITS))
          expect(trimmed(field)).not.toMatch(FORMULA_START);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each text back whole to a CSV reader: apostrophes added, nothing else; a text with no formula character unchanged (property)', () => {
    fc.assert(
      fc.property(textRow, (row) => {
        const [cells] = readBack(csvLines([row], TEXT_COLUMNS));
        TEXT_COLUMNS.forEach(({ key }, i) => {
          const text = row[key as keyof typeof row];
          expect(onlyApostrophesAdded(text, cells![i]!), JSON.stringify([text, cells![i]])).toBe(true);
          if (!ANY_FORMULA_CHAR.test(text) && !/^[\t\r]/.test(text)) expect(cells![i]).toBe(text);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes every text cell and leaves numbers bare, negative ones included (property)', () => {
    const number = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    );
    const columns: Column[] = [
      { key: 'name', header: 'Name' },
      { key: 'value', header: 'Value' },
    ];
    fc.assert(
      fc.property(hostileText, number, (name, value) => {
        const line = csvLines([{ name, value }], columns);
        expect(line.startsWith('"')).toBe(true);
        expect(line.endsWith(`",${String(value)}\r\n`)).toBe(true);
      }),
    );
  });

  it("defuses the issue's cases and OWASP's, and changes nothing in ordinary names", () => {
    const cell = (text: string) => readBack(csvLines([{ name: text }], [{ key: 'name', header: 'Name' }]))[0]![0];
    const cases: Array<[string, string]> = [
      ["Ride;=cmd|' /C calc'!A0;", "Ride;'=cmd|' /C calc'!A0;"],
      ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
      ['+1+1', "'+1+1"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['  =1+1', "  '=1+1"],
      ['\n=1+1', "\n'=1+1"],
      ['\uFF1D1+1', "'\uFF1D1+1"],
      ['Ride, \uFF20SUM(A1)', "Ride, '\uFF20SUM(A1)"],
      ['Loop|"=1"', `Loop|"'=1"`],
      ['\tnote', "'\tnote"],
      ['\r=1', "'\r'=1"],
    ];
    for (const [text, shown] of cases) expect(cell(text), JSON.stringify(text)).toBe(shown);
    for (const fine of [
      'Morning Run',
      'Zwift - Watopia',
      '5k = fast',
      'Tom & Jerry',
      "'quoted",
      'Crème brûlée, "quoted"\nsecond line',
      '',
    ])
      expect(cell(fine)).toBe(fine);
    // A number is a number: not quoted, not prefixed.
    expect(
      csvLines(
        [{ name: 'Dip', value: -3.5 }],
        [
          { key: 'name', header: 'Name' },
          { key: 'value', header: 'Value' },
        ],
      ),
    ).toBe('"Dip",-3.5\r\n');
  });

  it('starts the file with the byte order mark and the quoted column names', () => {
    expect(csvHeader(TEXT_COLUMNS)).toBe('\uFEFF"Name","Sport","Description"\r\n');
  });
});

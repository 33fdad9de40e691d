import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { spreadsheetDate } from '../../../main/export/csv-rows';
import { fitCell, MAX_CELL_CHARS } from '../../../main/export/csv-text';
import { xmlText } from '../../../main/export/xml-text';

describe('text from other hands', () => {
  it('escapes XML and drops what XML 1.0 cannot hold, so a parser reads the text back', () => {
    const nasty = `Tom & Jerry's <run> "quoted" \u0001\u0008\u000B\u001F\uFFFE bell\u0007 🏃 \uD800 ]]> café`;
    const xml = `<?xml version="1.0"?><a t="${xmlText(nasty)}">${xmlText(nasty)}</a>`;
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      processEntities: true,
      parseTagValue: false,
      trimValues: false,
    }).parse(xml) as {
      a: { '#text': string; '@t': string };
    };
    const expected = `Tom & Jerry's <run> "quoted"  bell 🏃  ]]> café`;
    expect(parsed.a['#text']).toBe(expected);
    expect(parsed.a['@t']).toBe(expected);
    expect(xmlText(nasty)).not.toMatch(/[<>]/);
  });

  it('cuts a text to what a spreadsheet cell holds, never inside an emoji, and says it was cut', () => {
    expect(fitCell('short')).toBe('short');
    expect(fitCell('x'.repeat(MAX_CELL_CHARS))).toHaveLength(MAX_CELL_CHARS);
    const cut = fitCell('🏃'.repeat(40_000));
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cut.endsWith('🏃 […]')).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('writes dates a spreadsheet parses', () => {
    expect(spreadsheetDate('2024-05-01T07:30:05Z')).toBe('2024-05-01 07:30:05');
    expect(spreadsheetDate(undefined)).toBeNull();
    expect(spreadsheetDate('yesterday')).toBeNull();
  });
});

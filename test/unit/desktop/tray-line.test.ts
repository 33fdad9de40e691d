// The tray's status line when the promised time is long (the next day's, with its date): what is left gives way at a
// word's end, and the time stays whole. Pure functions, fixed words: no clock, no locale.
import { describe, expect, it } from 'vitest';
import { clipAtWord, fitLine, TOOLTIP_MAX } from '../../../main/desktop/tray-model';

const line = (keep: string) => ({
  lead: 'last sync 11:50 PM: ',
  body: 'Ada Lovelace: activities up to date, 412 activity details and 407 activity tracks to fetch',
  brief: 'Ada Lovelace: up to date, 412 details and 407 tracks to fetch',
  keep,
});
// What the tooltip leaves the first line: 127, less "Splits: ", the reads line and the line break.
const ROOM = TOOLTIP_MAX - 'Splits: '.length - '920 of 1,000 reads left today'.length - 1;

describe("the tray's status line", () => {
  it('says what is left whole, in fewer words, when the promised time is short', () => {
    expect(fitLine(line(', continues at 11:45 PM'), ROOM)).toBe(
      'Ada Lovelace: up to date, 412 details and 407 tracks to fetch, continues at 11:45 PM',
    );
  });

  it.each([
    [', continues at Dec 7, 2026, 12:00 AM', 'Ada Lovelace: up to date, 412 details and 407 tracks…'],
    [', continues at Dec 31, 2026, 12:00 AM', 'Ada Lovelace: up to date, 412 details and 407…'],
    [', continues at 31.12.2026, 00:00', 'Ada Lovelace: up to date, 412 details and 407 tracks to…'],
  ])('gives up whole words of what is left, never part of one, to keep %s whole', (keep, kept) => {
    const fitted = fitLine(line(keep), ROOM);
    expect(fitted).toBe(`${kept}${keep}`);
    expect(fitted.length).toBeLessThanOrEqual(ROOM);
  });

  it('cuts at the last word that fits, drops a comma left at the cut, and cuts a text of one word as it must', () => {
    expect(clipAtWord('up to date, 412 details', 13)).toBe('up to date…');
    expect(clipAtWord('up to date, 412 details', 12)).toBe('up to date…');
    expect(clipAtWord('up to date', 10)).toBe('up to date');
    expect(clipAtWord('Hohenzollern-Sigmaringen', 10)).toBe('Hohenzoll…');
  });
});

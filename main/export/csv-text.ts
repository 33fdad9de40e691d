import { stringify } from 'csv-stringify/sync';

// The CSV text a spreadsheet opens as it is and never runs: text cells are shown as text, numbers stay numbers.

export type Cell = string | number | null;
export interface Column {
  key: string;
  header: string;
}

/** Excel holds at most 32,767 characters in a cell and spills the rest of a longer one over the next rows. */
export const MAX_CELL_CHARS = 32_767;
const CUT_MARK = ' […]';

/**
 * A formula character where a spreadsheet may start a cell, after any whitespace and quotes. The characters: OWASP's
 * CSV injection list (= + - @; its tab and carriage return are whitespace here, guarded below) and the fullwidth forms
 * Excel folds into them (＝ ＋ － ＠). The places: the start of the text, and after any separator a spreadsheet may
 * split on (a comma; a semicolon in German, French or Dutch Excel; a pipe; a tab) or a line break. A reader that
 * honours the quotes never splits there, but one told to split on another character, or a person pasting the cell,
 * does.
 */
const FORMULA_AT_CELL_START = /(^|[,;|\t\r\n])([\s"]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;

/**
 * Text that a spreadsheet must show, never run (CSV injection: `=HYPERLINK(...)` in an activity name somebody else
 * typed). A formula character that could start a cell gets an apostrophe just before it (OWASP's advice: the
 * spreadsheet shows the text, apostrophe included): at the start, after leading whitespace or a line break (which a
 * spreadsheet may trim), and after any separator (`Ride;=cmd|...` is two cells to a spreadsheet splitting on `;`).
 * A text starting with a tab or a carriage return gets one in front too. Nothing else changes.
 */
function safeText(text: string): string {
  const guarded = text.replace(FORMULA_AT_CELL_START, (_, separator: string, space: string) => `${separator}${space}'`);
  return /^[\t\r]/.test(guarded) ? `'${guarded}` : guarded;
}

/** A text cut to what a spreadsheet cell holds, marked as cut (a description can be 100,000 characters). */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let cut = text.slice(0, MAX_CELL_CHARS - CUT_MARK.length - 1);
  // Never half of a surrogate pair (an emoji).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${CUT_MARK}`;
}

/** A text cell made safe and then cut to fit (cutting never makes a formula: it only takes from the end). */
const textCell = (cell: Cell): Cell => (typeof cell === 'string' ? fitCell(safeText(cell)) : cell);

/**
 * Every text cell quoted (OWASP's advice: a separator or a line break inside it never starts a new cell to a reader
 * that honours quotes), numbers bare so that they stay numbers. Rows end in CRLF (RFC 4180).
 */
const OPTIONS = { record_delimiter: 'windows', quoted_string: true } as const;

/** The file's start: UTF-8's byte order mark (Excel reads accents right with it) and the column names. */
export function csvHeader(columns: Column[]): string {
  return stringify([], { ...OPTIONS, columns, bom: true, header: true });
}

/** Rows of the file, every text cell guarded. */
export function csvLines(rows: Array<Record<string, Cell>>, columns: Column[]): string {
  return stringify(
    rows.map((row) => Object.fromEntries(columns.map(({ key }) => [key, textCell(row[key] ?? null)]))),
    { ...OPTIONS, columns },
  );
}

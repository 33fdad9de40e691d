// A bound on each record of a CSV, kept on the bytes before csv-parse sees them. csv-parse builds a record whole
// before anything can look at it, and its own bound (`max_record_size`) counts the characters of the fields but not
// the commas between them: a row of a hundred million commas is a hundred million empty fields, an array V8 cannot
// hold (the process dies, uncatchable), from a zip of a few hundred kilobytes. The guard counts columns and bytes as
// the bytes stream past, in one loop, and stops the stream at the first record past a bound, before the parser gets it.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse, type Parser } from 'csv-parse';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Which bound a record went past. */
export type CsvBound = 'columns' | 'bytes';

export interface CsvRecordBounds {
  /** Columns of a record at the most. */
  maxColumns: number;
  /** Bytes of a record at the most (its line ending aside). */
  maxRecordBytes: number;
  /** The error the reading stops with; `header` when the record is the first (the empty lines before it aside). */
  refusal: (bound: CsvBound, header: boolean) => Error;
}

/**
 * The guard. It agrees with the parser on where fields and records end because the parser is told the same rules
 * (csvRecords below): a comma separates fields, CR, LF or CRLF ends a record, and a quote toggles quoting: `""`
 * inside a quoted field toggles it twice. csv-parse (without `relax_quotes`) refuses a quote anywhere but at the start
 * of a field, at its end or doubled inside it, so wherever the two could disagree the parser stops with an error
 * at that very byte, having held nothing more than the guard allowed.
 */
class CsvRecordGuard extends Transform {
  #quoted = false;
  #columns = 1;
  /** Bytes of the current record in earlier chunks. */
  #bytes = 0;
  /** Records ended that held a byte (the parser skips empty lines). */
  #records = 0;

  constructor(private readonly bounds: CsvRecordBounds) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const { maxColumns, maxRecordBytes } = this.bounds;
    // Where the current record starts in this chunk: its bytes are counted at its end, not one by one.
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) this.#quoted = !this.#quoted;
      else if (this.#quoted) continue;
      else if (byte === COMMA) {
        if (++this.#columns > maxColumns) return done(this.#refusal('columns'));
      } else if (byte === LF || byte === CR) {
        const bytes = this.#bytes + i - start;
        if (bytes > maxRecordBytes) return done(this.#refusal('bytes'));
        if (bytes > 0) this.#records++;
        this.#bytes = 0;
        this.#columns = 1;
        start = i + 1;
      }
    }
    this.#bytes += chunk.length - start;
    if (this.#bytes > maxRecordBytes) return done(this.#refusal('bytes'));
    done(null, chunk);
  }

  #refusal(bound: CsvBound): Error {
    return this.bounds.refusal(bound, this.#records === 0);
  }
}

/**
 * The records of a CSV (comma-separated, quoted with `"`, the byte order mark dropped, empty lines skipped, rows of
 * any length up to the bounds), read from `source` through the guard. Any error (the source's, the guard's refusal,
 * the parser's) destroys all three and comes out of the returned stream; destroying it destroys the source too.
 */
export function csvRecords(source: Readable, bounds: CsvRecordBounds): Parser {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Every line ending ends a record, as in the guard. Left to itself csv-parse takes the first line's ending for
    // the file's, and a lone LF in a CRLF file (or a CR in an LF one) would join a million lines into one record the
    // guard had counted as a million.
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  // The errors reach the reader through the parser, which pipeline destroys with them.
  pipeline(source, new CsvRecordGuard(bounds), parser, () => undefined);
  return parser;
}

// What one original file may make when it is decoded. The zip's sizes bound the bytes Splits reads, but not what a
// decoder makes of them: an 805-byte zip can hold a FIT file of 64 million empty records. Each bound is several times
// what a real recording reaches, and small enough that one file decodes in about a second and well under a gigabyte.

/** Samples in one track: 1 Hz recording for 55 hours (a 24-hour race at 1 Hz is 86,400). */
export const MAX_TRACK_SAMPLES = 200_000;

/** Bytes of one original file, unpacked (gzip included). A day-long GPX with heart rate and power is some 25 MB. */
export const MAX_ORIGINAL_FILE_BYTES = 64 * 1024 * 1024;

/** Bytes of one FIT file: a FIT record takes 20 to 40 bytes, so 200,000 of them fit in 8 MB. */
export const MAX_FIT_BYTES = 16 * 1024 * 1024;

/** Messages of every kind in one FIT file (records, laps, events, device info, definitions): twice the samples. */
export const MAX_FIT_MESSAGES = 2 * MAX_TRACK_SAMPLES;

/**
 * Field values the FIT decoder reads, summed over every data message (twice when it decodes the file again to merge a
 * chest strap's heart rates): a 24-hour ride at 1 Hz with a power meter and a heart-rate strap has some 1.3 million.
 * Bounds the decoder's time, a synchronous call a cancel cannot stop, to about a second.
 */
export const MAX_FIT_FIELD_VALUES = 2_000_000;

/** Developer field descriptions (a Connect IQ app's or a sensor's own fields): a real file has a handful. */
export const MAX_FIT_FIELD_DESCRIPTIONS = 256;

/**
 * Developer field values times the descriptions known when each is read: Garmin's decoder looks each value's
 * description up in a list, so the two multiply.
 */
export const MAX_FIT_DEVELOPER_WORK = 20_000_000;

/** Elements in one GPX or TCX file: a point with heart rate, cadence and power is about 12 of them. */
export const MAX_XML_ELEMENTS = 25 * MAX_TRACK_SAMPLES;

/** How deep elements nest in a GPX or TCX file: a TCX point's values are 7 levels down. */
export const MAX_XML_DEPTH = 32;

/** Characters of one element's text that Splits reads (a time, a number): more is no value of a track's. */
export const MAX_XML_TEXT_CHARS = 256;

const thousands = (n: number) => n.toLocaleString('en-US');

/** The reason given for a file past a bound: the activity is imported, without a track. */
export const tooLarge = (what: string, bound: number): string =>
  `it holds more than ${thousands(bound)} ${what}, more than any recording Splits keeps; the activity is imported without its track`;

export const tooManyBytes = (bound: number): string =>
  `it is larger than ${Math.round(bound / 1024 / 1024)} MB unpacked; the activity is imported without its track`;

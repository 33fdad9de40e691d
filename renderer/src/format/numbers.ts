// Numbers in the person's own style (1,234.5 or 1.234,5), from the locale the window runs in (Intl's default).
// Every function takes the locale last, so tests can pin one; the window leaves it out.

/** Intl.NumberFormat is costly to make and a table formats thousands of cells: one per locale and digits. */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(digits: number, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${digits}`;
  let format = formats.get(key);
  if (!format)
    formats.set(
      key,
      (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })),
    );
  return format;
}

/** A number with exactly `digits` decimals and the locale's thousands separators: 1,234.50. */
export function decimal(value: number, digits: number, locale?: string): string {
  return numberFormat(digits, locale).format(value);
}

/** A count or a rounded measure, with thousands separators: 12,345. */
export function integer(value: number, locale?: string): string {
  return numberFormat(0, locale).format(Math.round(value));
}

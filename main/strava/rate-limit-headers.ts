// Strava's rate-limit headers as the limiter reads them (developers.strava.com/docs/rate-limits): names matched
// case-insensitively, values "15-minute,daily".

/** A reader of response headers by lower-case name; arrays give their first value. */
export function headerReader(headers: Record<string, unknown>): (name: string) => string | null {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => {
    const v = lower.get(name);
    return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : null;
  };
}

/** "15-minute,daily" as two safe integers of at least `min`, or null: only what the saved state's schema accepts. */
export function pair(value: string | null, min: number): [number, number] | null {
  if (!value) return null;
  const parts = value.split(',').map((p) => (/^\s*\d+\s*$/.test(p) ? Number(p) : Number.NaN));
  if (parts.length !== 2 || parts.some((n) => !Number.isSafeInteger(n) || n < min)) return null;
  return [parts[0]!, parts[1]!];
}

import type { z } from 'zod';
import { summaryActivityCheck, type SummaryActivity } from './schemas';
import { validate as compiledSummaryCheck } from './summary-check.generated';

/**
 * summaryActivityCheck's verdict, from the same rule compiled into one function ahead of time
 * (scripts/summary-check-source.ts): quick from the first page of a new process. True means zod would accept the
 * record too; false, that zod is asked, for its verdict and its message.
 */
const passesCompiledCheck = compiledSummaryCheck as (record: unknown) => boolean;

/**
 * Limits on one activity as Strava sends it. Real activities are far below them (a name is at most a few hundred
 * characters, a summary polyline of a long ride tens of kilobytes); a record beyond them is set aside, not stored.
 */
export const ACTIVITY_LIMITS = { nameChars: 2_000, descriptionChars: 100_000, summaryBytes: 512 * 1024 } as const;

/** A listed record that Splits could not store, named for the warning the person sees. */
export interface RejectedActivity {
  /** Strava's id when the record has a usable one (it still exists on Strava: never delete it locally). */
  id: number | null;
  reason: string;
}

export interface ActivityPage {
  activities: SummaryActivity[];
  rejected: RejectedActivity[];
  /** Records Strava sent, good or bad: only zero means an empty page. */
  size: number;
}

/**
 * Parses a page of GET /athlete/activities record by record: one bad record (an id as a string, a missing
 * start_date, a 10 MB name) is set aside with its reason, and the good ones on the same page are kept. A page that is
 * not an array at all is the only failure of the whole page.
 */
export function parseActivityPage(data: unknown): ActivityPage | null {
  if (!Array.isArray(data)) return null;
  const page: ActivityPage = { activities: [], rejected: [], size: data.length };
  for (const raw of data) {
    const id = idOf(raw);
    const checked = passesCompiledCheck(raw) ? null : summaryActivityCheck.safeParse(raw);
    if (checked && !checked.success) {
      page.rejected.push({ id, reason: describe(checked.error) });
      continue;
    }
    // Strava's object as received, every field kept (checked above, and nothing in the check transforms).
    const activity = raw as SummaryActivity;
    const tooBig = oversized(activity);
    if (tooBig) page.rejected.push({ id, reason: tooBig });
    else page.activities.push(activity);
  }
  return page;
}

function idOf(raw: unknown): number | null {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'unreadable';
}

/** Why a record is too large to keep, or null. Cheap for the usual record: only its strings are measured. */
export function oversized(activity: SummaryActivity): string | null {
  if (activity.name.length > ACTIVITY_LIMITS.nameChars)
    return `name: ${activity.name.length} characters (at most ${ACTIVITY_LIMITS.nameChars})`;
  if (stringBytes(activity, 0) > ACTIVITY_LIMITS.summaryBytes)
    return `record larger than ${ACTIVITY_LIMITS.summaryBytes / 1024} KB`;
  return null;
}

/**
 * Roughly the record's size in characters: strings by length, anything else 8. Loops without allocating, since it
 * runs for every record of every page.
 */
function stringBytes(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || depth > 8) return 8;
  let sum = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) sum += stringBytes(value[i], depth + 1) + 8;
    return sum;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) sum += key.length + stringBytes(record[key], depth + 1);
  return sum;
}

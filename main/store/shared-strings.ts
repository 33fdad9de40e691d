import type { SummaryActivity } from '../strava/schemas';

/**
 * The summary fields whose values repeat across a history: a few time zones, devices, sports, visibilities, gear and
 * names ("Morning Run"). JSON.parse makes a copy of each value for each activity; the store keeps one, held all day by
 * the tray app (2.6 MB of copies at 20,000 activities: issue 20, item 14). Only copies of one value become one string:
 * every value stays what it was.
 */
const REPEATING_FIELDS = ['timezone', 'device_name', 'sport_type', 'type', 'visibility', 'gear_id', 'name'] as const;

/** Longer values are seldom repeated (a name written for one activity): not worth keeping for a later match. */
const MAX_SHARED_LENGTH = 64;

export class SharedStrings {
  private readonly kept = new Map<string, string>();

  /** Points the activity's repeating fields at the copies already kept, keeping the first of each value seen. */
  share(activity: SummaryActivity): void {
    const record = activity as Record<string, unknown>;
    for (const field of REPEATING_FIELDS) {
      const value = record[field];
      if (typeof value !== 'string' || value.length > MAX_SHARED_LENGTH) continue;
      const kept = this.kept.get(value);
      if (kept === undefined) this.kept.set(value, value);
      else record[field] = kept;
    }
  }
}

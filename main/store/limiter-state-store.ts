import { join } from 'node:path';
import { z } from 'zod';
import { rateLimiterStateSchema, type RateLimiterPersistence } from '../strava/rate-limit-state';
import { openDocument, type ProblemReporter } from './json-document';
import { readNoFollow } from './no-follow';

const fileSchema = z.object({ version: z.literal(1), state: rateLimiterStateSchema.nullable() });

/**
 * The rate limiter's windows on disk, so a new process (the CLI, a restart) knows what is already spent. Only a state
 * that the schema accepts is written: a file that would fail to load at the next start (and be moved aside, losing
 * the record of a spent window) is refused here instead.
 */
export async function openLimiterState(dataDir: string, report: ProblemReporter): Promise<RateLimiterPersistence> {
  const path = join(dataDir, 'rate-limit.json');
  const doc = await openDocument(
    path,
    {
      schema: fileSchema,
      version: 1,
      empty: () => ({ version: 1 as const, state: null }),
    },
    report,
    // Not behind the data folder's lock or fence: a login writes it too, and a count only ever goes up by the lease.
    null,
  );
  return {
    load: () => (doc.data.state ? structuredClone(doc.data.state) : null),
    // The file as it is now, for a process deciding whether another one wrote since; unreadable (a link included, never
    // followed) means "not known".
    loadFresh: async () => {
      try {
        const parsed = fileSchema.safeParse(JSON.parse((await readNoFollow(path)) ?? 'null'));
        return parsed.success ? parsed.data.state : null;
      } catch {
        return null;
      }
    },
    save: async (state) => {
      const checked = rateLimiterStateSchema.safeParse(state);
      if (!checked.success)
        throw new Error(
          `refusing to save an invalid rate-limit state: ${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? ''}`,
        );
      doc.data.state = structuredClone(checked.data);
      await doc.write();
    },
  };
}

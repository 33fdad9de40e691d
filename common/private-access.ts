// Whether the athlete let Splits see their "Only Me" activities: what a sync can confirm, and what Splits says of it.
import { z } from 'zod';

/** 'unknown': a login with a refresh token made elsewhere, whose scope Strava's refresh answer does not tell. */
export const privateAccessSchema = z.enum(['granted', 'refused', 'unknown']);
export type PrivateAccess = z.infer<typeof privateAccessSchema>;

/** The access a granted OAuth scope gives; an empty scope is unknown, not refused. */
export function privateAccess(scope: string): PrivateAccess {
  if (scope.trim() === '') return 'unknown';
  return scope.split(/[ ,]+/).includes('activity:read_all') ? 'granted' : 'refused';
}

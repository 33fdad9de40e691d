import { z } from 'zod';

/**
 * Where a stored track came from: an archive's original file (FIT, GPX, TCX), or Strava's API (the activity's
 * streams). Declared here because the store and the window's contract both name it.
 */
export const TRACK_SOURCES = ['fit', 'gpx', 'tcx', 'api'] as const;
export const trackSourceSchema = z.enum(TRACK_SOURCES);
export type TrackSource = z.infer<typeof trackSourceSchema>;

// A track as the activity page draws it: a few thousand points at most, thinned from the stored track when it is
// stored (main/archive/track-view.ts), with the figures that only the whole track can give. Main writes it beside the
// track; the window reads it through `activities:track`. Declared here once, for both.
import { z } from 'zod';
import { RIDE_BEST_METRES, RUN_BEST_METRES } from './best-efforts';
import { sampleColumnSchema } from './sample-column';
import { countSchema } from './scalars';
import { trackSourceSchema } from './track-sources';

/** The most points a view holds: more than a chart a thousand pixels wide can show, and a few tens of kilobytes. */
export const TRACK_VIEW_POINTS = 2_000;

/** The durations of the power bests, in seconds: 5 s, 1 min, 5 min, 20 min and 60 min. */
export const POWER_BEST_SECONDS = [5, 60, 300, 1_200, 3_600] as const;

/**
 * The distances a view gives its fastest time over, in metres, shortest first: the runs' and the rides' best efforts
 * together. A view does not know its activity's sport (a track is stored alone); the index picks each group's.
 */
export const DISTANCE_BEST_METRES: readonly number[] = [...new Set([...RUN_BEST_METRES, ...RIDE_BEST_METRES])].sort(
  (a, b) => a - b,
);

const column = sampleColumnSchema(TRACK_VIEW_POINTS);

export const powerBestSchema = z.object({
  seconds: z.number().int().positive(),
  /** The highest mean power over any `seconds` of the track; null when the track is shorter than that. */
  watts: z.number().finite().min(0).nullable(),
});
export type PowerBest = z.infer<typeof powerBestSchema>;

export const distanceBestSchema = z.object({
  metres: z.number().positive(),
  /** The fewest seconds over any `metres` of the track; null when it covers less than that without a break. */
  seconds: z.number().finite().min(0).nullable(),
});
export type DistanceBest = z.infer<typeof distanceBestSchema>;

export const trackViewSchema = z
  .object({
    source: trackSourceSchema,
    /** How many samples the stored track has (the columns below are thinned from them). */
    samples: countSchema,
    /** Seconds from the first timed sample to the last; null when the file had no times (a planned route). */
    durationS: z.number().finite().min(0).nullable(),
    /** Metres from the first sample to the last, as the device counted them or summed along the positions. */
    distanceM: z.number().finite().min(0).nullable(),
    /** One for each of POWER_BEST_SECONDS, worked out on the whole track; null when it has no power. */
    powerBests: z.array(powerBestSchema).nullable(),
    /**
     * One for each of DISTANCE_BEST_METRES (main/archive/distance-bests.ts); null when the track has no times or no
     * distance. A view stored before it fails this schema and is made again from its track, as a stale one is.
     */
    distanceBests: z.array(distanceBestSchema).nullable(),
    /** Seconds since the first sample; null when the file had no times (a planned route): only the profile shows. */
    t: z.array(z.number().finite()).max(TRACK_VIEW_POINTS).nullable(),
    /** Metres from the start. */
    dist: column.nullable(),
    /** Degrees: the route, point by point with the charts, so that a cursor on a chart has its place on the map. */
    lat: column.nullable(),
    lng: column.nullable(),
    /** Metres. */
    ele: column.nullable(),
    /** Beats per minute. */
    hr: column.nullable(),
    /** Revolutions (or steps) per minute. */
    cad: column.nullable(),
    watts: column.nullable(),
    /** Metres per second, smoothed over the whole track before thinning. */
    speed: column.nullable(),
  })
  .superRefine((view, ctx) => {
    const length = view.t?.length ?? view.dist?.length ?? view.lat?.length ?? view.ele?.length ?? 0;
    for (const key of VIEW_COLUMNS) {
      const values = view[key];
      if (values && values.length !== length)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${values.length} points where the view has ${length}`,
        });
    }
  });
export type TrackView = z.infer<typeof trackViewSchema>;

const VIEW_COLUMNS = ['t', 'dist', 'lat', 'lng', 'ele', 'hr', 'cad', 'watts', 'speed'] as const;

/** The view's route as [lat, lng] pairs, the points without a position left out; null when fewer than two have one. */
export function routeOf(view: TrackView): Array<[number, number]> | null {
  const { lat, lng } = view;
  if (!lat || !lng) return null;
  const route = lat.flatMap((la, i) => (la !== null && lng[i] !== null ? [[la, lng[i]!] as [number, number]] : []));
  return route.length >= 2 ? route : null;
}

// The person's training figures (issue 19): what the training load of an activity is worked out against. A setting of
// the desktop app (preload/payloads.ts's settingsSchema) and options of `splits stats`, checked by these rules alike,
// in the window too. Each is null until the person gives it: the load then comes from the next source in its order.
import { z } from 'zod';

/** Each figure's bounds, wide enough for any person, narrow enough to catch a slip (watts typed as kilojoules). */
export const TRAINING_BOUNDS = {
  ftpW: { min: 30, max: 700 },
  maxHr: { min: 100, max: 240 },
  restingHr: { min: 25, max: 120 },
  /** Seconds per kilometre: 2:00/km to 15:00/km. */
  thresholdRunPaceSPerKm: { min: 120, max: 900 },
} as const;

const figure = (bounds: { min: number; max: number }, words: string) =>
  z
    .number({ error: `${words} is a number` })
    .int(`${words} is a whole number`)
    .min(bounds.min, `${words} is at least ${bounds.min}`)
    .max(bounds.max, `${words} is at most ${bounds.max}`)
    .nullable();

export const trainingSettingsSchema = z
  .object({
    /** Functional threshold power: the watts the person can hold for about an hour. */
    ftpW: figure(TRAINING_BOUNDS.ftpW, 'FTP (watts)'),
    /** Beats per minute. */
    maxHr: figure(TRAINING_BOUNDS.maxHr, 'Max heart rate (beats per minute)'),
    restingHr: figure(TRAINING_BOUNDS.restingHr, 'Resting heart rate (beats per minute)'),
    /** The pace the person can hold for about an hour's race, in seconds per kilometre. */
    thresholdRunPaceSPerKm: figure(TRAINING_BOUNDS.thresholdRunPaceSPerKm, 'Threshold run pace (seconds per km)'),
  })
  .strict()
  .superRefine((t, ctx) => {
    // Heart-rate reserve is max minus resting: with none left, every heart rate would be off the scale.
    if (t.maxHr !== null && t.restingHr !== null && t.restingHr >= t.maxHr)
      ctx.addIssue({
        code: 'custom',
        path: ['restingHr'],
        message: `Resting heart rate (${t.restingHr}) must be below max heart rate (${t.maxHr}): set the lower one first, or both together`,
      });
  });
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  ftpW: null,
  maxHr: null,
  restingHr: null,
  thresholdRunPaceSPerKm: null,
};

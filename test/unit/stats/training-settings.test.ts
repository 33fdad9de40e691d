// The training figures' rules, shared by the desktop's settings and `splits stats`: plain words for each mistake.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS, trainingSettingsSchema } from '../../../common/training-settings';

const messages = (value: unknown) => trainingSettingsSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('the training settings', () => {
  it('take each figure within its bounds, or none', () => {
    expect(trainingSettingsSchema.parse(DEFAULT_TRAINING_SETTINGS)).toEqual(DEFAULT_TRAINING_SETTINGS);
    const given = { ftpW: 250, maxHr: 190, restingHr: 50, thresholdRunPaceSPerKm: 270 };
    expect(trainingSettingsSchema.parse(given)).toEqual(given);
  });

  it('refuse a figure out of bounds, not whole, or not a number, saying which and what it takes', () => {
    expect(messages({ ...DEFAULT_TRAINING_SETTINGS, ftpW: 2_500 })).toEqual(['FTP (watts) is at most 700']);
    expect(messages({ ...DEFAULT_TRAINING_SETTINGS, maxHr: 185.5 })).toEqual([
      'Max heart rate (beats per minute) is a whole number',
    ]);
    expect(messages({ ...DEFAULT_TRAINING_SETTINGS, restingHr: '50' })).toEqual([
      'Resting heart rate (beats per minute) is a number',
    ]);
    expect(messages({ ...DEFAULT_TRAINING_SETTINGS, thresholdRunPaceSPerKm: 60 })).toEqual([
      'Threshold run pace (seconds per km) is at least 120',
    ]);
  });

  it('refuse a resting heart rate at or above the max', () => {
    expect(messages({ ...DEFAULT_TRAINING_SETTINGS, maxHr: 110, restingHr: 110 })).toEqual([
      'Resting heart rate (110) must be below max heart rate (110): set the lower one first, or both together',
    ]);
  });
});

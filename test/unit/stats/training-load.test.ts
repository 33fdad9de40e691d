// Each activity's training load comes from the first source that has what it needs (issue 19's order), with figures
// worked out by hand here.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS, type TrainingSettings } from '../../../common/training-settings';
import { trainingLoad } from '../../../main/stats/training-load';
import { activity } from './stat-records';

const all: TrainingSettings = { ftpW: 250, maxHr: 190, restingHr: 50, thresholdRunPaceSPerKm: 300 };
const none = DEFAULT_TRAINING_SETTINGS;

/** An hour's ride with everything: power from a meter, heart rate, a suffer score. */
const everything = activity({
  sport_type: 'Ride',
  moving_time: 3_600,
  distance: 30_000,
  average_heartrate: 120,
  weighted_average_watts: 250,
  device_watts: true,
  suffer_score: 82,
});

describe('the training load of an activity', () => {
  it('is power TSS first: an hour at FTP is 100, an hour at 80 % of it 64', () => {
    expect(trainingLoad(everything, all)).toEqual({ load: 100, source: 'power' });
    expect(trainingLoad(everything, { ...all, ftpW: 312.5 }).load).toBeCloseTo(64, 9);
    // The track's own normalized power, when the track index has one, wins over Strava's weighted average.
    expect(trainingLoad(everything, all, 200).load).toBeCloseTo(64, 9);
  });

  it('is heart-rate TRIMP without an FTP: an hour at half the reserve is 60 × 0.5 × 0.64 × e^0.96 = 50.1446', () => {
    // (120 − 50) / (190 − 50) = 0.5; e^0.96 = 2.6116965.
    const load = trainingLoad(everything, { ...all, ftpW: null });
    expect(load.source).toBe('heartRate');
    expect(load.load).toBeCloseTo(50.1446, 3);
  });

  it('is heart-rate TRIMP for estimated power (no meter) even with an FTP', () => {
    const estimated = activity(
      { sport_type: 'Ride', moving_time: 3_600, average_heartrate: 120 },
      {
        weighted_average_watts: 250,
        device_watts: false,
      },
    );
    expect(trainingLoad(estimated, all).source).toBe('heartRate');
  });

  it("is Strava's suffer score without the heart rates set, from the detail over the summary", () => {
    expect(trainingLoad(everything, { ...all, ftpW: null, restingHr: null })).toEqual({
      load: 82,
      source: 'sufferScore',
    });
    const fromDetail = activity({ moving_time: 3_600, suffer_score: 10 }, { suffer_score: 40 });
    expect(trainingLoad(fromDetail, none)).toEqual({ load: 40, source: 'sufferScore' });
  });

  it('is an estimate from moving time and sport otherwise: 2 h ride 100, 1 h walk 30, 1 h swim 40, 1 h run 60', () => {
    const est = (sport_type: string, moving_time: number) =>
      trainingLoad(activity({ sport_type, moving_time, distance: 5_000 }), none);
    expect(est('Ride', 7_200)).toEqual({ load: 100, source: 'estimate' });
    expect(est('GravelRide', 3_600).load).toBe(50);
    expect(est('Walk', 3_600).load).toBe(30);
    expect(est('Swim', 3_600).load).toBe(40);
    expect(est('Run', 3_600).load).toBe(60);
  });

  it('scores a run by its pace with a threshold pace set: 10 km in an hour at a 5:00/km threshold is 69.44', () => {
    // Pace 6:00/km; IF = 300 / 360 = 0.8333; 1 h × 0.8333² × 100 = 69.44.
    const run = activity({ sport_type: 'Run', moving_time: 3_600, distance: 10_000 });
    const load = trainingLoad(run, { ...none, thresholdRunPaceSPerKm: 300 });
    expect(load.source).toBe('estimate');
    expect(load.load).toBeCloseTo(69.444, 2);
  });

  it('takes a damaged figure (negative, not a number, text) as unknown, never as a load', () => {
    const damaged = activity({
      sport_type: 'Ride',
      moving_time: 3_600,
      average_heartrate: 'fast' as never,
      weighted_average_watts: -250,
      suffer_score: Number.NaN,
    });
    expect(trainingLoad(damaged, all)).toEqual({ load: 50, source: 'estimate' });
  });
});

import { describe, expect, it } from 'vitest';
import { StravaSimulator } from '../../strava-sim/index';
import { generateActivities } from '../../strava-sim/activities';

const NOW = Date.UTC(2026, 10, 2) / 1000;

describe('simulator seeding', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateActivities(1, 200, 100, { seed: 5, newestBefore: NOW });
    const b = generateActivities(1, 200, 100, { seed: 5, newestBefore: NOW });
    const c = generateActivities(1, 200, 100, { seed: 6, newestBefore: NOW });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('makes years of realistic history: several sports, routes, private ones, same-second starts', () => {
    const rows = generateActivities(1, 1000, 100, { newestBefore: NOW });
    const years = (NOW - Math.min(...rows.map((r) => r.start))) / (365 * 86400);
    expect(years).toBeGreaterThan(2);
    expect(Math.max(...rows.map((r) => r.start))).toBeLessThan(NOW);
    expect(new Set(rows.map((r) => r.sportType)).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.route.length > 0).length).toBeGreaterThan(700);
    expect(rows.some((r) => r.visibility === 'only_me')).toBe(true);
    const starts = rows.map((r) => r.start);
    expect(new Set(starts).size).toBeLessThan(starts.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1000);
  });

  it('encodes summary polylines that decode back to the route', () => {
    const sim = new StravaSimulator();
    const a = sim.addActivity(1001, {
      route: [
        [38.5, -120.2],
        [40.7, -120.95],
        [43.252, -126.453],
      ],
    });
    const [summary] = sim.listableSummaries(1001);
    expect(summary!.id).toBe(a.id);
    // Google's documented example.
    expect((summary!.map as { summary_polyline: string }).summary_polyline).toBe('_p~iF~ps|U_ulLnnqC_mqNvxq`@');
  });
});

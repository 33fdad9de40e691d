import type { StatsQuery, TrainingStats } from '../../common/training-stats';
import type { TrainingSettings } from '../../common/training-settings';
import { bestEfforts } from '../archive/best-efforts';
import type { AthleteActivities } from '../store/activity-store';
import type { SplitsStore } from '../store/splits-store';
import { yearOf } from '../store/year-files';
import { athleteStats } from './athlete-stats';
import { localToday } from './local-days';
import { statActivity, type StatActivity } from './stat-activity';

/**
 * The statistics of the athletes asked for, from what the store holds in memory (the summaries and details) and the
 * index of best efforts: no track file is opened. An athlete with nothing stored here is left out. `nowMs` is the
 * injected clock's.
 */
export async function storeStats(
  store: SplitsStore,
  query: StatsQuery,
  training: TrainingSettings,
  nowMs: number,
): Promise<TrainingStats> {
  const ids = (await store.athleteIds()).filter((id) => query.athleteId === undefined || id === query.athleteId);
  const names = new Map(store.accounts.list().map((a) => [a.athleteId, a.name] as const));
  const today = localToday(nowMs);
  const athletes = [];
  for (const athleteId of ids) {
    const stored = await store.activities(athleteId);
    const activities = await statActivities(stored);
    // From the index kept as each track is stored (main/archive/best-efforts.ts): no track is opened here.
    const bests = await bestEfforts(store.dataDir, athleteId, { year: query.year, activities: stored });
    athletes.push(
      athleteStats(
        {
          athleteId,
          name: names.get(athleteId) ?? store.syncState.keptName(athleteId),
          activities,
          bests:
            query.year === undefined ? bests.allTime : (bests.years.find((y) => y.year === query.year)?.bests ?? []),
        },
        { training, today, year: query.year, activityLoads: query.activityLoads },
      ),
    );
  }
  return { athletes };
}

/**
 * Each stored activity's figures, in the store's order. A copy of the summaries: a sync in this process may file or
 * remove activities while the details are read. The details are read a year at a time, and each year's file is let go
 * before the next is read: details are most of a store, and the open app's peak stays mapped all day (issue 20, item
 * 14). Only the figures are kept.
 */
async function statActivities(stored: AthleteActivities): Promise<StatActivity[]> {
  const summaries = [...stored.all()];
  const byYear = new Map<number, number[]>();
  for (const [i, summary] of summaries.entries()) {
    const year = yearOf(summary);
    const indexes = byYear.get(year);
    if (indexes) indexes.push(i);
    else byYear.set(year, [i]);
  }
  const figures = new Array<StatActivity | null>(summaries.length).fill(null);
  for (const indexes of byYear.values()) {
    for (const i of indexes) {
      const summary = summaries[i]!;
      const detail = stored.hasDetail(summary.id) ? await stored.detail(summary.id) : undefined;
      figures[i] = statActivity(summary, detail);
    }
    stored.releaseDetails();
  }
  return figures.filter((f): f is StatActivity => f !== null);
}

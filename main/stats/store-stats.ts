import type { StatsQuery, TrainingStats } from '../../common/training-stats';
import type { TrainingSettings } from '../../common/training-settings';
import { bestEfforts } from '../archive/best-efforts';
import type { SplitsStore } from '../store/splits-store';
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
    const activities: StatActivity[] = [];
    // A copy: a sync in this process may file or remove activities while the details are read.
    for (const summary of [...stored.all()]) {
      const detail = stored.hasDetail(summary.id) ? await stored.detail(summary.id) : undefined;
      const activity = statActivity(summary, detail);
      if (activity) activities.push(activity);
    }
    // The details read are most of the store: the open app holds none of them between questions.
    stored.releaseDetails();
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

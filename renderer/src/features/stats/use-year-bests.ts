import type { BestEffort } from '../../../../common/training-stats';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { useInvoke, type Loaded } from '../../bridge/use-invoke';

/** One year's best efforts of an athlete, asked of main when a year is chosen (null: none asked, all time shown). */
export function useYearBests(athleteId: number, year: number | null): Loaded<BestEffort[]> | null {
  const { dataVersion } = useLive();
  const loaded = useInvoke(
    () =>
      year === null
        ? Promise.resolve([])
        : unwrap(splits().stats.get({ athleteId, year })).then((s) => s.athletes[0]?.bests ?? []),
    [athleteId, year, dataVersion],
  );
  return year === null ? null : loaded;
}

import type { AthleteStats, BestEffort } from '../../../../common/training-stats';
import type { Units } from '../../format/units';
import { RouteHeatmap } from '../heatmap/route-heatmap';
import { BestEffortsSection } from './best-efforts-section';
import { EddingtonSection } from './eddington-section';
import { FitnessSection } from './fitness-section';
import { GearSection } from './gear-section';
import { ProgressionSection } from './progression-section';
import { StatsSection, WhoseStats } from './stats-section';
import { YearTotalsTable } from './year-totals-table';

/** One athlete's statistics, the pictures first: fitness, the year's lines, Eddington numbers, bests, gear, every route, years. */
export function AthleteStatsView({
  stats,
  units,
  whose = null,
  onOpen,
  onDay,
}: {
  stats: AthleteStats;
  units: Units;
  /** The athlete's name when several are shown: each section says whose it is. */
  whose?: string | null;
  /** A best effort clicked: its activity's page. */
  onOpen: (best: BestEffort, athleteId: number) => void;
  /** A day clicked on the fitness chart: that day's activities. */
  onDay?: (date: string) => void;
}) {
  return (
    <WhoseStats.Provider value={whose}>
      <div className="stats-athlete">
        <FitnessSection fitness={stats.fitness} {...(onDay ? { onDay } : {})} />
        <ProgressionSection progressions={stats.progressions} units={units} today={stats.fitness.date} />
        <EddingtonSection eddington={stats.eddington} units={units} />
        <BestEffortsSection
          athleteId={stats.athleteId}
          bests={stats.bests}
          years={yearsOf(stats)}
          units={units}
          onOpen={(b) => onOpen(b, stats.athleteId)}
        />
        <GearSection gear={stats.gear} units={units} />
        <StatsSection title="Every route">
          <RouteHeatmap athleteId={stats.athleteId} />
        </StatsSection>
        <YearTotalsTable years={stats.years} units={units} />
      </div>
    </WhoseStats.Provider>
  );
}

/** The years with activities, newest first. */
const yearsOf = (stats: AthleteStats) => [...new Set(stats.years.map((y) => y.year))].sort((a, b) => b - a);

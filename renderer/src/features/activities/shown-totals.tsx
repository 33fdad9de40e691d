import { distance, elevation, type Units } from '../../format/units';
import { hoursAndMinutes } from '../charts/hours-and-minutes';
import type { ActivityPages } from './use-activity-pages';
import { integer } from '../../format/numbers';

/**
 * What the activities shown add up to (every match of the filters, not the rows loaded), and how many are new since
 * the last look: the line under the count.
 */
export function ShownTotals({
  pages,
  units,
}: {
  pages: Pick<ActivityPages, 'total' | 'sums' | 'newCount'>;
  units: Units;
}) {
  if (pages.total === null || pages.total === 0 || pages.sums === null) return null;
  const { sums, newCount } = pages;
  return (
    <p className="shown-totals">
      <span className="muted">
        {pages.total === 1 ? 'It adds up to' : 'They add up to'} {distance(sums.distance, units)},{' '}
        {hoursAndMinutes(sums.movingTime)} moving and {elevation(sums.elevationGain, units)} climbed.
      </span>
      {newCount > 0 && <span className="shown-new"> {integer(newCount)} new since you last looked.</span>}
    </p>
  );
}

import type { AthleteStats, Eddington } from '../../../../common/training-stats';
import { integer } from '../../format/numbers';
import type { Units } from '../../format/units';
import { StatsSection } from './stats-section';

const GROUPS = [
  { key: 'ride', label: 'Ride' },
  { key: 'run', label: 'Run' },
  { key: 'all', label: 'All sports' },
] as const;

/** The number in the person's units, and what the next one needs: "12 more days of at least 41 km for 41". */
export function eddingtonWords(e: Eddington, units: Units): { number: number; next: string } {
  const metric = units === 'metric';
  const number = metric ? e.km : e.mi;
  const more = metric ? e.kmNextDays : e.miNextDays;
  const unit = metric ? 'km' : 'mi';
  return {
    number,
    next: `${integer(more)} more ${more === 1 ? 'day' : 'days'} of at least ${integer(number + 1)} ${unit} for ${integer(number + 1)}`,
  };
}

/** The largest n with n days of at least n km (or miles), per group. */
export function EddingtonSection({ eddington, units }: { eddington: AthleteStats['eddington']; units: Units }) {
  const unit = units === 'metric' ? 'km' : 'miles';
  return (
    <StatsSection title="Eddington numbers">
      <p className="muted stats-note">
        The largest number n of days with at least n {unit} in a day, by the activity&apos;s local date.
      </p>
      <ul className="stats-cards" aria-label={`Eddington numbers in ${unit}`}>
        {GROUPS.map(({ key, label }) => {
          const words = eddingtonWords(eddington[key], units);
          return (
            <li key={key} className="stats-card" aria-label={`${label}: ${words.number}. ${words.next}`}>
              <span className="stats-card-label">{label}</span>
              <strong className="stats-card-number">{integer(words.number)}</strong>
              <span className="muted">{words.next}</span>
            </li>
          );
        })}
      </ul>
    </StatsSection>
  );
}

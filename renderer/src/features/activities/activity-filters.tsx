import { useId } from 'react';
import { sportName } from '../../format/units';
import { isFiltered, type ActivityFilter } from './activity-query';

export interface ActivityFiltersProps {
  /** The search as typed (the table follows it after a short pause). */
  search: string;
  onSearch: (text: string) => void;
  filter: ActivityFilter;
  onChange: (patch: Partial<ActivityFilter>) => void;
  onClear: () => void;
  /** Every sport type stored, from main. */
  sportTypes: string[];
}

/** Search by name, sport types and a date range: each a labelled control, reachable by keyboard. */
export function ActivityFilters({ search, onSearch, filter, onChange, onClear, sportTypes }: ActivityFiltersProps) {
  const id = useId();
  const chosen = new Set(filter.sportTypes);
  const toggle = (sport: string) => onChange({ sportTypes: chosen.has(sport) ? filter.sportTypes.filter((s) => s !== sport) : [...filter.sportTypes, sport] });
  return (
    <div className="activity-filters" role="search" aria-label="Find activities">
      <label htmlFor={`${id}-search`}>Search by name</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(e) => onSearch(e.target.value)} placeholder="Morning Run" maxLength={200} />
      <details className="sport-filter">
        <summary>Sports: {chosen.size === 0 ? 'all' : [...chosen].map(sportName).join(', ')}</summary>
        <fieldset>
          <legend>Sport types</legend>
          {sportTypes.length === 0 && <p className="muted">No sports yet.</p>}
          {sportTypes.map((sport) => (
            <label key={sport} className="sport-option">
              <input type="checkbox" checked={chosen.has(sport)} onChange={() => toggle(sport)} /> {sportName(sport)}
            </label>
          ))}
        </fieldset>
      </details>
      <label htmlFor={`${id}-from`}>From</label>
      <input id={`${id}-from`} type="date" value={filter.fromDay} max={filter.toDay || undefined} onChange={(e) => onChange({ fromDay: e.target.value })} />
      <label htmlFor={`${id}-to`}>To</label>
      <input id={`${id}-to`} type="date" value={filter.toDay} min={filter.fromDay || undefined} onChange={(e) => onChange({ toDay: e.target.value })} />
      <button type="button" onClick={onClear} disabled={!isFiltered(filter) && search === ''}>
        Clear filters
      </button>
    </div>
  );
}

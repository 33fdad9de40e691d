import { useId } from 'react';
import { datesBackwards, isFiltered, type ActivityFilter } from './activity-query';
import { SportFilter } from './sport-filter';

export interface ActivityFiltersProps {
  /** The search as typed (the table follows it after a short pause). */
  search: string;
  onSearch: (text: string) => void;
  filter: ActivityFilter;
  onChange: (patch: Partial<ActivityFilter>) => void;
  onClear: () => void;
  /** Every sport type stored, from main. */
  sportTypes: string[];
  /** Whether the sport drop-down is open: the view closes it when an activity opens. */
  sportsOpen: boolean;
  onSportsOpen: (open: boolean) => void;
}

/** Search by name, sport types and a date range: each a labelled control, reachable by keyboard. */
export function ActivityFilters({
  search,
  onSearch,
  filter,
  onChange,
  onClear,
  sportTypes,
  sportsOpen,
  onSportsOpen,
}: ActivityFiltersProps) {
  const id = useId();
  const chosen = new Set(filter.sportTypes);
  const backwards = datesBackwards(filter) || undefined; // aria-invalid only while it is so
  const toggle = (sport: string) =>
    onChange({
      sportTypes: chosen.has(sport) ? filter.sportTypes.filter((s) => s !== sport) : [...filter.sportTypes, sport],
    });
  return (
    <div className="activity-filters" role="search" aria-label="Find activities">
      {/* Each label with its field: the bar wraps between the pairs, never between "To" and its date. */}
      <span className="filter-pair">
        <label htmlFor={`${id}-search`}>Search by name</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="Morning Run"
          maxLength={200}
        />
      </span>
      <SportFilter
        sportTypes={sportTypes}
        chosen={chosen}
        onToggle={toggle}
        open={sportsOpen}
        onOpenChange={onSportsOpen}
      />
      <span className="filter-pair">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filter.fromDay}
          max={filter.toDay || undefined}
          aria-invalid={backwards}
          onChange={(e) => onChange({ fromDay: e.target.value })}
        />
      </span>
      <span className="filter-pair">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filter.toDay}
          min={filter.fromDay || undefined}
          aria-invalid={backwards}
          onChange={(e) => onChange({ toDay: e.target.value })}
        />
      </span>
      <button type="button" onClick={onClear} disabled={!isFiltered(filter) && search === ''}>
        Clear filters
      </button>
    </div>
  );
}

import { distance, type Units } from '../../format/units';
import { yearGrid, type Day } from './heatmap-grid';

const CELL = 11;
const STEP = 13;
const LEFT = 26;
const TOP = 14;
const WEEKDAYS = [
  { row: 0, label: 'Mon' },
  { row: 2, label: 'Wed' },
  { row: 4, label: 'Fri' },
];

function cellTitle(date: string, km: number, count: number, units: Units): string {
  if (count === 0) return `${date}: no activity`;
  return `${date}: ${distance(km, units)} (${count} ${count === 1 ? 'activity' : 'activities'})`;
}

/**
 * One year as weeks (columns) × weekdays (rows, Monday first), each day shaded by its distance. A picture for the
 * eye: screen readers get its label and the table beside it.
 */
export function YearHeatmap({ year, days, units, label }: { year: number; days: readonly Day[]; units: Units; label: string }) {
  const grid = yearGrid(year, days);
  const width = LEFT + grid.columns * STEP;
  const height = TOP + 7 * STEP;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width * 1.2}>
      {grid.months.map((m) => (
        <text key={m.label} className="heatmap-label" x={LEFT + m.column * STEP} y={TOP - 4}>
          {m.label}
        </text>
      ))}
      {WEEKDAYS.map((d) => (
        <text key={d.label} className="heatmap-label" x={0} y={TOP + d.row * STEP + CELL - 2}>
          {d.label}
        </text>
      ))}
      {grid.cells.map((c) => (
        <rect
          key={c.date}
          className={`heat-${c.level}`}
          data-date={c.date}
          data-level={c.level}
          x={LEFT + c.column * STEP}
          y={TOP + c.row * STEP}
          width={CELL}
          height={CELL}
          rx={2}
        >
          <title>{cellTitle(c.date, c.distance, c.count, units)}</title>
        </rect>
      ))}
    </svg>
  );
}

import type { GearTotal } from '../../../../common/training-stats';
import { integer } from '../../format/numbers';
import { distance, type Units } from '../../format/units';
import { StatsSection } from './stats-section';

const KINDS = [
  { kind: 'bike', title: 'Bikes' },
  { kind: 'shoes', title: 'Shoes' },
  { kind: null, title: 'Other gear' },
] as const;

/** How many activities and how far on each bike and pair of shoes, the most used first. */
export function GearSection({ gear, units }: { gear: readonly GearTotal[]; units: Units }) {
  return (
    <StatsSection title="Gear">
      {gear.length === 0 ? (
        <p className="muted">No gear named on these activities.</p>
      ) : (
        KINDS.map(({ kind, title }) => {
          const mine = gear.filter((g) => g.kind === kind).sort((a, b) => b.distanceM - a.distanceM);
          if (mine.length === 0) return null;
          const most = Math.max(...mine.map((g) => g.distanceM), 1);
          return (
            <table key={title} className="stats-table">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Activities</th>
                  <th scope="col">Distance</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((g) => (
                  <tr key={g.gearId ?? g.name}>
                    <th scope="row">{g.name}</th>
                    <td>{integer(g.count)}</td>
                    <td>
                      {/* A bar beside the number: which bike or pair has done the most, at a glance. */}
                      <span
                        className="stats-bar"
                        style={{ width: `${(g.distanceM / most) * 100}%` }}
                        aria-hidden="true"
                      />
                      {distance(g.distanceM, units)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })
      )}
    </StatsSection>
  );
}

import { namedSportGroup } from '../../common/sport-groups';
import type { GearTotal } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

/**
 * Count and distance per bike and per pair of shoes. Strava's gear ids say which: b… a bike, g… shoes. Gear an
 * imported archive names without an id joins the gear of that id whose details carry the same name, when exactly one
 * does; otherwise it is gear of its own, a bike or shoes by the sports it was used for. Most distance first.
 */
export function gearTotals(
  activities: readonly StatActivity[],
  /** Where the gear's names come from: every activity, not only those counted (a year's may have no fetched detail). */
  named: readonly StatActivity[] = activities,
): GearTotal[] {
  const nameOfId = new Map<string, string>();
  const idsOfName = new Map<string, Set<string>>();
  for (const a of named) {
    if (a.gearId === null || a.gearName === null) continue;
    nameOfId.set(a.gearId, a.gearName);
    const ids = idsOfName.get(a.gearName) ?? idsOfName.set(a.gearName, new Set()).get(a.gearName)!;
    ids.add(a.gearId);
  }
  const totals = new Map<string, GearTotal & { rides: number; runs: number }>();
  for (const a of activities) {
    let gearId = a.gearId;
    if (gearId === null && a.gearName !== null) {
      const ids = idsOfName.get(a.gearName);
      if (ids?.size === 1) gearId = [...ids][0]!;
    }
    if (gearId === null && a.gearName === null) continue;
    const key = gearId !== null ? `id:${gearId}` : `name:${a.gearName}`;
    let t = totals.get(key);
    if (!t) {
      const name = (gearId !== null ? nameOfId.get(gearId) : a.gearName) ?? gearId!;
      totals.set(key, (t = { gearId, name, kind: kindOfId(gearId), count: 0, distanceM: 0, rides: 0, runs: 0 }));
    }
    t.count++;
    t.distanceM += a.distanceM;
    const group = namedSportGroup(a.sport);
    if (group === 'ride') t.rides++;
    if (group === 'run') t.runs++;
  }
  return [...totals.values()]
    .map(({ rides, runs, ...t }) => ({
      ...t,
      kind: t.kind ?? (rides > runs ? 'bike' : runs > rides ? 'shoes' : null),
    }))
    .sort((a, b) => b.distanceM - a.distanceM || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function kindOfId(gearId: string | null): GearTotal['kind'] {
  if (gearId?.startsWith('b')) return 'bike';
  if (gearId?.startsWith('g')) return 'shoes';
  return null;
}

import type { SyncStateView } from '../../../../preload/payloads';
import { leftLines } from './sync-text';

/**
 * What is left, one athlete a line under the headline, in plain weight: run together in the bold headline, two
 * athletes' sentences read as one and filled four lines at 800 px. Not live: the headline says what changed.
 */
export function WorkLeftList({ state }: { state: SyncStateView | null }) {
  const lines = leftLines(state);
  if (lines.length === 0) return null;
  return (
    <ul className="work-left-list" aria-label="Work left">
      {lines.map((l) => (
        <li key={l.athleteId}>{l.text}</li>
      ))}
    </ul>
  );
}

import type { KeptAthleteView } from '../../../../preload/payloads';
import { integer } from '../../format/numbers';

/**
 * Athletes disconnected whose activities were kept: said here, so that a person who disconnected without deleting
 * knows where those activities are (in Activities, under All athletes or their own name) and how to sync them again.
 */
export function KeptAthletes({ kept }: { kept: readonly KeptAthleteView[] }) {
  if (kept.length === 0) return null;
  return (
    <>
      <h3 className="accounts-subtitle">Kept after disconnecting</h3>
      <ul className="accounts-list" aria-label="Athletes disconnected, activities kept">
        {kept.map((k) => (
          <li key={k.athleteId} className="account-item">
            <strong>{k.name ?? `Athlete ${k.athleteId}`}</strong>{' '}
            <span className="muted">
              {integer(k.activityCount)} {k.activityCount === 1 ? 'activity' : 'activities'} kept, shown in Activities
              and Charts. Connect this athlete again to sync them.
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

import { useEffect, useId } from 'react';
import { useLive } from '../../bridge/live';
import { useSettingsChange } from '../settings/use-settings-change';
import { useAthleteScope } from './athlete-scope';
import './athlete.css';

const ALL = 'all';

/**
 * The header's Athlete control: "All athletes" or one of them, for every view at once. The choice is a setting, so it
 * is kept across restarts; with a single athlete there is nothing to choose, and their name alone is shown.
 */
export function AthletePicker() {
  const id = useId();
  const live = useLive();
  const { athleteId, athletes } = useAthleteScope();
  const { shown, refused, change } = useSettingsChange();
  const chosen = live.settings?.athleteScope ?? null;
  // A chosen athlete since disconnected: the window already shows everyone; the setting says so too, so that a later
  // reconnect does not narrow the window again by surprise.
  const gone = chosen !== null && live.accounts !== null && athleteId === null;
  useEffect(() => {
    if (gone) change('athleteScope', null);
  }, [gone, change]);

  if (athletes.length === 0) return null;
  if (athletes.length === 1) {
    return (
      <p className="athlete-picker">
        <span className="athlete-picker-label">Athlete</span> {athletes[0]!.name}
        {athletes[0]!.kept && ' (disconnected)'}
      </p>
    );
  }
  // What was just picked shows at once (main's answer follows); one no longer connected shows as all.
  const picked = shown?.athleteScope ?? null;
  const value = picked !== null && athletes.some((a) => a.athleteId === picked) ? String(picked) : ALL;
  return (
    <div className="athlete-picker">
      <label className="athlete-picker-label" htmlFor={id}>
        Athlete
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={refused.athleteScope ? `${id}-refused` : undefined}
        onChange={(e) => change('athleteScope', e.target.value === ALL ? null : Number(e.target.value))}
      >
        <option value={ALL}>All athletes</option>
        {athletes.map((a) => (
          <option key={a.athleteId} value={a.athleteId}>
            {a.kept ? `${a.name} (disconnected)` : a.name}
          </option>
        ))}
      </select>
      {refused.athleteScope && (
        <span id={`${id}-refused`} role="alert" className="athlete-picker-refused">
          {refused.athleteScope}
        </span>
      )}
    </div>
  );
}

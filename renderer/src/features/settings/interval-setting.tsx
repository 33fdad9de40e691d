import { useEffect, useId, useState } from 'react';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, parseInterval } from './interval-rule';

/**
 * The background sync interval: checked at each keystroke (the message beside it), sent when the person leaves the
 * field or presses Enter, and only when it is valid and new. A value from main (another change) replaces the draft
 * unless the person is editing it.
 */
export function IntervalSetting({
  saved,
  refused,
  onChange,
}: {
  saved: number;
  refused?: string;
  onChange: (minutes: number) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(String(saved));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(String(saved));
  }, [saved, editing]);

  const parsed = parseInterval(draft);
  const problem = 'problem' in parsed ? parsed.problem : null;
  const message = problem ?? refused ?? null;

  const commit = () => {
    // An invalid draft stays, with its message, until the person fixes it: nothing is sent, nothing is lost.
    if (!('minutes' in parsed)) return;
    setEditing(false);
    if (parsed.minutes !== saved) onChange(parsed.minutes);
  };

  return (
    <div className="settings-row settings-interval">
      <label htmlFor={id}>Sync every</label>
      <div>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={MIN_INTERVAL_MINUTES}
          max={MAX_INTERVAL_MINUTES}
          step={1}
          value={draft}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-message ${id}-hint`}
          onChange={(e) => {
            setEditing(true);
            setDraft(e.target.value);
          }}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />{' '}
        minutes
        <p id={`${id}-hint`} className="settings-hint">
          From {MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES} (24 hours).
        </p>
        <p id={`${id}-message`} className="settings-refused" role={message ? 'alert' : undefined}>
          {message}
        </p>
      </div>
    </div>
  );
}

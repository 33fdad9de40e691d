import { useId } from 'react';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, parseInterval } from './interval-rule';
import { useDraft } from './use-draft';

/** The background sync interval, typed: checked at each keystroke, sent when valid and new (useDraft). */
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
  const { problem, field } = useDraft(
    saved,
    (text) => {
      const parsed = parseInterval(text);
      return 'minutes' in parsed ? { value: parsed.minutes } : parsed;
    },
    onChange,
  );
  const message = problem ?? refused ?? null;

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
          {...field}
          aria-describedby={`${id}-message ${id}-hint`}
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

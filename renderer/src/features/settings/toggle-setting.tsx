import { useId } from 'react';

/** One on/off setting: a real checkbox, its label, a line saying what it does, and main's refusal if any. */
export function ToggleSetting(props: {
  label: string;
  hint: string;
  checked: boolean;
  refused?: string;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="settings-row">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={`${id}-hint ${id}-refused`}
      />
      <div>
        <label htmlFor={id}>{props.label}</label>
        <p id={`${id}-hint`} className="settings-hint">
          {props.hint}
        </p>
        <p id={`${id}-refused`} className="settings-refused" role={props.refused ? 'alert' : undefined}>
          {props.refused}
        </p>
      </div>
    </div>
  );
}

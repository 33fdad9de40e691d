import { useId } from 'react';

/** A setting with a few named values: a radio group under its legend, main's refusal beneath. */
export function ChoiceSetting<V extends string>(props: {
  legend: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  refused?: string;
  onChange: (value: V) => void;
}) {
  const name = useId();
  return (
    <fieldset className="settings-choice" aria-describedby={`${name}-refused`}>
      <legend>{props.legend}</legend>
      <div className="settings-options">
        {props.options.map((o) => (
          <label key={o.value}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      <p id={`${name}-refused`} className="settings-refused" role={props.refused ? 'alert' : undefined}>
        {props.refused}
      </p>
    </fieldset>
  );
}

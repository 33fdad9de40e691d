import { useState } from 'react';
import '../charts/charts.css';
import { Toggle } from '../charts/choice-toggle';
import type { XAxisKind } from './track-x-axis';

const OPTIONS = [
  { value: 'distance', label: 'Distance' },
  { value: 'time', label: 'Time' },
] as const;

/**
 * The person's last choice, for as long as the window lives: one activity after another, the charts keep running
 * along what they chose. Distance at first, as Strava's own page does.
 */
let remembered: XAxisKind = 'distance';

/**
 * The x-axis the charts use: the remembered one when this track has it, the one it has otherwise (a track without
 * times has only distance, a treadmill's without distance only time); null when it has neither. A choice is remembered.
 */
export function useXAxisChoice(choices: readonly XAxisKind[]): [XAxisKind | null, (kind: XAxisKind) => void] {
  const [chosen, setChosen] = useState(remembered);
  const choose = (kind: XAxisKind) => {
    remembered = kind;
    setChosen(kind);
  };
  return [choices.includes(chosen) ? chosen : (choices[0] ?? null), choose];
}

/** The two-choice control above the charts; nothing to choose when the track gives only one axis. */
export function XAxisControl({
  choices,
  value,
  onChange,
}: {
  choices: readonly XAxisKind[];
  value: XAxisKind;
  onChange: (kind: XAxisKind) => void;
}) {
  if (choices.length < 2) return null;
  return (
    <div className="charts-controls">
      <Toggle name="Charts over" options={OPTIONS} value={value} onChange={onChange} />
    </div>
  );
}

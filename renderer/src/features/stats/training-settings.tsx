import { useId } from 'react';
import { paceSeconds, paceText } from '../../../../common/pace-text';
import { TRAINING_BOUNDS, trainingSettingsSchema, type TrainingSettings } from '../../../../common/training-settings';
import type { Settings } from '../../../../preload/payloads';
import { useDraft, type DraftVerdict } from '../settings/use-draft';

type Figure = keyof TrainingSettings;

const FIELDS: ReadonlyArray<{ key: Figure; label: string; unit: string; hint: string }> = [
  {
    key: 'ftpW',
    label: 'FTP',
    unit: 'watts',
    hint: `The power you can hold for about an hour (${TRAINING_BOUNDS.ftpW.min} to ${TRAINING_BOUNDS.ftpW.max}): rides with a power meter get their load from it.`,
  },
  {
    key: 'maxHr',
    label: 'Max heart rate',
    unit: 'beats per minute',
    hint: `${TRAINING_BOUNDS.maxHr.min} to ${TRAINING_BOUNDS.maxHr.max}. With the resting one, activities with heart rate get their load from it.`,
  },
  {
    key: 'restingHr',
    label: 'Resting heart rate',
    unit: 'beats per minute',
    hint: `${TRAINING_BOUNDS.restingHr.min} to ${TRAINING_BOUNDS.restingHr.max}, below the max.`,
  },
  {
    key: 'thresholdRunPaceSPerKm',
    label: 'Threshold run pace',
    unit: 'min:s per km',
    hint: `The pace of about an hour's race, like 4:30 (${paceText(TRAINING_BOUNDS.thresholdRunPaceSPerKm.min)} to ${paceText(TRAINING_BOUNDS.thresholdRunPaceSPerKm.max)} per km): runs without heart rate are estimated from it.`,
  },
];

const textOf = (key: Figure, value: number | null) =>
  value === null ? '' : key === 'thresholdRunPaceSPerKm' ? paceText(value) : String(value);

/**
 * What a typed figure would make of the training settings: the whole set is checked by common/'s rules (a resting
 * heart rate at or above the max is refused as the CLI refuses it); an empty field clears the figure.
 */
export function readFigure(training: TrainingSettings, key: Figure, text: string): DraftVerdict<string> {
  const typed = text.trim();
  let value: number | null = null;
  if (typed !== '') {
    value = key === 'thresholdRunPaceSPerKm' ? paceSeconds(typed) : /^\d+$/.test(typed) ? Number(typed) : null;
    if (value === null)
      return {
        problem:
          key === 'thresholdRunPaceSPerKm'
            ? 'Threshold run pace is minutes and seconds per km, like 4:30'
            : `${FIELDS.find((f) => f.key === key)!.label} is a whole number`,
      };
  }
  const checked = trainingSettingsSchema.safeParse({ ...training, [key]: value });
  // This figure's own issue first; else one between two figures (resting at or above max), said at either field.
  const issues = checked.success ? [] : checked.error.issues;
  const issue = issues.find((i) => i.path[0] === key) ?? issues.find((i) => i.code === 'custom');
  return issue ? { problem: issue.message } : { value: textOf(key, value) };
}

/** FTP, max and resting heart rate, threshold run pace: what each activity's training load is worked out against. */
export function TrainingSettings({
  shown,
  refused,
  change,
}: {
  shown: Settings;
  refused?: string | undefined;
  change: (training: TrainingSettings) => void;
}) {
  return (
    <>
      <h3>Training</h3>
      <p className="settings-hint">
        Used for fitness and form in Statistics. Leave a figure empty when you do not know it: the load then comes from
        Strava&apos;s suffer score or an estimate.
      </p>
      {refused && (
        <p className="settings-refused" role="alert">
          {refused}
        </p>
      )}
      {FIELDS.map((f) => (
        <TrainingFigure
          key={f.key}
          field={f}
          training={shown.training}
          onChange={(text) => {
            const value = text === '' ? null : f.key === 'thresholdRunPaceSPerKm' ? paceSeconds(text) : Number(text);
            change({ ...shown.training, [f.key]: value });
          }}
        />
      ))}
    </>
  );
}

function TrainingFigure({
  field,
  training,
  onChange,
}: {
  field: (typeof FIELDS)[number];
  training: TrainingSettings;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const { problem, field: input } = useDraft(
    textOf(field.key, training[field.key]),
    (text) => readFigure(training, field.key, text),
    onChange,
  );
  return (
    <div className="settings-row settings-interval">
      <label htmlFor={id}>{field.label}</label>
      <div>
        <input
          id={id}
          type="text"
          inputMode={field.key === 'thresholdRunPaceSPerKm' ? 'text' : 'numeric'}
          {...input}
          aria-describedby={`${id}-message ${id}-hint`}
        />{' '}
        {field.unit}
        <p id={`${id}-hint`} className="settings-hint">
          {field.hint}
        </p>
        <p id={`${id}-message`} className="settings-refused" role={problem ? 'alert' : undefined}>
          {problem}
        </p>
      </div>
    </div>
  );
}

import { trainingSettingsSchema, type TrainingSettings } from '../../common/training-settings';
import { UsageError } from './exit-codes';

/**
 * The training figures of `splits stats`, from its options (--ftp, --max-hr, --resting-hr, --threshold-pace), checked
 * by the rules the desktop's settings use (common/training-settings.ts). Options, not the desktop's settings file:
 * the command line reads no setting of the app (its configuration is the environment), it runs where the app never
 * did, and a script says what it computed with.
 */
export function trainingOptions(values: Record<string, string | boolean | undefined>): TrainingSettings {
  const whole = (name: string): number | null => {
    const value = values[name];
    if (typeof value !== 'string') return null;
    if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
    return Number(value);
  };
  const pace = values['threshold-pace'];
  let paceS: number | null = null;
  if (typeof pace === 'string') {
    const match = /^(\d{1,2}):([0-5]\d)$/.exec(pace);
    if (!match) throw new UsageError(`--threshold-pace takes minutes and seconds per km, like 4:30, not "${pace}"`);
    paceS = Number(match[1]) * 60 + Number(match[2]);
  }
  const parsed = trainingSettingsSchema.safeParse({
    ftpW: whole('ftp'),
    maxHr: whole('max-hr'),
    restingHr: whole('resting-hr'),
    thresholdRunPaceSPerKm: paceS,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

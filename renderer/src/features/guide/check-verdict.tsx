import type { InvokeResult } from '../../bridge/splits';

type Check = InvokeResult<'credentials:check'>;

/** Each of Strava's verdicts in a few words, and whether it lets the guide go on. */
const VERDICTS: Record<Check['verdict'], { title: string; tone: 'ok' | 'warn' | 'bad' }> = {
  known: { title: 'Strava knows this application', tone: 'ok' },
  'unknown-client': { title: 'Unknown Client ID', tone: 'bad' },
  'wrong-secret': { title: 'Wrong Client Secret', tone: 'bad' },
  inactive: { title: 'Application inactive', tone: 'bad' },
  unchecked: { title: 'Not checked', tone: 'warn' },
};

/** Strava's answer about the pair: a title, main's message, and its verdict as data for styling. */
export function CheckVerdict({ check }: { check: Check }) {
  const { title, tone } = VERDICTS[check.verdict];
  return (
    <p className={`guide-verdict guide-${tone}`} data-verdict={check.verdict}>
      <strong>{title}.</strong> {check.message}
    </p>
  );
}

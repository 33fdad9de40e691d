// Writes main/strava/summary-check.generated.ts (see summary-check-source.ts): `npm run gen:summary-check`.
import { writeFileSync } from 'node:fs';
import { SUMMARY_CHECK_FILE, summaryCheckSource } from './summary-check-source';

writeFileSync(new URL(`../${SUMMARY_CHECK_FILE}`, import.meta.url), summaryCheckSource());
process.stdout.write(`wrote ${SUMMARY_CHECK_FILE}\n`);

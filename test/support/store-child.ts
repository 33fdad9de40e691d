// A real process for the store's file tests, run bundled (store-process.ts; as another user, or under strace):
//   open-history <dataDir>  opens history.json and prints {"ok":true} or {"error":name,"code":code,"message":...}
//   write-doc <path>        writes one document atomically and exits
//   remove-activity <dataDir> <athleteId> <activityId>
//                           removes one stored activity and writes the removal (its year file, then its track)
import { z } from 'zod';
import { AthleteActivities } from '../../main/store/activity-store';
import { HistoryStore } from '../../main/store/history-store';
import { openDocument } from '../../main/store/json-document';

const [mode, target] = process.argv.slice(2);

if (mode === 'open-history') {
  try {
    await HistoryStore.open(target!, () => undefined, null);
    process.stdout.write(JSON.stringify({ ok: true }));
  } catch (error) {
    const e = error as Error & { code?: string };
    process.stdout.write(JSON.stringify({ error: e.name, code: e.code, message: e.message }));
  }
} else if (mode === 'write-doc') {
  const doc = await openDocument(
    target!,
    {
      schema: z.object({ version: z.literal(1), n: z.number() }),
      version: 1,
      empty: () => ({ version: 1 as const, n: 0 }),
    },
    () => undefined,
    null,
  );
  doc.data.n = 1;
  await doc.write();
} else if (mode === 'remove-activity') {
  const [athleteId, activityId] = process.argv.slice(4).map(Number);
  const activities = await AthleteActivities.open(target!, athleteId!, () => undefined, null);
  if (!(await activities.remove(activityId!))) throw new Error(`activity ${activityId} is not stored`);
  await activities.flush();
  process.stdout.write('removed');
} else {
  throw new Error(`unknown mode ${mode}`);
}

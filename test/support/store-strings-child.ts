// A child of test/integration/store/summaries-share-strings.test.ts: opens one athlete's stored activities, as the
// tray app does, and counts the strings of the given values its heap holds (a heap snapshot of this process).
//   node --import tsx test/support/store-strings-child.ts <data folder> <athlete> <snapshot file> <value>...
import { readFile } from 'node:fs/promises';
import { writeHeapSnapshot } from 'node:v8';
import { AthleteActivities } from '../../main/store/activity-store';

const [dataDir, athlete, snapshotFile, ...values] = process.argv.slice(2) as [string, string, string, ...string[]];
const activities = await AthleteActivities.open(dataDir, Number(athlete), () => undefined, null);
writeHeapSnapshot(snapshotFile);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}
const heap = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot;
const { node_fields: fields, node_types: types } = heap.snapshot.meta;
const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
const copies = Object.fromEntries(values.map((v) => [v, 0]));
for (let i = 0; i < heap.nodes.length; i += fields.length) {
  if (types[0][heap.nodes[i + typeAt]!] !== 'string') continue;
  const value = heap.strings[heap.nodes[i + nameAt]!]!;
  if (value in copies) copies[value]!++;
}
process.stdout.write(`${JSON.stringify({ stored: activities.count, copies })}\n`);

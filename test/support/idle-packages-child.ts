// A child of test/integration/desktop/idle-packages.test.ts: the desktop core in plain Node over an empty data folder,
// as the tray app stands once the window has asked its first questions, then asked for an export. Prints, as one JSON
// line, which of the packages in argv it had loaded at each of the two points.
//   node --import tsx test/support/idle-packages-child.ts <data folder> <export folder> <package>...
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const [dataDir, exportDir, ...packages] = process.argv.slice(2) as [string, string, ...string[]];
const resolved: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => resolved.push(url));
port1.unref();
register('./loaded-packages-hook.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

/** The hook tells from its own thread: a module resolved after the others marks the end of what came before it. */
async function loadedPackages(): Promise<string[]> {
  const marker = `data:text/javascript,export default ${resolved.length + Math.random()}`;
  await import(marker);
  while (!resolved.includes(marker)) await new Promise((r) => setTimeout(r, 10));
  return packages.filter((p) => resolved.some((url) => url.includes(`/node_modules/${p}/`)));
}

const { openDesktop } = await import('./desktop-core');
const { systemClock } = await import('../../main/clock');
const { WINDOW_FIRST_QUESTIONS } = await import('./window-first-questions');
const app = await openDesktop(
  { env: { SPLITS_DATA_DIR: dataDir }, dataDir, clock: systemClock },
  { vault: 'implicit', credentials: 'none', settings: { syncAtLaunch: false, backgroundSync: false } },
);
for (const [channel, ...args] of WINDOW_FIRST_QUESTIONS) {
  const answer = await app.invoke(channel, ...args);
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error?.message}`);
}
const idle = await loadedPackages();
app.ports.folderPicks.push(exportDir);
const exported = await app.invoke('archive:export', { format: 'csv', select: { query: {} } });
const afterExport = await loadedPackages();
await app.close();
process.stdout.write(`${JSON.stringify({ idle, exported: exported.ok, afterExport })}\n`);

// `npm run demo`: the window in any browser, with the real main behind it and a local Strava in front of that.
// 'electron' is answered by a small shim before anything imports electron-store (main/desktop/settings-store.ts), so
// the settings are the app's own SettingsStore with its schema and messages, not a copy of it.
import { register } from 'node:module';

register('./electron-hook.mjs', import.meta.url);
const { runDemo } = await import('./run');
await runDemo(process.argv.slice(2));

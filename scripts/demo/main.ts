// `npm run demo`: the window in any browser, with the real main behind it and a local Strava in front of that.
// The settings are the app's own SettingsStore with its schema and messages, kept by electron-store's core (conf), so
// no 'electron' is needed.
import { runDemo } from './run';

await runDemo(process.argv.slice(2));

// Runs before each test file. Test files share their worker's process (vitest.config.ts, isolate: false), so what one
// process-wide declaration a file made must not reach the next: an in-process desktop core declares the data folder's
// lock program (main/store/lock-purpose.ts), and a later file's own lock then named "the desktop app"; and the
// worker's one Chromium (shared-chromium.ts) keeps no browser context a file left open.
import { afterAll } from 'vitest';
import { declareLockProgram } from '../../main/store/lock-purpose';

declareLockProgram(null);

// Registered before the file's own hooks, so it runs after them: what a file closes itself is closed by then.
// Imported when a file ends: a worker that never opened a browser does not load Playwright for it.
afterAll(async () => (await import('./shared-chromium')).closeLeftContexts());

// Runs before each test file. Test files share their worker's process (vitest.config.ts, isolate: false), so what one
// process-wide declaration a file made must not reach the next: an in-process desktop core declares the data folder's
// lock program (main/store/lock-purpose.ts), and a later file's own lock then named "the desktop app".
import { declareLockProgram } from '../../main/store/lock-purpose';

declareLockProgram(null);

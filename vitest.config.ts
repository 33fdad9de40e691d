import { defineConfig } from 'vitest/config';
import { EnvironmentSequencer } from './test/support/environment-sequencer.ts';

// Dates, times and numbers in one zone and style whatever the machine's: UTC and the POSIX locale, what CI has. A
// machine in Auckland or set to German failed tests that assert what the window, the tray or the CLI print. Set here,
// before vitest forks its workers, since a process reads its locale as it starts: each worker, every CLI and desktop
// child it spawns, and Chromium inherit them. A test of another zone or locale sets its own (track-times.test.ts).
process.env.TZ = 'UTC';
process.env.LC_ALL = 'C.UTF-8';
process.env.LANG = 'C.UTF-8';
delete process.env.LANGUAGE;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Room for a test that takes 10-15 s alone (a jsdom window on the real core, a browser test) to finish on a loaded
    // machine: three files at once on two cores took one of them past 30 s. A test that hangs still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start their own simulator on an ephemeral port, so files can run in parallel.
    pool: 'forks',
    // Three files at a time, even on two cores: most tests wait on child processes, HTTP or Chromium rather than
    // compute. Nothing global is shared between files: each keychain test has a D-Bus session of its own, every port
    // is ephemeral, every folder a mkdtemp, and out/ is built once under a lock (electron-standin/build.ts). The
    // default (cores - 1) runs one file at a time here.
    maxWorkers: 3,
    // Each worker keeps its modules from one file to the next: importing the store, the engine, React and the window's
    // code again for every file cost CPU the tests then lacked (measured each way in turn on one loaded machine, user
    // CPU: test/unit 23 -> 15 s, test/components 119 -> 57 s, test/e2e 111 -> 94 s).
    // The files share no state through modules: each test makes its own folders, simulator, clock and services, and the
    // few that change process.env or the clock put them back.
    isolate: false,
    // A worker is kept only while the next file runs in the same environment: the jsdom files run together, not
    // each between node ones, ending a worker (test/support/environment-sequencer.ts).
    sequence: { sequencer: EnvironmentSequencer },
    // The built main (out/main/index.js) that the stand-in harness boots in a test imports electron-store, which
    // imports 'electron', which needs its binary: inlined, it takes the test's stand-in for 'electron' (without this,
    // test/integration/reliability/input-settings-app.test.ts fails: "Electron failed to install correctly"). The core's
    // own tests keep their settings with conf and load no electron-store.
    server: { deps: { inline: ['electron-store'] } },
    // The CLI tests spawn bin/splits.js, which runs the bundle when it is current: build it from these sources first.
    // Tests wait on the real core: their waits get room to finish under load (test/support/dom-waits.setup.ts).
    setupFiles: ['test/support/dom-waits.setup.ts', 'test/support/process-state.setup.ts'],
    globalSetup: [
      'test/support/run-temp.global.ts',
      'test/support/build-cli.global.ts',
      'test/support/desktop-build.global.ts',
    ],
  },
});

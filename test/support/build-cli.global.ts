// vitest globalSetup: rebuilds the CLI bundle once before the tests, so the CLI tests run the code under test the
// way a user runs it (bundled), in ~100 ms. If the build fails, bin/splits.js sees a stale bundle and runs the
// sources through tsx, whose error the tests then show.
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  // A vitest started by a test inside a run (test/support/desktop-build.global.ts) uses the run's bundle: built again,
  // it was rewritten in place under the outer run's CLI tests, which could start on a half-written file.
  if (process.env.SPLITS_TEST_DESKTOP_BUILD_RUN) return;
  await buildCli({ quiet: true }).catch((error: Error) =>
    console.warn(`build-cli: ${error.message.split('\n')[0]}; the CLI tests run the sources through tsx`),
  );
}

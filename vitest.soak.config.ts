import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The long variants of the reliability suite (`npm run test:soak`, through scripts/soak.mjs): test/soak/**/*.soak.ts,
// which the default include (test/**/*.test.ts) never matches, so `npm test` never runs them. The main config's build
// (globalSetup), pool and module settings; one file at a time, since each loads the machine on its own and reports
// figures that mean something only without a neighbour. (Spread rather than mergeConfig, which would add the main
// include to this one.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/soak/**/*.soak.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start their own simulator on an ephemeral port, so files can run in parallel.
    pool: 'forks',
    // electron-store imports 'electron', which needs its binary: inlined, it takes the test's stand-in for 'electron'.
    server: { deps: { inline: ['electron-store'] } },
    // The CLI tests spawn bin/splits.js, which runs the bundle when it is current: build it from these sources first.
    globalSetup: ['test/support/build-cli.global.ts', 'test/support/desktop-build.global.ts'],
  },
});

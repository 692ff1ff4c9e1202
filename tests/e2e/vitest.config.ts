import { defineConfig } from 'vitest/config';

// Browser journeys: one app server for the run (tests/e2e/server.ts), Debian's Chromium, axe on every page.
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/server.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

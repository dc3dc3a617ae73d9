import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Clocks on screen are asserted in UTC, whatever the machine's zone.
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

// The test run's settings (`npm test`): everything else is vitest's defaults, from the project root.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/meaning-cache.ts'],
  },
});

// The test suite: test files in two processes at once, one a core of this kind of machine (the
// default keeps one core free and runs them one at a time). Tests that time themselves size their
// limits for a loaded machine; none depends on being alone.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { maxWorkers: 2, include: ['test/**/*.test.ts'] },
});

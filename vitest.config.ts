import { defineConfig } from "vitest/config";

// One file = one worker (vitest's default isolation), which keeps Pulumi mocks from leaking between files.
// The machine has 2 cores: at most two files run at once, and socket-heavy suites get generous timeouts.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});

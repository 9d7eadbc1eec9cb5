import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
// The embedded PGlite database is one Postgres session: its socket server cannot safely interleave queries
// from several connections, so without a real Postgres the suite runs one file at a time over one connection.
const embedded = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React Server Components; services are plain Node modules under test.
      { find: "server-only", replacement: path.join(root, "tests", "support", "empty.ts") },
    ],
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    maxWorkers: embedded ? 1 : 2,
    fileParallelism: !embedded,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

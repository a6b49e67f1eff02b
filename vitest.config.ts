import { defineConfig } from "vitest/config";

/**
 * Two projects, run one after the other by `npm test`:
 * - unit: domain functions, API routes on in-memory databases, Casbin policies (fast, parallel)
 * - browser: Chromium driving the built console and storefront against a real server (serial)
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["api/**/*.test.ts", "db/**/*.test.ts", "seed/**/*.test.ts", "storefront/**/*.test.ts", "admin/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

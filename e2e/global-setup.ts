import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { CHROMIUM_PATH } from "./browser";

const root = new URL("..", import.meta.url).pathname;
/** Where the browser suite builds and serves the front ends from (set it to keep parallel runs apart). */
export const E2E_DIST = process.env.POINTMALL_E2E_DIST ?? join(root, "dist");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

/** Builds a front end when its sources are newer than its dist (or it was never built). */
async function buildIfStale(app: "admin" | "storefront") {
  const outDir = join(E2E_DIST, app);
  const index = join(outDir, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(join(root, app))) return;
  console.log(`[e2e] building ${app} into ${outDir}…`);
  // Vitest sets NODE_ENV=test, and Vite bundles React for whatever NODE_ENV says: without this the
  // browser suite ran React's development build (three times the size of what `npm start` serves).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(root, app, "vite.config.ts"), mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export default async function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    // Never a silent skip: the browser suite is part of `npm test`.
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package: sudo apt-get update && sudo apt-get install -y chromium (or set POINTMALL_CHROMIUM to another Chromium binary).`,
    );
  }
  await buildIfStale("admin");
  await buildIfStale("storefront");
}

import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { createDb, migrateDb, type Db } from "../db/client";
import { createApp, type PointmallApp } from "../api/app";
import { systemClock } from "../api/lib/clock";
import { seedDemo } from "../seed/index";
import { FAST_SCRYPT, TEST_SECRET_KEY } from "../api/test/harness";

export interface RunningServer {
  baseUrl: string;
  db: Db;
  app: PointmallApp;
  ids: Record<string, number>;
  close(): Promise<void>;
}

/** A real server on a random port, over a real SQLite file seeded with the demo data, serving the built front ends. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "pointmall-e2e-"));
  const db = createDb(join(dir, "pointmall.db"));
  migrateDb(db);
  const ids = await seedDemo(db, { clock: systemClock, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir: dir });
  const app = await createApp({ db, config: { staticRoot: process.env.POINTMALL_E2E_DIST ?? new URL("../dist", import.meta.url).pathname, dataDir: dir, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY } });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    app,
    ids,
    close: async () => {
      // Browsers keep connections alive; end them so close() returns at once.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

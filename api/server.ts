import { serve } from "@hono/node-server";
import { count } from "drizzle-orm";
import { createDb, migrateDb } from "../db/client";
import { staffUsers } from "../db/schema";
import { seedDemo, demoAccounts, DEMO_PASSWORD } from "../seed/index";
import { createApp } from "./app";
import { loadEnv } from "./env";
import { jobs } from "./jobs";
import { startScheduler } from "./jobs/scheduler";
import { systemClock } from "./lib/clock";
import { startCheckpointer } from "./lib/checkpointer";
import { createLogger } from "./lib/logger";
import { hashPassword } from "./lib/passwords";
import { loadServerKey } from "./lib/server-key";

const env = loadEnv();
const logger = createLogger(env.logLevel);
const db = createDb(env.dbFile);
migrateDb(db);
const serverKey = loadServerKey(env.secretKey, env.dataDir);

const [{ n: staffCount }] = db.select({ n: count() }).from(staffUsers).all();
if (staffCount === 0) {
  if (!env.production) {
    await seedDemo(db, { clock: systemClock, secretKey: serverKey.key, dataDir: env.dataDir, log: (msg) => logger.info(msg) });
  } else if (env.firstAdmin) {
    const now = new Date();
    db.insert(staffUsers)
      .values({
        username: env.firstAdmin.username,
        displayName: "Administrator",
        passwordHash: await hashPassword(env.firstAdmin.password),
        role: "admin",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    logger.info({ username: env.firstAdmin.username }, "created the first admin from POINTMALL_ADMIN_USERNAME");
  } else {
    logger.warn("no staff users: set POINTMALL_ADMIN_USERNAME and POINTMALL_ADMIN_PASSWORD to create the first admin");
  }
}

const app = await createApp({
  db,
  logger,
  config: {
    production: env.production,
    allowedOrigins: env.allowedOrigins,
    cookieSecure: env.cookieSecure,
    staticRoot: env.distDir,
    dataDir: env.dataDir,
    secretKey: serverKey.key,
  },
});
if (env.jobs) startScheduler(app.ctx, jobs);
const checkpointer = startCheckpointer(db, env.dbFile, { onError: (message) => logger.warn({ message }, "WAL checkpoint failed") });

const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  const base = `http://localhost:${info.port}`;
  const lines = [
    "",
    `Pointmall is running (${env.production ? "production" : "development"}), database ${env.dbFile}`,
    `  Storefront     ${base}/`,
    `  Admin console  ${base}/admin/`,
    `  API docs       ${base}/api/docs`,
    `  Health         ${base}/api/health`,
  ];
  if (!env.production) {
    lines.push("", `Demo staff accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of demoAccounts) lines.push(`  ${a.username.padEnd(10)} ${a.note}`);
  }
  console.log(lines.join("\n") + "\n");
});

const shutdown = async () => {
  server.close();
  await checkpointer.stop();
  db.$client.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

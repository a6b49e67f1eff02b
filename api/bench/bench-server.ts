import { serve } from "@hono/node-server";
import { dirname, join } from "node:path";
import { createDb, migrateDb } from "../../db/client";
import { createApp } from "../app";
import { systemClock } from "../lib/clock";
import { startCheckpointer } from "../lib/checkpointer";
import { createLogger } from "../lib/logger";
import { seedDemo } from "../../seed/index";
import { FAST_SCRYPT, TEST_SECRET_KEY } from "../test/harness";

/**
 * The full stack as `npm start` runs it (real SQLite file in WAL mode, sessions, Casbin, request
 * logging at warn), on a fresh seeded database. Only password hashing is cheapened, and only for
 * the seed, since sign-ins are not what the scenarios measure.
 */
const file = process.env.BENCH_DB!;
// A data folder next to the database, as `npm start` has: seeded images are files under uploads/
// (served by /uploads/…), not data: URLs inlined into every page and product JSON.
const dataDir = join(dirname(file), "data");
const db = createDb(file);
migrateDb(db);
const ids = await seedDemo(db, { clock: systemClock, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir });
const app = await createApp({ db, logger: createLogger("warn"), config: { passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir } });
startCheckpointer(db, file);
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.send?.({ port: info.port, ids }));
process.on("SIGTERM", () => process.exit(0));

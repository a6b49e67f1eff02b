import { createDb, migrateDb } from "../db/client";
import { systemClock } from "../api/lib/clock";
import { loadEnv } from "../api/env";
import { clearDatabase, seedDemo } from "./index";
import { loadServerKey } from "../api/lib/server-key";

const env = loadEnv();
if (env.production) {
  console.error("Refusing to seed demo data with NODE_ENV=production.");
  process.exit(1);
}
const db = createDb(env.dbFile);
migrateDb(db);
console.log(`clearing ${env.dbFile}`);
clearDatabase(db);
await seedDemo(db, { clock: systemClock, secretKey: loadServerKey(env.secretKey, env.dataDir).key, dataDir: env.dataDir, log: (m) => console.log(`  ${m}`) });
db.$client.close();

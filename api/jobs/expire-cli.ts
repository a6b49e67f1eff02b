import { createDb, migrateDb } from "../../db/client";
import { createApp } from "../app";
import { loadEnv } from "../env";
import { loadServerKey } from "../lib/server-key";
import { remindExpiring, sweepExpired } from "../domain/points/sweeps";

/** npm run expire: the expiry sweep and the reminders, by hand (the server also runs them on a schedule). */
const env = loadEnv();
const db = createDb(env.dbFile);
migrateDb(db);
const app = await createApp({ db, config: { secretKey: loadServerKey(env.secretKey, env.dataDir).key, production: env.production } });
const started = Date.now();
const result = sweepExpired(app.ctx, ({ done, total }) => {
  const pct = total ? Math.round((done / total) * 100) : 100;
  process.stdout.write(`\rexpiring points: ${done}/${total} members (${pct}%)   `);
});
process.stdout.write("\n");
console.log(`expired ${result.lots} lots of ${result.members} members in ${Date.now() - started} ms`);
const reminders = remindExpiring(app.ctx);
console.log(`sent ${reminders.reminders} expiry reminders`);
db.$client.close();

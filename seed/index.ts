import type { Db } from "../db/client";
import type { Clock } from "../api/lib/clock";
import type { ScryptCost } from "../api/lib/passwords";
import type { SeedContext } from "./context";
import { SecretBox } from "../api/lib/secret-box";
import { seedApps, seedMembers, seedPointsPolicy, seedRules } from "./points";
import { seedOrders } from "./orders";
import { seedCampaigns } from "./campaigns";
import { seedPages } from "./pages";
import { seedMall } from "./mall";
import { seedStaff } from "./staff";
import { seedCategories, seedProducts, seedSupplierSecrets } from "./catalog";
import { seedSuppliers } from "./suppliers";

export { demoAccounts, DEMO_PASSWORD } from "./staff";

/** Phases in dependency order; each logs what it made. Later areas add theirs at the end. */
const phases: Array<(s: SeedContext) => void | Promise<void>> = [seedMall, seedSuppliers, seedStaff, seedCategories, seedProducts, seedSupplierSecrets, seedPointsPolicy, seedApps, seedRules, seedMembers, seedOrders, seedCampaigns, seedPages];

/** `dataDir`: where generated product images go (under uploads/); without it they are data: URLs. */
export async function seedDemo(db: Db, opts: { clock: Clock; secretKey: Buffer; log?: (m: string) => void; passwordCost?: ScryptCost; dataDir?: string }) {
  const s: SeedContext = {
    db,
    clock: opts.clock,
    log: opts.log ?? (() => {}),
    passwordCost: opts.passwordCost,
    box: new SecretBox(opts.secretKey),
    dataDir: opts.dataDir,
    random: mulberry32(20261123),
    ids: {},
  };
  s.log("seeding demo data");
  for (const phase of phases) await phase(s);
  s.log("demo data ready");
  return s.ids;
}

/** Empties every table (keeping the migration journal), for `npm run seed`. */
export function clearDatabase(db: Db) {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[];
  sqlite.pragma("foreign_keys = OFF");
  sqlite.transaction(() => {
    for (const t of tables) sqlite.prepare(`delete from "${t.name}"`).run();
    sqlite.prepare("delete from sqlite_sequence").run();
  })();
  sqlite.pragma("foreign_keys = ON");
}

/** A tiny seeded PRNG: the demo mall is the same on every machine. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

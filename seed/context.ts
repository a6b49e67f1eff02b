import type { Db } from "../db/client";
import type { Clock } from "../api/lib/clock";
import type { ScryptCost } from "../api/lib/passwords";

export interface SeedContext {
  db: Db;
  clock: Clock;
  log: (message: string) => void;
  /** Lower in tests; OWASP strength otherwise. */
  passwordCost?: ScryptCost;
  /** Ids created by earlier phases, for later ones. */
  ids: Record<string, number>;
}

import type { Db } from "../db/client";
import type { Clock } from "../api/lib/clock";
import type { ScryptCost } from "../api/lib/passwords";
import type { SecretBox } from "../api/lib/secret-box";

export interface SeedContext {
  db: Db;
  clock: Clock;
  log: (message: string) => void;
  /** Lower in tests; OWASP strength otherwise. */
  passwordCost?: ScryptCost;
  /** Encrypts app secrets and coupon codes as the server will read them. */
  box: SecretBox;
  /** A deterministic random source, so every seed looks the same. */
  random: () => number;
  /** The data folder: generated product images are written under its uploads/ (data: URLs without one). */
  dataDir?: string;
  /** Ids created by earlier phases, for later ones. */
  ids: Record<string, number>;
}

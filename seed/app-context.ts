import { defaultConfig, type AppContext } from "../api/context";
import { Keyring } from "../api/domain/apps/keyring";
import { PolicyCache } from "../api/domain/points/policy";
import { RuleBook } from "../api/domain/points/rulebook";
import { PageCache } from "../api/domain/pages/page-cache";
import { GroupCommitter } from "../api/lib/group-commit";
import { silentLogger } from "../api/lib/logger";
import { cryptoRng, type Rng } from "../api/lib/rng";
import type { SeedContext } from "./context";

/**
 * The real domain services need an app context; the seed builds one over its own database. No
 * network: webhooks and supplier calls wait in the outbox for the server. Pass a seeded `rng` where
 * the seed should come out the same every time (campaign draws).
 */
export function seedAppContext(s: SeedContext, rng: Rng = cryptoRng): AppContext {
  return {
    db: s.db,
    clock: s.clock,
    rng,
    logger: silentLogger,
    config: defaultConfig,
    authz: undefined as never,
    box: s.box,
    keyring: new Keyring(s.db, s.box),
    rulebook: new RuleBook(s.db),
    policy: new PolicyCache(s.db),
    fetch: () => Promise.reject(new Error("no network while seeding")),
    selfFetch: () => Promise.reject(new Error("no network while seeding")),
    sandboxGateway: undefined as never,
    pageCache: new PageCache(s.db, s.clock),
    commits: new GroupCommitter(s.db),
  };
}

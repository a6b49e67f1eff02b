import type { Db } from "../db/client";
import type { Clock } from "./lib/clock";
import { HOUR, MINUTE } from "./lib/clock";
import type { Logger } from "./lib/logger";
import type { Rng } from "./lib/rng";
import { OWASP_SCRYPT, type ScryptCost } from "./lib/passwords";
import type { Authorizer } from "./rbac/authorizer";
import type { StaffPrincipal } from "./middleware/staff-session";
import type { SecretBox } from "./lib/secret-box";
import type { SandboxGateway } from "./domain/payments/sandbox-gateway";
import type { GroupCommitter } from "./lib/group-commit";
import type { AppKey, Keyring } from "./domain/apps/keyring";
import type { MemberPrincipal } from "./middleware/member-session";
import type { RuleBook } from "./domain/points/rulebook";
import type { PolicyCache } from "./domain/points/policy";
import type { PageCache } from "./domain/pages/page-cache";

export interface AppConfig {
  production: boolean;
  /** Staff sessions expire this long after the last request (sliding), and never later than maxAge. */
  sessionIdleMs: number;
  sessionMaxAgeMs: number;
  passwordCost: ScryptCost;
  /** Failed logins: lock an account after this many in a row, for lockMs. */
  lockout: { maxFailures: number; lockMs: number };
  /** Failed logins from one IP within windowMs before it is refused. */
  ipLimit: { maxFailures: number; windowMs: number };
  /** Origins allowed to make state-changing requests besides the server's own (e.g. Vite dev servers). */
  allowedOrigins: string[];
  cookieSecure: boolean;
  /** Folder holding the built admin/ and storefront/ (dist); when unset, no static files are served. */
  staticRoot?: string;
  /** Folder for uploads and other files next to the database. */
  dataDir?: string;
  /** 32 bytes: encrypts app secrets and coupon codes at rest. */
  secretKey?: Buffer;
  /** Member (storefront) sessions. */
  memberSessionMs: number;
}

export const defaultConfig: AppConfig = {
  production: false,
  sessionIdleMs: 2 * HOUR,
  sessionMaxAgeMs: 12 * HOUR,
  passwordCost: OWASP_SCRYPT,
  lockout: { maxFailures: 5, lockMs: 15 * MINUTE },
  ipLimit: { maxFailures: 30, windowMs: 15 * MINUTE },
  allowedOrigins: [],
  cookieSecure: false,
  memberSessionMs: 7 * 24 * HOUR,
};

/** Everything a router needs, built once by createApp and passed down (never read from globals). */
export interface AppContext {
  db: Db;
  clock: Clock;
  rng: Rng;
  logger: Logger;
  config: AppConfig;
  authz: Authorizer;
  box: SecretBox;
  keyring: Keyring;
  rulebook: RuleBook;
  policy: PolicyCache;
  /** Outgoing HTTP (webhooks, supplier calls): a dependency so tests can stand in for the other side. */
  fetch: typeof fetch;
  /** A request into this same app (the sandbox gateway's and sandbox supplier's calls). */
  selfFetch: (req: Request) => Promise<Response>;
  sandboxGateway: SandboxGateway;
  /** The storefront's published pages, held serialised in memory (invalidated on publish, slot and theme changes). */
  pageCache: PageCache;
  /** Group commit for the hot write paths (see api/lib/group-commit.ts). */
  commits: GroupCommitter;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    staff: StaffPrincipal | undefined;
    app: AppKey | undefined;
    member: MemberPrincipal | undefined;
  };
};

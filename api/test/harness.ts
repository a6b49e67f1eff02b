import { count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { auditLog, casbinRules, settings, staffSessions, staffUsers, suppliers } from "../../db/schema";
import Database from "better-sqlite3";
import { createTestDb, openDb, type Db } from "../../db/client";
import { createApp, type AppDeps, type PointmallApp } from "../app";
import type { AppConfig } from "../context";
import { manualClock, type ManualClock } from "../lib/clock";
import { hashPassword, type ScryptCost } from "../lib/passwords";
import { seededRng } from "../lib/rng";
import { applyDefaultPolicies } from "../rbac/authorizer";
import { seedDemo } from "../../seed/index";
import { members } from "../../db/schema";
import { registerApp } from "../domain/apps/apps-admin";
import { readPointsPolicy, writePointsPolicy, type PointsPolicy } from "../domain/points/policy";
import { RuleConfigSchema } from "../domain/points/rule-engine";
import { createRule } from "../domain/points/rules-admin";
import { signRequest, signSso } from "../lib/signing";

/** Tests hash with a cheap cost; the stored hash carries its parameters, so verification is the real code. */
export const FAST_SCRYPT: ScryptCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = "correct-horse-battery";
export const ORIGIN = "http://pointmall.test";
/** A fixed server key for tests (encrypts app secrets and coupon codes). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

/**
 * Fixture staff (createStaff) get TEST_PASSWORD hashed once per test file at a trivial cost: the hash
 * carries its parameters, so signing in still runs the real verification, only cheaper. Passwords set
 * through the API use the app's passwordCost (FAST_SCRYPT).
 */
const FIXTURE_SCRYPT: ScryptCost = { N: 16, r: 1, p: 1 };
let testPasswordHash: Promise<string> | undefined;
const hashTestPassword = () => (testPasswordHash ??= hashPassword(TEST_PASSWORD, FIXTURE_SCRYPT));

/**
 * A migrated database holding the default policy lines, built once per test file; each test app opens
 * its own copy. (createApp applies the defaults again and finds them there; policies.test.ts covers a bare database.)
 */
let migrated: Buffer | undefined;
function freshTestDb(): Db {
  migrated ??= (() => {
    const template = createTestDb();
    applyDefaultPolicies(template, manualClock().now());
    return template.$client.serialize();
  })();
  return openDb(new Database(migrated));
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: PointmallApp;
  db: Db;
  clock: ManualClock;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  /** Signs in and returns the session cookie ("pm_staff=..."). */
  login(username: string, password?: string): Promise<string>;
  /** A client bound to one session cookie. */
  as(cookie: string): Client;
  /** Creates a staff user with TEST_PASSWORD and returns its id. */
  createStaff(username: string, role: string, supplierId?: number | null): Promise<number>;
  /** Creates a staff user of `role` (named after it unless told), signs in, and returns its id, cookie and client. */
  signIn(role: string, opts?: { username?: string; supplierId?: number | null }): Promise<SignedIn>;
  /** Inserts a supplier directly (no audit entry) and returns its id. */
  createSupplier(code: string, values?: Partial<typeof suppliers.$inferInsert>): number;
  /** Rows in one table. */
  count(table: SQLiteTable): number;
  /** Row counts of every foundation table: compare before and after to prove nothing was written. */
  rowCounts(): RowCounts;
  /** The audit log, oldest first. */
  auditEntries(): (typeof auditLog.$inferSelect)[];
  /** One staff user's row as stored (with its password hash). */
  staffRow(id: number): typeof staffUsers.$inferSelect | undefined;
  /** A second app on the same database and clock, as after a server restart (in-memory state starts afresh). */
  restart(): Promise<PointmallApp>;
}

export interface SignedIn {
  id: number;
  cookie: string;
  client: Client;
}

export type RowCounts = Record<"staffUsers" | "staffSessions" | "suppliers" | "casbinRules" | "auditLog" | "settings", number>;

export interface Client {
  get<T = any>(path: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
}

export async function buildTestApp(opts: { config?: Partial<AppConfig>; seed?: boolean; clock?: ManualClock; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const db = freshTestDb();
  const clock = opts.clock ?? manualClock();
  if (opts.seed) await seedDemo(db, { clock, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY });
  const start = () => createApp({ db, clock, rng: seededRng(42), config: { passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, ...opts.config }, ...opts.deps });
  const app = await start();

  const request = async <T>(method: string, path: string, o: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.cookie) headers.cookie = o.cookie;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers["content-type"] ??= "application/json";
    }
    // Requests go to ORIGIN, so a client's `Origin: ORIGIN` is same-origin as it is in a browser on the console.
    const res = await app.request(new URL(path, ORIGIN).href, { method, headers, body }, { incoming: { socket: { remoteAddress: headers["x-test-ip"] ?? "10.0.0.1" } } });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  const as = (cookie: string): Client => ({
    get: (p, h) => request("GET", p, { cookie, headers: h }),
    post: (p, b, h) => request("POST", p, { cookie, body: b ?? {}, headers: { origin: ORIGIN, ...h } }),
    patch: (p, b, h) => request("PATCH", p, { cookie, body: b ?? {}, headers: { origin: ORIGIN, ...h } }),
    put: (p, b, h) => request("PUT", p, { cookie, body: b ?? {}, headers: { origin: ORIGIN, ...h } }),
    delete: (p, h) => request("DELETE", p, { cookie, headers: { origin: ORIGIN, ...h } }),
  });

  const login = async (username: string, password = opts.seed ? "pointmall" : TEST_PASSWORD) => {
    const res = await request("POST", "/api/admin/auth/login", { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = res.headers.get("set-cookie")?.match(/pm_staff=[^;]+/)?.[0];
    if (!cookie) throw new Error("no session cookie");
    return cookie;
  };

  const createStaff = async (username: string, role: string, supplierId: number | null = null) => {
    const now = clock.now();
    const passwordHash = await hashTestPassword();
    return db.insert(staffUsers).values({ username, displayName: username, passwordHash, role, supplierId, createdAt: now, updatedAt: now }).returning().get().id;
  };

  const signIn = async (role: string, o: { username?: string; supplierId?: number | null } = {}): Promise<SignedIn> => {
    const username = o.username ?? role;
    const id = await createStaff(username, role, o.supplierId ?? null);
    const cookie = await login(username, TEST_PASSWORD);
    return { id, cookie, client: as(cookie) };
  };

  const createSupplier = (code: string, values: Partial<typeof suppliers.$inferInsert> = {}) => {
    const now = clock.now();
    return db.insert(suppliers).values({ name: code, code, createdAt: now, updatedAt: now, ...values }).returning().get().id;
  };

  const countRows = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;
  const rowCounts = (): RowCounts => ({
    staffUsers: countRows(staffUsers),
    staffSessions: countRows(staffSessions),
    suppliers: countRows(suppliers),
    casbinRules: countRows(casbinRules),
    auditLog: countRows(auditLog),
    settings: countRows(settings),
  });
  const auditEntries = () => db.select().from(auditLog).orderBy(auditLog.id).all();
  const staffRow = (id: number) => db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();

  return { app, db, clock, request, login, as, createStaff, signIn, createSupplier, count: countRows, rowCounts, auditEntries, staffRow, restart: start };
}

/* ---------- Points and host-app fixtures ---------- */

export interface TestHostApp {
  id: number;
  key: string;
  secret: string;
}

/** Registers a host app directly (no audit entry) with a known secret, and drops the keyring cache. */
export function registerTestApp(t: TestApp, o: { key?: string; secret?: string; name?: string; webhookUrl?: string } = {}): TestHostApp {
  const key = o.key ?? "host-app";
  const secret = o.secret ?? `${key}-secret-for-tests`;
  const { app } = registerApp(t.db, t.app.ctx.box, { key, name: o.name ?? key, secret, webhookUrl: o.webhookUrl }, t.clock.now());
  t.app.ctx.keyring.invalidate();
  return { id: app.id, key, secret };
}

let signedNonce = 0;
/**
 * A request signed as a host's backend signs it (X-Pointmall-* headers over method, path with query,
 * timestamp, nonce and the raw body). `timestamp` is unix seconds; `path` may carry a query string.
 */
export function signedRequest<T = any>(
  t: TestApp,
  method: string,
  path: string,
  body: unknown,
  app: { key: string; secret: string },
  o: { nonce?: string; timestamp?: number | string; headers?: Record<string, string> } = {},
): Promise<TestResponse<T>> {
  const raw = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const nonce = o.nonce ?? `nonce-${++signedNonce}-${process.pid}`;
  const timestamp = String(o.timestamp ?? Math.floor(t.clock.now().getTime() / 1000));
  const headers: Record<string, string> = {
    "X-Pointmall-Key": app.key,
    "X-Pointmall-Timestamp": timestamp,
    "X-Pointmall-Nonce": nonce,
    "X-Pointmall-Signature": signRequest(app.secret, method, path, timestamp, nonce, raw),
    ...(raw ? { "content-type": "application/json" } : {}),
    ...o.headers,
  };
  return t.request<T>(method, path, { rawBody: raw || undefined, headers });
}

/** Inserts a member of an app directly and returns the row. */
export function createMember(t: TestApp, appId: number, externalId: string, values: Partial<typeof members.$inferInsert> = {}) {
  const now = t.clock.now();
  return t.db.insert(members).values({ appId, externalId, createdAt: now, updatedAt: now, ...values }).returning().get();
}

/** Creates an earning rule (version 1, active) and drops the rulebook cache; returns the rule id. */
export function createTestRule(t: TestApp, eventType: string, config: unknown, name = eventType): number {
  const rule = createRule(t.db, { eventType, name, config: RuleConfigSchema.parse(config) }, "test", t.clock.now());
  t.app.ctx.rulebook.invalidate();
  return rule.id;
}

/** Replaces parts of the points policy (as an operator's save would) and drops the policy cache. */
export function setPointsPolicy(t: TestApp, patch: Partial<PointsPolicy>): PointsPolicy {
  const policy = { ...readPointsPolicy(t.db), ...patch };
  writePointsPolicy(t.db, policy, t.clock.now());
  t.app.ctx.policy.invalidate();
  return policy;
}

let ssoNonce = 0;
/**
 * The SSO link a host's backend builds: appKey, memberId, timestamp, nonce and redirect (plus any extra
 * parameters), signed over all of them sorted by name as k=v joined by &. Pass a parameter as undefined to leave it out.
 */
export function ssoLink(t: TestApp, app: { key: string; secret: string }, params: Record<string, string | undefined> = {}, secret = app.secret): string {
  const all = { appKey: app.key, memberId: "u-1", timestamp: String(Math.floor(t.clock.now().getTime() / 1000)), nonce: `sso-nonce-${++ssoNonce}`, redirect: "/", ...params };
  const signed = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
  return `/sso?${new URLSearchParams({ ...signed, signature: signSso(secret, signed) })}`;
}

/** Enters the storefront as a member through SSO and returns the member cookie ("pm_member=..."). */
export async function memberLogin(t: TestApp, app: { key: string; secret: string }, memberId = "u-1"): Promise<string> {
  const res = await t.request("GET", ssoLink(t, app, { memberId }));
  const cookie = res.headers.get("set-cookie")?.match(/pm_member=[^;]+/)?.[0];
  if (res.status !== 302 || !cookie) throw new Error(`SSO for ${memberId} failed: ${res.status}`);
  return cookie;
}

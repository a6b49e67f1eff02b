import { count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { auditLog, casbinRules, settings, staffSessions, staffUsers, suppliers } from "../../db/schema";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { createTestDb, schema, type Db } from "../../db/client";
import { createApp, type AppDeps, type PointmallApp } from "../app";
import type { AppConfig } from "../context";
import { manualClock, type ManualClock } from "../lib/clock";
import { hashPassword, type ScryptCost } from "../lib/passwords";
import { seededRng } from "../lib/rng";
import { applyDefaultPolicies } from "../rbac/authorizer";
import { seedDemo } from "../../seed/index";

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
  const db = drizzle({ client: new Database(migrated), schema }) as Db;
  db.$client.pragma("foreign_keys = ON");
  return db;
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

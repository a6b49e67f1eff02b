import type { Options } from "autocannon";

export interface BenchContext {
  baseUrl: string;
  dbFile: string;
  ids: Record<string, number>;
  /** Signs a staff member in and returns the cookie header value. */
  staffCookie(username: string): Promise<string>;
  /** Enters the storefront as a demo member (through a signed SSO link) and returns the cookie. */
  memberCookie(externalId: string): Promise<string>;
}

export interface Scenario {
  name: string;
  /** The ratio to the hello-world ceiling that the issue asks for, if any. */
  goal?: number;
  /** Builds the autocannon options (url, method, headers, body or per-request setup). */
  prepare(ctx: BenchContext): Promise<Partial<Options> & { url: string }>;
  /** Checks what the run left behind (e.g. no oversell); returns notes, throws on a broken invariant. */
  verify?(ctx: BenchContext): Promise<string | void>;
}

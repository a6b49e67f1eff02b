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

/** The context over a running stack: staff sign in with the demo password, members enter through the demo host's SSO links. */
export function benchContext(baseUrl: string, dbFile: string, ids: Record<string, number>): BenchContext {
  return {
    baseUrl,
    dbFile,
    ids,
    async staffCookie(username) {
      const res = await fetch(`${baseUrl}/api/admin/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: "pointmall" }),
      });
      const cookie = res.headers.get("set-cookie")?.match(/pm_staff=[^;]+/)?.[0];
      if (!cookie) throw new Error(`could not sign in as ${username}: ${res.status}`);
      return cookie;
    },
    async memberCookie(externalId) {
      const link = (await (await fetch(`${baseUrl}/api/shop/demo/sso-url?memberId=${encodeURIComponent(externalId)}`)).json()) as { url: string };
      const res = await fetch(baseUrl + link.url, { redirect: "manual" });
      const cookie = res.headers.get("set-cookie")?.match(/pm_member=[^;]+/)?.[0];
      if (!cookie) throw new Error(`could not enter as member ${externalId}: ${res.status}`);
      return cookie;
    },
  };
}

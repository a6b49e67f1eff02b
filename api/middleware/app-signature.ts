import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context";
import { claimNonce } from "../domain/apps/keyring";
import { unauthorized } from "../lib/errors";
import { sameSignature, signRequest } from "../lib/signing";

export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Authenticates /api/open/v1 calls from host apps. Each failure is a 401 with its own code, checked
 * in this order: headers present, known and active key, timestamp within 5 minutes, signature over
 * the raw body, and only then the nonce (so a forged request cannot burn a genuine nonce).
 */
export function appSignature(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header("x-pointmall-key");
    const timestamp = c.req.header("x-pointmall-timestamp");
    const nonce = c.req.header("x-pointmall-nonce");
    const signature = c.req.header("x-pointmall-signature");
    if (!key || !timestamp || !nonce || !signature)
      throw unauthorized("SIGNATURE_MISSING", "Signed requests need X-Pointmall-Key, X-Pointmall-Timestamp, X-Pointmall-Nonce and X-Pointmall-Signature");
    if (nonce.length < 8 || nonce.length > 64) throw unauthorized("NONCE_INVALID", "The nonce must be 8 to 64 characters");

    const app = ctx.keyring.byAppKey(key);
    if (!app) throw unauthorized("APP_KEY_UNKNOWN", "Unknown app key");
    if (app.status !== "active") throw unauthorized("APP_DISABLED", "This app is disabled");

    const now = ctx.clock.now().getTime();
    const ts = Number(timestamp) * 1000;
    if (!/^\d{9,11}$/.test(timestamp) || Math.abs(now - ts) > SIGNATURE_WINDOW_MS)
      throw unauthorized("TIMESTAMP_OUT_OF_RANGE", "The timestamp is more than 5 minutes away from the server's time");

    const url = new URL(c.req.url);
    const body = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
    const expected = signRequest(app.secret, c.req.method, url.pathname + url.search, timestamp, nonce, body);
    if (!sameSignature(signature, expected)) throw unauthorized("SIGNATURE_INVALID", "The signature does not match the request");

    // Through the group committer: a nonce is one row, and alone it would pay for a whole commit.
    const claimed = await ctx.commits.run((tx) => claimNonce(tx, app.id, nonce, new Date(ts + SIGNATURE_WINDOW_MS * 2)));
    if (!claimed) throw unauthorized("NONCE_REUSED", "This nonce was already used");
    c.set("app", app);
    await next();
  };
}

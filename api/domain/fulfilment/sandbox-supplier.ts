import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { suppliers } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { sameSignature, signRequest } from "../../lib/signing";

export const SANDBOX_SUPPLIER_PATH = "/sandbox/supplier/fulfil";

/**
 * A supplier's fulfilment endpoint for the demo and the tests, behaving like a real one: it checks
 * the signature and the nonce, answers the same order number the same way, and misbehaves on
 * request through the product code: "-FAIL" always fails, "-FLAKY" fails the first two calls for an
 * order, "-SLOW" answers after the caller's timeout.
 */
export function sandboxSupplierRouter(ctx: AppContext, opts: { slowMs?: number } = {}) {
  const router = new Hono<AppEnv>();
  const seenNonces = new Set<string>();
  const calls = new Map<string, number>();
  const delivered = new Map<string, string>();

  router.post(SANDBOX_SUPPLIER_PATH, async (c) => {
    const key = c.req.header("x-pointmall-key") ?? "";
    const ts = c.req.header("x-pointmall-timestamp") ?? "";
    const nonce = c.req.header("x-pointmall-nonce") ?? "";
    const signature = c.req.header("x-pointmall-signature") ?? "";
    const body = await c.req.text();
    const supplier = ctx.db.select({ enc: suppliers.apiSecretEnc }).from(suppliers).where(eq(suppliers.code, key)).get();
    if (!supplier?.enc) return c.json({ error: "unknown key" }, 401);
    const expected = signRequest(ctx.box.open(supplier.enc), "POST", new URL(c.req.url).pathname, ts, nonce, body);
    if (!sameSignature(signature, expected)) return c.json({ error: "bad signature" }, 401);
    if (seenNonces.has(nonce)) return c.json({ error: "nonce reused" }, 401);
    seenNonces.add(nonce);

    const { orderNo, productCode } = JSON.parse(body) as { orderNo: string; productCode: string };
    const n = (calls.get(orderNo) ?? 0) + 1;
    calls.set(orderNo, n);
    if (delivered.has(orderNo)) return c.json({ status: "ok", reference: delivered.get(orderNo), duplicate: true });
    if (productCode.endsWith("-FAIL")) return c.json({ error: "upstream carrier unavailable" }, 502);
    if (productCode.endsWith("-FLAKY") && n <= 2) return c.json({ error: "temporarily unavailable" }, 503);
    if (productCode.endsWith("-SLOW")) await new Promise((r) => setTimeout(r, opts.slowMs ?? 6000));
    const reference = `SUP-${orderNo}`;
    delivered.set(orderNo, reference);
    return c.json({ status: "ok", reference });
  });
  return router;
}

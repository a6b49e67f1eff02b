import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { orders, payments } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { runOutbox } from "../../domain/outbox/handlers";
import { applyPaymentNotice, sandboxCheckout } from "../../domain/payments/payments";
import { CALLBACK_PATH } from "../../domain/payments/sandbox-gateway";
import { writeTx } from "../../lib/tx";

const yuan = (cents: number) => (cents / 100).toFixed(2);

/**
 * The payment provider's side of the story: the callback endpoint the gateway notifies (signed,
 * idempotent) and, for the sandbox gateway, its hosted pay page.
 */
export function paymentsRouter(ctx: AppContext) {
  const router = new Hono<AppEnv>();

  router.post(CALLBACK_PATH, async (c) => {
    const raw = await c.req.text();
    const now = ctx.clock.now();
    const notice = ctx.sandboxGateway.verifyCallback(raw, c.req.header("x-sandbox-timestamp"), c.req.header("x-sandbox-signature"), now);
    const { outcome, orderId } = writeTx(ctx.db, (tx) => applyPaymentNotice(tx, notice, now));
    c.get("log").info({ reference: notice.reference, outcome, orderId }, "payment notice");
    // Gateways stop notifying once they get a success answer.
    return c.json({ received: true, outcome }, 200);
  });

  router.get("/sandbox-pay/:reference", (c) => {
    const reference = c.req.param("reference");
    const p = ctx.db.select({ amountCents: payments.amountCents, status: payments.status, orderNo: orders.orderNo, orderId: orders.id }).from(payments).innerJoin(orders, eq(orders.id, payments.orderId)).where(eq(payments.reference, reference)).get();
    if (!p) return c.html(page("未找到支付单 Payment not found", "<p>This payment does not exist.</p>"), 404);
    const action = (a: string, label: string, cls: string) =>
      `<form method="post"><input type="hidden" name="action" value="${a}"><button class="${cls}" type="submit">${label}</button></form>`;
    const body =
      p.status === "pending"
        ? `<p class="amount">¥${yuan(p.amountCents)}</p><p class="muted">订单 Order ${p.orderNo}</p>${action("pay", "确认支付 Pay", "pay")}${action("fail", "模拟支付失败 Simulate a failure", "fail")}`
        : `<p>支付单状态 Status: <b>${p.status}</b></p><p><a href="/orders/${p.orderId}">返回订单 Back to the order</a></p>`;
    return c.html(page("沙箱收银台 Sandbox checkout", body));
  });

  router.post("/sandbox-pay/:reference", async (c) => {
    const reference = c.req.param("reference");
    const form = await c.req.parseBody();
    const action = form.action === "fail" ? "fail" : "pay";
    const { orderId } = writeTx(ctx.db, (tx) => sandboxCheckout(tx, reference, action, ctx.clock.now()));
    // Like a real gateway, the notification travels on its own; start delivering it right away.
    void runOutbox(ctx, { kinds: ["sandbox-callback"] }).catch((err) => ctx.logger.error({ err }, "sandbox callback delivery failed"));
    return c.redirect(`/orders/${orderId}?paid=${action === "pay" ? 1 : 0}`, 303);
  });

  return router;
}

function page(title: string, body: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"PingFang SC",sans-serif;margin:0;background:#f0f2f5;color:#1f1f1f;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border-radius:12px;padding:24px;width:min(360px,92vw);text-align:center;box-shadow:0 2px 12px rgba(0,0,0,.06)}
h1{font-size:18px}.amount{font-size:36px;font-weight:700;margin:8px 0}.muted{color:#595959}
button{width:100%;padding:12px;border-radius:8px;border:0;font-size:16px;margin-top:12px;cursor:pointer}.pay{background:#1677ff;color:#fff}.fail{background:#fff;border:1px solid #d9d9d9}
.badge{display:inline-block;background:#fffbe6;border:1px solid #ffe58f;border-radius:4px;padding:2px 8px;font-size:12px}</style></head>
<body><main><span class="badge">SANDBOX · 测试环境</span><h1>${title}</h1>${body}</main></body></html>`;
}

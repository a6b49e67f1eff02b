import { randomUUID } from "node:crypto";
import type { AppContext } from "../../context";
import { signedHeaders } from "../../lib/signing";
import type { DeliveryResult, OutboxItem } from "./outbox";

export const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * POSTs a webhook to the app's URL, signed like the host's own calls (X-Pointmall-* headers), with a
 * timeout. 2xx is delivered; anything else, a timeout or a network error is retried with backoff.
 */
export async function deliverWebhook(ctx: AppContext, item: OutboxItem): Promise<DeliveryResult> {
  const app = item.appId ? ctx.keyring.byAppId(item.appId) : null;
  if (!app || !app.webhookUrl) return { ok: false, url: "", error: "the app has no webhook URL", permanent: true };
  const url = new URL(app.webhookUrl);
  const body = JSON.stringify({ id: `evt_${item.id}`, topic: item.topic, createdAt: item.createdAt.toISOString(), data: item.payload });
  const headers = {
    "content-type": "application/json",
    "user-agent": "Pointmall-Webhook/1",
    "X-Pointmall-Event": item.topic,
    "X-Pointmall-Delivery": String(item.id),
    ...signedHeaders(app.key, app.secret, "POST", url.pathname + url.search, body, ctx.clock.now(), randomUUID()),
  };
  try {
    const res = await ctx.fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
    const text = await res.text().catch(() => "");
    return { ok: res.ok, url: url.toString(), statusCode: res.status, responseSnippet: text.slice(0, 500), error: res.ok ? undefined : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error;
    return { ok: false, url: url.toString(), error: e.name === "TimeoutError" ? `timed out after ${WEBHOOK_TIMEOUT_MS} ms` : e.message };
  }
}

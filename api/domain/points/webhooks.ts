import type { DbOrTx } from "../../../db/client";
import type { AppContext } from "../../context";
import { enqueue } from "../outbox/outbox";
import type { Entry } from "./ledger";

/** Tells the host app that a member's points changed (when the app has a webhook URL). */
export function notifyPointsChanged(tx: DbOrTx, ctx: AppContext, entry: Entry, externalMemberId: string, now: Date) {
  const app = ctx.keyring.byAppId(entry.appId);
  if (!app?.webhookUrl) return;
  enqueue(tx, now, {
    kind: "webhook",
    topic: "points.changed",
    appId: entry.appId,
    dedupeKey: `points.changed:${entry.id}`,
    payload: {
      memberId: externalMemberId,
      entryId: entry.id,
      type: entry.type,
      amount: entry.amount,
      balance: entry.balanceAfter,
      businessId: entry.businessId,
      reason: entry.reason,
      at: entry.createdAt.toISOString(),
    },
  });
}

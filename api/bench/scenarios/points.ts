import { randomUUID } from "node:crypto";
import { createDb } from "../../../db/client";
import { ledgerViolations } from "../../domain/points/ledger";
import { signRequest } from "../../lib/signing";
import type { Scenario } from "../scenario";

const EVENT_TYPES = ["purchase", "review", "share", "login", "invite"];
let seq = 0;

/**
 * Signed host events at full load: every request a new business id and nonce, spread over the demo
 * members and event types, so rules, caps, lots and tiers all do their work. After the run the
 * ledger invariant is checked on every member.
 */
export const hostEvent: Scenario = {
  name: "host event (signed POST /api/open/v1/events)",
  goal: 0.25,
  prepare: async (ctx) => ({
    url: `${ctx.baseUrl}/api/open/v1/events`,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const n = seq++;
          const type = EVENT_TYPES[n % EVENT_TYPES.length];
          const body = JSON.stringify({
            type,
            memberId: `u-${1001 + (n % 60)}`,
            businessId: `bench-${process.pid}-${n}`,
            ...(type === "purchase" ? { amount: 1000 + (n % 50) * 997 } : {}),
          });
          const timestamp = String(Math.floor(Date.now() / 1000));
          const nonce = randomUUID();
          return {
            ...req,
            body,
            headers: {
              "content-type": "application/json",
              "x-pointmall-key": "demo-app",
              "x-pointmall-timestamp": timestamp,
              "x-pointmall-nonce": nonce,
              "x-pointmall-signature": signRequest("demo-secret", "POST", "/api/open/v1/events", timestamp, nonce, body),
            },
          };
        },
      },
    ],
  }),
  verify: async (ctx) => {
    const db = createDb(ctx.dbFile);
    try {
      const violations = ledgerViolations(db);
      const entries = db.$client.prepare("select count(*) n from ledger_entries where business_id like 'bench-%'").get() as { n: number };
      const dupes = db.$client.prepare("select count(*) n from (select business_id from ledger_entries group by app_id, business_id having count(*) > 1)").get() as { n: number };
      if (violations.length || dupes.n) throw new Error(`ledger invariant broken: ${violations.length} members, ${dupes.n} duplicate business ids`);
      return `invariant ok over all members; ${entries.n} bench entries`;
    } finally {
      db.$client.close();
    }
  },
};

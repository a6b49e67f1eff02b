import { MINUTE, HOUR } from "../lib/clock";
import { purgeExpiredSessions } from "../lib/staff-auth";
import { purgeNonces } from "../domain/apps/keyring";
import { runOutbox } from "../domain/outbox/handlers";
import { autoCompleteShipped, cancelUnpaid } from "../domain/orders/order-jobs";
import { advanceCampaigns } from "../domain/campaigns/lifecycle";
import { recomputeAllTiers, remindExpiring, sweepExpired } from "../domain/points/sweeps";
import { runPageSchedule } from "../domain/pages/publishing";
import type { Job } from "./scheduler";

/** Every periodic job the server runs. Later areas add theirs here. */
export const jobs: Job[] = [
  { name: "purge-staff-sessions", everyMs: HOUR, run: (ctx) => purgeExpiredSessions(ctx.db, ctx.clock.now()) },
  { name: "purge-nonces", everyMs: 10 * MINUTE, run: (ctx) => purgeNonces(ctx.db, ctx.clock.now()) },
  { name: "deliver-outbox", everyMs: 2_000, run: (ctx) => runOutbox(ctx) },
  { name: "cancel-unpaid-orders", everyMs: MINUTE, run: (ctx) => cancelUnpaid(ctx) },
  { name: "auto-complete-orders", everyMs: HOUR, run: (ctx) => autoCompleteShipped(ctx) },
  { name: "advance-campaigns", everyMs: 10_000, run: (ctx) => advanceCampaigns(ctx) },
  { name: "expire-points", everyMs: 10 * MINUTE, run: (ctx) => sweepExpired(ctx) },
  { name: "remind-expiring-points", everyMs: 6 * HOUR, run: (ctx) => remindExpiring(ctx) },
  { name: "recompute-tiers", everyMs: 24 * HOUR, run: (ctx) => recomputeAllTiers(ctx) },
  // Scheduled page publishes and festival themes switching: within 5 s of their time.
  { name: "page-schedule", everyMs: 5_000, run: (ctx) => runPageSchedule(ctx) },
];

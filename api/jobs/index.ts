import { MINUTE, HOUR } from "../lib/clock";
import { purgeExpiredSessions } from "../lib/staff-auth";
import { purgeNonces } from "../domain/apps/keyring";
import { deliverDue } from "../domain/outbox/outbox";
import { outboxHandlers } from "../domain/outbox/handlers";
import { recomputeAllTiers, remindExpiring, sweepExpired } from "../domain/points/sweeps";
import type { Job } from "./scheduler";

/** Every periodic job the server runs. Later areas add theirs here. */
export const jobs: Job[] = [
  { name: "purge-staff-sessions", everyMs: HOUR, run: (ctx) => purgeExpiredSessions(ctx.db, ctx.clock.now()) },
  { name: "purge-nonces", everyMs: 10 * MINUTE, run: (ctx) => purgeNonces(ctx.db, ctx.clock.now()) },
  { name: "deliver-outbox", everyMs: 5_000, run: (ctx) => deliverDue(ctx, outboxHandlers) },
  { name: "expire-points", everyMs: 10 * MINUTE, run: (ctx) => sweepExpired(ctx) },
  { name: "remind-expiring-points", everyMs: 6 * HOUR, run: (ctx) => remindExpiring(ctx) },
  { name: "recompute-tiers", everyMs: 24 * HOUR, run: (ctx) => recomputeAllTiers(ctx) },
];

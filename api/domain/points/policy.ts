// z from @hono/zod-openapi (zod extended with .openapi): schemas made here are documented by the routes, whatever the import order.
import { z } from "@hono/zod-openapi";
import type { DbOrTx } from "../../../db/client";
import { getSetting, putSetting } from "../../lib/settings-store";
import { defaultExpiryPolicy, type ExpiryPolicy } from "./expiry";
import { defaultTiers, type TierDef } from "./tiers";

export const TierSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "lower-case letters, digits, - and _"),
  name: z.object({ "zh-CN": z.string().min(1).max(32), "en-US": z.string().min(1).max(32) }),
  threshold: z.number().int().min(0).max(100_000_000),
  multiplierPermille: z.number().int().min(0).max(10_000),
});

export const ExpirySchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("fixed"), unit: z.enum(["month", "year"]), periods: z.number().int().min(0).max(10) }),
  z.object({ mode: z.literal("rolling"), days: z.number().int().min(1).max(3650) }),
  z.object({ mode: z.literal("never") }),
]);

export const PointsPolicySchema = z.object({
  tiers: z.array(TierSchema).min(1).max(10),
  expiry: ExpirySchema,
  /** A single change larger than this waits in the review queue instead of being applied. */
  riskThreshold: z.number().int().min(1).max(100_000_000),
  /** The most a customer-service agent may adjust in one go (either direction). */
  serviceAdjustLimit: z.number().int().min(0).max(1_000_000),
  /** How many days ahead members are reminded of expiring points. */
  reminderDays: z.number().int().min(1).max(90),
});

export type PointsPolicy = z.infer<typeof PointsPolicySchema>;

export const defaultPointsPolicy: PointsPolicy = {
  tiers: defaultTiers,
  expiry: defaultExpiryPolicy,
  riskThreshold: 5000,
  serviceAdjustLimit: 500,
  reminderDays: 30,
};

const KEY = "points.policy";

export function readPointsPolicy(db: DbOrTx): PointsPolicy {
  return getSetting<PointsPolicy>(db, KEY, defaultPointsPolicy);
}

export function writePointsPolicy(db: DbOrTx, policy: PointsPolicy, now: Date) {
  putSetting(db, KEY, policy, now);
}

/** The policy is read on every event; it is cached and dropped when an operator saves it. */
export class PolicyCache {
  private value: PointsPolicy | null = null;
  constructor(private readonly db: DbOrTx) {}
  get(): PointsPolicy {
    return (this.value ??= readPointsPolicy(this.db));
  }
  invalidate() {
    this.value = null;
  }
}

export type { TierDef, ExpiryPolicy };

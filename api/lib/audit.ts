import type { Context } from "hono";
import type { DbOrTx } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AppEnv } from "../context";
import { clientIp } from "./staff-auth";

export interface AuditEntry {
  action: string;
  resource: string;
  resourceId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Fields that never enter the audit log, whatever resource they belong to. Not a bare "code":
 * that is an identifier on suppliers (and later products, campaigns); coupon codes are couponCode/codeEnc.
 */
const SECRET_FIELDS = new Set(["passwordHash", "password", "secret", "secretHash", "secretEnc", "codeEnc", "couponCode"]);

function scrub(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELDS.has(k) ? "[redacted]" : scrub(v);
  return out;
}

/**
 * Writes one audit entry for the staff member behind this request. Call it inside the same
 * transaction as the change, so a change and its record land together or not at all.
 */
export function audit(tx: DbOrTx, c: Context<AppEnv>, now: Date, entry: AuditEntry) {
  const staff = c.get("staff");
  tx.insert(auditLog)
    .values({
      createdAt: now,
      actorId: staff?.id ?? null,
      actorName: staff?.username ?? "anonymous",
      actorRole: staff?.role ?? "",
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId == null ? null : String(entry.resourceId),
      before: scrub(entry.before),
      after: scrub(entry.after),
      ip: clientIp(c),
      requestId: c.get("requestId") ?? "",
    })
    .run();
}

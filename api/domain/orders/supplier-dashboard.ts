import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orders, products, type LocalText } from "../../../db/schema";
import { DAY, HOUR } from "../../lib/clock";
import { localDate, localMidnight, mallDay, tzOffsetMs } from "../points/calendar";

/** The dashboard looks back this many mall days (today included). */
export const WINDOW_DAYS = 30;
/** A paid order shipped within this long after payment is on time. */
export const ON_TIME_MS = 48 * HOUR;
const LIST_LIMIT = 100;

export interface DayPoint {
  day: string;
  redemptions: number;
  units: number;
  points: number;
}

export interface SupplierDashboard {
  windowDays: number;
  from: string;
  to: string;
  days: DayPoint[];
  awaitingShipment: { count: number; oldestPaidAt: string | null; oldestAgeHours: number | null; overdue: number };
  onTime: { due: number; onTime: number; rate: number | null };
  returns: { shipped: number; returned: number; defects: number; returnRate: number | null; defectRate: number | null };
  lowStock: { id: number; name: LocalText; image: string; stock: number; lowStockThreshold: number; status: string; sold: number }[];
  rejected: { id: number; name: LocalText; image: string; rejectReason: string | null; reviewedBy: string | null; reviewedAt: string | null }[];
}

/** The last `n` mall days ending with the day of `now`, oldest first ("2026-01-01" …). */
export function lastDays(now: Date, n = WINDOW_DAYS): string[] {
  const { year, month, day } = localDate(now);
  return Array.from({ length: n }, (_, i) => mallDay(localMidnight(year, month, day - (n - 1) + i)));
}

/** Every day of the window, with zeros for days without redemptions. */
export function fillDays(days: string[], rows: DayPoint[]): DayPoint[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return days.map((day) => byDay.get(day) ?? { day, redemptions: 0, units: 0, points: 0 });
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * A supplier's numbers (or every supplier's, with supplierId null), one SQL query per metric.
 *
 * - Redemptions and points by mall day (Asia/Shanghai) for the last 30 days, cancelled orders left out.
 * - On-time shipment: of the orders paid in the last 30 days that could be judged (shipped, or still
 *   waiting past the 48 h mark), the share shipped within 48 h of payment. An order still waiting after
 *   48 h counts against the rate: leaving it unshipped must not look better than shipping it late.
 * - Return and defect rates: of the orders shipped in the last 30 days, the share since returned (and
 *   returned as defective).
 */
export function supplierDashboard(db: DbOrTx, supplierId: number | null, now: Date): SupplierDashboard {
  const scoped = (col: typeof orders.supplierId | typeof products.supplierId, ...conds: (SQL | undefined)[]) =>
    and(supplierId == null ? undefined : eq(col, supplierId), ...conds);
  const days = lastDays(now);
  const [y, m, d] = days[0].split("-").map(Number);
  const windowStart = localMidnight(y, m - 1, d);
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
  // Integer epoch milliseconds shifted into the mall's zone, then read as a calendar day.
  const dayOf = sql<string>`strftime('%Y-%m-%d', (${orders.createdAt} + ${tzOffsetMs(now)}) / 1000, 'unixepoch')`;

  const byDay = db
    .select({
      day: dayOf,
      redemptions: sql<number>`count(*)`,
      units: sql<number>`coalesce(sum(${orders.quantity}), 0)`,
      points: sql<number>`coalesce(sum(${orders.pointsTotal}), 0)`,
    })
    .from(orders)
    .where(scoped(orders.supplierId, gte(orders.createdAt, windowStart), ne(orders.status, "cancelled")))
    .groupBy(dayOf)
    .all();

  const overdueBefore = new Date(now.getTime() - ON_TIME_MS);
  const paidOrCreated = sql<number>`coalesce(${orders.paidAt}, ${orders.createdAt})`;
  const waiting = db
    .select({
      count: sql<number>`count(*)`,
      oldest: sql<number | null>`min(${paidOrCreated})`,
      overdue: sql<number>`coalesce(sum(case when ${paidOrCreated} <= ${overdueBefore.getTime()} then 1 else 0 end), 0)`,
    })
    .from(orders)
    .where(scoped(orders.supplierId, eq(orders.status, "awaiting_shipment")))
    .get()!;

  const shippedInTime = sql`${orders.shippedAt} is not null and ${orders.shippedAt} - ${orders.paidAt} <= ${ON_TIME_MS}`;
  const timing = db
    .select({
      due: sql<number>`count(*)`,
      onTime: sql<number>`coalesce(sum(case when ${shippedInTime} then 1 else 0 end), 0)`,
    })
    .from(orders)
    .where(
      scoped(
        orders.supplierId,
        gte(orders.paidAt, since),
        or(isNotNull(orders.shippedAt), and(eq(orders.status, "awaiting_shipment"), lte(orders.paidAt, overdueBefore))),
      ),
    )
    .get()!;

  const back = db
    .select({
      shipped: sql<number>`count(*)`,
      returned: sql<number>`coalesce(sum(case when ${orders.status} = 'returned' then 1 else 0 end), 0)`,
      defects: sql<number>`coalesce(sum(case when ${orders.status} = 'returned' and ${orders.returnReason} = 'defect' then 1 else 0 end), 0)`,
    })
    .from(orders)
    .where(scoped(orders.supplierId, gte(orders.shippedAt, since)))
    .get()!;

  const lowStock = db
    .select({ id: products.id, name: products.name, images: products.images, stock: products.stock, lowStockThreshold: products.lowStockThreshold, status: products.status, sold: products.sold })
    .from(products)
    .where(scoped(products.supplierId, inArray(products.status, ["on_sale", "off_sale"]), lte(products.stock, products.lowStockThreshold)))
    .orderBy(asc(products.stock), asc(products.id))
    .limit(LIST_LIMIT)
    .all();

  const rejected = db
    .select({ id: products.id, name: products.name, images: products.images, rejectReason: products.rejectReason, reviewedBy: products.reviewedBy, reviewedAt: products.reviewedAt })
    .from(products)
    .where(scoped(products.supplierId, eq(products.status, "rejected")))
    .orderBy(desc(products.reviewedAt), desc(products.id))
    .limit(LIST_LIMIT)
    .all();

  return {
    windowDays: WINDOW_DAYS,
    from: days[0],
    to: days[days.length - 1],
    days: fillDays(days, byDay),
    awaitingShipment: {
      count: waiting.count,
      oldestPaidAt: waiting.oldest == null ? null : new Date(waiting.oldest).toISOString(),
      oldestAgeHours: waiting.oldest == null ? null : Math.floor((now.getTime() - waiting.oldest) / HOUR),
      overdue: waiting.overdue,
    },
    onTime: { due: timing.due, onTime: timing.onTime, rate: ratio(timing.onTime, timing.due) },
    returns: { ...back, returnRate: ratio(back.returned, back.shipped), defectRate: ratio(back.defects, back.shipped) },
    lowStock: lowStock.map(({ images, ...p }) => ({ ...p, image: images[0] ?? "" })),
    rejected: rejected.map(({ images, reviewedAt, ...p }) => ({ ...p, image: images[0] ?? "", reviewedAt: reviewedAt?.toISOString() ?? null })),
  };
}

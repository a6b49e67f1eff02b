import { and, count, eq } from "drizzle-orm";
import { importJobs, orders } from "../../../db/schema";
import type { AppContext } from "../../context";
import { cancelOrder, markReturned, shipOrder, type OrderRow } from "../../domain/orders/orders";
import { couponStateOf, membersOf, orderDto, paymentsOf, timelineOf } from "../../domain/orders/order-view";
import { audit } from "../../lib/audit";
import { AppError, notFound, toAppError, unprocessable } from "../../lib/errors";
import { listRows, parseListQuery, sendList, specFor, withScope } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { supplierScope } from "../../rbac/scope";
import type { StaffPrincipal } from "../../middleware/staff-session";
import { bulkShipRoute, cancelRoute, getOrder, listOrders, orderStatusCounts, returnRoute, shipRoute } from "./orders.routes";

const spec = specFor(orders, { search: [orders.orderNo], defaultSort: { field: "id", order: "desc" }, reserved: [] });
delete spec.fields.idempotencyKey;
delete spec.fields.requestHash;
/** The list's filters without the status one: the tabs show every status's count under the other filters. */
const countSpec = { ...spec, reserved: ["status", "status_ne"] };

const actorOf = (staff: StaffPrincipal) => ({ label: staff.role === "supplier" ? `supplier:${staff.supplierId}/${staff.username}` : `staff:${staff.username}` });

export function ordersRouter(ctx: AppContext) {
  const router = newRouter();
  const unmask = (role: string) => ctx.authz.can(role, "pii", "unmask");
  /** An order the caller may see: supplier staff only their own supplier's (404 otherwise). */
  const scoped = (staff: StaffPrincipal, id: number): OrderRow => {
    const order = ctx.db.select().from(orders).where(and(eq(orders.id, id), supplierScope(staff, orders.supplierId))).get();
    if (!order) throw notFound("Order", id);
    return order;
  };
  const detail = (o: OrderRow, staff: StaffPrincipal) => {
    const member = membersOf(ctx.db, [o]).get(o.memberId) ?? null;
    return { ...orderDto(o, { unmask: unmask(staff.role) }), member, timeline: timelineOf(ctx.db, o.id), payments: paymentsOf(ctx.db, o.id), coupon: couponStateOf(ctx.db, o) };
  };

  router.openapi(listOrders, (c) => {
    const staff = c.get("staff")!;
    const { rows, total } = listRows(c, ctx.db, orders, spec, supplierScope(staff, orders.supplierId));
    const who = membersOf(ctx.db, rows);
    const see = unmask(staff.role);
    return sendList(c, rows.map((o) => ({ ...orderDto(o, { unmask: see }), member: who.get(o.memberId) ?? null })), total);
  });

  // Before /orders/{id}, which would otherwise take "status-counts" for an id.
  router.openapi(orderStatusCounts, (c) => {
    const staff = c.get("staff")!;
    const q = parseListQuery(c, countSpec);
    const rows = ctx.db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .where(withScope(q.where, supplierScope(staff, orders.supplierId)))
      .groupBy(orders.status)
      .all();
    return c.json(Object.fromEntries(rows.map((r) => [r.status, r.n])), 200);
  });

  router.openapi(getOrder, (c) => {
    const staff = c.get("staff")!;
    return c.json(detail(scoped(staff, c.req.valid("param").id), staff), 200);
  });

  router.openapi(shipRoute, (c) => {
    const staff = c.get("staff")!;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const after = writeTx(ctx.db, (tx) => {
      const before = scoped(staff, id);
      const next = shipOrder(tx, ctx, before.id, body, actorOf(staff), now);
      audit(tx, c, now, { action: "ship", resource: "orders", resourceId: id, before: { status: before.status }, after: { status: next.status, ...body } });
      return next;
    });
    return c.json(detail(after, staff), 200);
  });

  router.openapi(cancelRoute, (c) => {
    const staff = c.get("staff")!;
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const now = ctx.clock.now();
    const after = writeTx(ctx.db, (tx) => {
      const before = scoped(staff, id);
      const next = cancelOrder(tx, ctx, before.id, actorOf(staff), reason, now);
      audit(tx, c, now, { action: "cancel", resource: "orders", resourceId: id, before: { status: before.status }, after: { status: next.status, reason, refundEntryId: next.refundEntryId } });
      return next;
    });
    return c.json(detail(after, staff), 200);
  });

  router.openapi(returnRoute, (c) => {
    const staff = c.get("staff")!;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const after = writeTx(ctx.db, (tx) => {
      const before = scoped(staff, id);
      const next = markReturned(tx, ctx, before.id, body.reason, body.note, actorOf(staff), now);
      audit(tx, c, now, { action: "return", resource: "orders", resourceId: id, before: { status: before.status }, after: { status: next.status, ...body } });
      return next;
    });
    return c.json(detail(after, staff), 200);
  });

  router.openapi(bulkShipRoute, async (c) => {
    const staff = c.get("staff")!;
    const lines = c.req
      .valid("json")
      // Spreadsheets save "CSV UTF-8" with a byte-order mark and may quote every cell.
      .csv.replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map((l, i) => ({ row: i + 1, cells: l.split(",").map((x) => x.trim().replace(/^"(.*)"$/, "$1").trim()) }))
      .filter((l) => l.cells.join("") !== "" && !/^order/i.test(l.cells[0]));
    if (!lines.length) throw unprocessable("No shipments in the file", { csv: "expected lines of orderNo,carrier,trackingNo" });
    if (lines.length > 5000) throw unprocessable("At most 5000 shipments per file", { csv: "too many lines" });
    const now = ctx.clock.now();
    const job = writeTx(ctx.db, (tx) =>
      tx.insert(importJobs).values({ kind: "bulk-ship", supplierId: staff.supplierId, total: lines.length, createdBy: staff.username, createdAt: now }).returning().get(),
    );
    // Shipping continues after the answer, a chunk of rows per transaction; the console polls the job.
    void (async () => {
      const errors: { row: number; message: string }[] = [];
      let ok = 0;
      for (let i = 0; i < lines.length; i += 200) {
        const chunk = lines.slice(i, i + 200);
        writeTx(ctx.db, (tx) => {
          for (const { row, cells } of chunk) {
            const [orderNo, carrier, trackingNo] = cells;
            try {
              // The same rules as shipping one order (ShipBody).
              if (!orderNo || !carrier || !trackingNo) throw new AppError(422, "BAD_ROW", "expected orderNo,carrier,trackingNo");
              if (carrier.length > 32) throw new AppError(422, "BAD_ROW", "the carrier name is longer than 32 characters");
              if (!/^[A-Za-z0-9-]{6,40}$/.test(trackingNo)) throw new AppError(422, "BAD_ROW", "the tracking number must be 6–40 letters, digits or dashes");
              const order = tx.select().from(orders).where(and(eq(orders.orderNo, orderNo), supplierScope(staff, orders.supplierId))).get();
              if (!order) throw notFound("Order", orderNo);
              tx.transaction((sp) => {
                shipOrder(sp, ctx, order.id, { carrier, trackingNo }, actorOf(staff), now);
                audit(sp, c, now, { action: "ship", resource: "orders", resourceId: order.id, after: { carrier, trackingNo, bulkJob: job.id } });
              });
              ok++;
            } catch (err) {
              const known = toAppError(err);
              if (!known) throw err;
              if (errors.length < 300) errors.push({ row, message: `${orderNo ?? ""}: ${known.message}` });
            }
          }
          tx.update(importJobs).set({ processed: Math.min(i + 200, lines.length), succeeded: ok, failed: i + chunk.length - ok, errors }).where(eq(importJobs.id, job.id)).run();
        });
        await new Promise((r) => setImmediate(r));
      }
      writeTx(ctx.db, (tx) => tx.update(importJobs).set({ status: "done", finishedAt: ctx.clock.now() }).where(eq(importJobs.id, job.id)).run());
    })().catch((err) => {
      ctx.logger.error({ err, job: job.id }, "bulk ship failed");
      writeTx(ctx.db, (tx) => tx.update(importJobs).set({ status: "failed", finishedAt: ctx.clock.now() }).where(eq(importJobs.id, job.id)).run());
    });
    return c.json({ jobId: job.id, total: lines.length }, 202);
  });

  return router;
}


import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../../../db/client";
import { staffRoles, staffUsers, suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { listTable, specFor, withoutFields } from "../../lib/list-query";
import { maskEmail, maskPhone } from "../../lib/masking";
import { hashPassword } from "../../lib/passwords";
import { newRouter } from "../../lib/router";
import { revokeUserSessions } from "../../lib/staff-auth";
import { createStaffUser, getStaffUser, listStaffUsers, resetStaffPassword, updateStaffUser } from "./staff-users.routes";

type StaffRow = typeof staffUsers.$inferSelect;

export function staffUserDto(row: StaffRow, unmask: boolean, now: Date) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    supplierId: row.supplierId,
    status: row.status,
    phone: unmask ? row.phone : maskPhone(row.phone),
    email: unmask ? row.email : maskEmail(row.email),
    locked: !!row.lockedUntil && row.lockedUntil.getTime() > now.getTime(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A role must be known; supplier staff need an existing supplier; everyone else has none. */
function checkRoleAndSupplier(db: DbOrTx, role: string, supplierId: number | null | undefined) {
  if (!(staffRoles as readonly string[]).includes(role))
    throw unprocessable(`Unknown role ${role}`, { role: `must be one of ${staffRoles.join(", ")}` });
  if (role === "supplier") {
    if (supplierId == null) throw unprocessable("Supplier staff need a supplier", { supplierId: "required for the supplier role" });
    if (!db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, supplierId)).get())
      throw unprocessable(`Supplier ${supplierId} does not exist`, { supplierId: "no such supplier" });
  } else if (supplierId != null) {
    throw unprocessable("Only supplier staff belong to a supplier", { supplierId: "must be empty unless the role is supplier" });
  }
}

const listSpec = specFor(staffUsers, { search: [staffUsers.username, staffUsers.displayName], defaultSort: { field: "id", order: "asc" } });
delete listSpec.fields.passwordHash;
// Roles that see phone and email masked may not filter on them either (phone_like=138123 would reveal them).
const maskedListSpec = withoutFields(listSpec, ["phone", "email"]);

export function staffUsersRouter(ctx: AppContext) {
  const router = newRouter();
  const unmask = (role: string) => ctx.authz.can(role, "pii", "unmask");
  const load = (id: number) => {
    const row = ctx.db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
    if (!row) throw notFound("Staff user", id);
    return row;
  };

  router.openapi(listStaffUsers, (c) => {
    const see = unmask(c.get("staff")!.role);
    const now = ctx.clock.now();
    return listTable(c, ctx.db, staffUsers, see ? listSpec : maskedListSpec, undefined, (r) => staffUserDto(r, see, now));
  });

  router.openapi(getStaffUser, (c) => {
    const row = load(c.req.valid("param").id);
    return c.json(staffUserDto(row, unmask(c.get("staff")!.role), ctx.clock.now()), 200);
  });

  router.openapi(createStaffUser, async (c) => {
    const body = c.req.valid("json");
    const passwordHash = await hashPassword(body.password, ctx.config.passwordCost);
    const now = ctx.clock.now();
    const row = ctx.db.transaction((tx) => {
      checkRoleAndSupplier(tx, body.role, body.supplierId);
      if (tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, body.username)).get())
        throw conflict("USERNAME_TAKEN", `The username ${body.username} is taken`, { fields: { username: "already taken" } });
      const created = tx
        .insert(staffUsers)
        .values({
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          role: body.role,
          supplierId: body.supplierId ?? null,
          phone: body.phone ?? "",
          email: body.email ?? "",
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      audit(tx, c, now, { action: "create", resource: "staff-users", resourceId: created.id, after: created });
      return created;
    });
    return c.json(staffUserDto(row, true, now), 201);
  });

  router.openapi(updateStaffUser, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const me = c.get("staff")!;
    const now = ctx.clock.now();
    const row = ctx.db.transaction((tx) => {
      const before = load(id);
      const role = body.role ?? before.role;
      const supplierId = body.supplierId !== undefined ? body.supplierId : role === "supplier" ? before.supplierId : null;
      checkRoleAndSupplier(tx, role, supplierId);
      if (id === me.id && (body.status === "disabled" || (body.role && body.role !== before.role)))
        throw conflict("CANNOT_CHANGE_SELF", "You cannot disable yourself or change your own role");
      const after = tx
        .update(staffUsers)
        .set({ ...body, supplierId, updatedAt: now, ...(body.status === "active" ? { lockedUntil: null, failedLogins: 0 } : {}) })
        .where(eq(staffUsers.id, id))
        .returning()
        .get();
      // A disabled user or a changed role must not keep acting on an old session.
      if (after.status !== "active" || after.role !== before.role || after.supplierId !== before.supplierId) revokeUserSessions(tx, id);
      audit(tx, c, now, { action: after.status !== before.status ? (after.status === "active" ? "enable" : "disable") : "update", resource: "staff-users", resourceId: id, before, after });
      return after;
    });
    return c.json(staffUserDto(row, unmask(me.role), now), 200);
  });

  router.openapi(resetStaffPassword, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    load(id);
    const temporaryPassword = body.password ? null : randomBytes(9).toString("base64url");
    const passwordHash = await hashPassword(body.password ?? temporaryPassword!, ctx.config.passwordCost);
    const now = ctx.clock.now();
    ctx.db.transaction((tx) => {
      load(id);
      tx.update(staffUsers).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null, updatedAt: now }).where(eq(staffUsers.id, id)).run();
      revokeUserSessions(tx, id);
      audit(tx, c, now, { action: "reset-password", resource: "staff-users", resourceId: id });
    });
    return c.json({ temporaryPassword }, 200);
  });

  return router;
}

import { count } from "drizzle-orm";
import { staffRoles, staffUsers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { insertRule, removeRule } from "../../rbac/drizzle-adapter";
import { resourceCatalog } from "../../rbac/resources";
import { getRole, listRoles, updateRole } from "./roles.routes";

/** The admin role keeps "*, *" so that nobody can lock the platform owner out. */
const LOCKED_ROLES = new Set(["admin"]);

export function rolesRouter(ctx: AppContext) {
  const router = newRouter();

  const userCounts = () => {
    const rows = ctx.db.select({ role: staffUsers.role, n: count() }).from(staffUsers).groupBy(staffUsers.role).all();
    return new Map(rows.map((r) => [r.role, r.n]));
  };
  const known = (id: string) => {
    if (!(staffRoles as readonly string[]).includes(id)) throw notFound("Role", id);
  };
  const policiesOf = async (role: string) => (await ctx.authz.enforcer.getFilteredPolicy(0, role)).map(([, resource, action]) => ({ resource, action }));
  const roleDto = async (id: string) => ({
    id,
    userCount: userCounts().get(id) ?? 0,
    locked: LOCKED_ROLES.has(id),
    permissions: await policiesOf(id),
    catalog: resourceCatalog,
  });

  router.openapi(listRoles, async (c) => {
    const counts = userCounts();
    const out = [];
    for (const id of staffRoles) out.push({ id, userCount: counts.get(id) ?? 0, permissionCount: (await policiesOf(id)).length, locked: LOCKED_ROLES.has(id) });
    c.header("X-Total-Count", String(out.length));
    return c.json(out, 200);
  });

  router.openapi(getRole, async (c) => {
    const { id } = c.req.valid("param");
    known(id);
    return c.json(await roleDto(id), 200);
  });

  router.openapi(updateRole, async (c) => {
    const { id } = c.req.valid("param");
    known(id);
    if (LOCKED_ROLES.has(id)) throw conflict("ROLE_LOCKED", "The admin role cannot be edited");
    const { permissions } = c.req.valid("json");
    const valid = new Map(resourceCatalog.map((r) => [r.resource, new Set(r.actions)]));
    const fields: Record<string, string> = {};
    const anyAction = new Set(resourceCatalog.flatMap((r) => r.actions));
    permissions.forEach((p, i) => {
      // A wildcard stands for one side only: the other side must still be something the catalog knows.
      const actions = p.resource === "*" ? anyAction : valid.get(p.resource);
      if (!actions || (p.action !== "*" && !actions.has(p.action))) fields[`permissions.${i}`] = `unknown permission ${p.resource}:${p.action}`;
    });
    if (Object.keys(fields).length) throw unprocessable("Unknown permissions", fields);

    const before = await policiesOf(id);
    const wanted = new Set(permissions.map((p) => `${p.resource}|${p.action}`));
    const had = new Set(before.map((p) => `${p.resource}|${p.action}`));
    const now = ctx.clock.now();
    ctx.db.transaction((tx) => {
      for (const p of before) if (!wanted.has(`${p.resource}|${p.action}`)) removeRule(tx, "p", [id, p.resource, p.action]);
      for (const key of wanted) if (!had.has(key)) insertRule(tx, "p", [id, ...key.split("|")]);
      audit(tx, c, now, { action: "update", resource: "roles", resourceId: id, before: before, after: permissions });
    });
    await ctx.authz.reload();
    return c.json(await roleDto(id), 200);
  });

  return router;
}

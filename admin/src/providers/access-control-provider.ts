import type { AccessControlProvider } from "@refinedev/core";
import { allows, loadPermissions } from "./permissions";

/** Refine's actions in the API's words: list/show read, edit updates. */
const ACTION: Record<string, string> = { list: "read", show: "read", edit: "update", create: "create", delete: "delete", clone: "create" };

export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action, params }) => {
    const name = params?.resource?.meta?.permissionResource ?? resource;
    if (!name) return { can: true };
    try {
      const set = await loadPermissions();
      // A menu entry may hang on its own permission (meta.listPermission): suppliers read categories for
      // the product form's picker, but the category tree page is not theirs.
      const listPermission = action === "list" ? (params?.resource?.meta?.listPermission as { resource: string; action: string } | undefined) : undefined;
      const can = listPermission ? allows(set, listPermission.resource, listPermission.action) : allows(set, name, ACTION[action] ?? action);
      return can ? { can } : { can, reason: "Your role may not do this" };
    } catch {
      return { can: false, reason: "Permissions could not be loaded" };
    }
  },
  options: {
    buttons: { enableAccessControl: true, hideIfUnauthorized: true },
    queryOptions: { staleTime: 5 * 60_000 },
  },
};

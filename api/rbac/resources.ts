/**
 * The console's resources and the actions each one knows, for the roles page's permission matrix.
 * A route's (resource, action) is read off its path by middleware/authorize.ts; list every pair here.
 */
export interface ResourceActions {
  resource: string;
  actions: string[];
}

export const resourceCatalog: ResourceActions[] = [
  { resource: "dashboard", actions: ["read"] },
  { resource: "staff-users", actions: ["read", "create", "update", "reset-password"] },
  { resource: "roles", actions: ["read", "update"] },
  { resource: "audit-log", actions: ["read"] },
  { resource: "suppliers", actions: ["read", "create", "update"] },
  { resource: "settings", actions: ["read", "update"] },
  { resource: "pii", actions: ["unmask"] },
  { resource: "members", actions: ["read", "update", "adjust"] },
  { resource: "points", actions: ["adjust-unlimited"] },
  { resource: "ledger-entries", actions: ["read"] },
  { resource: "point-lots", actions: ["read"] },
  { resource: "tier-changes", actions: ["read"] },
  { resource: "rules", actions: ["read", "create", "update", "promote", "rollback"] },
  { resource: "points-policy", actions: ["read", "update"] },
  { resource: "reviews", actions: ["read", "approve", "reject"] },
  { resource: "apps", actions: ["read", "create", "update", "rotate-secret"] },
  { resource: "deliveries", actions: ["read", "retry"] },
  { resource: "category-tree", actions: ["read"] },
  { resource: "orders", actions: ["read", "ship", "bulk-ship", "cancel", "return"] },
  { resource: "categories", actions: ["read", "create", "update", "delete", "reorder"] },
  { resource: "products", actions: ["read", "create", "update", "submit", "approve", "reject", "publish", "unpublish", "import"] },
  { resource: "approvals", actions: ["read"] },
  { resource: "import-jobs", actions: ["read"] },
  { resource: "uploads", actions: ["create"] },
  { resource: "campaigns", actions: ["read", "create", "update", "schedule", "unschedule", "end", "simulate"] },
  { resource: "pages", actions: ["read", "create", "update", "delete", "publish", "cancel-publish", "rollback", "preview"] },
  { resource: "slots", actions: ["read", "create", "update", "delete"] },
  { resource: "slot-items", actions: ["read", "create", "update", "delete", "reorder"] },
  { resource: "themes", actions: ["read", "create", "update", "delete"] },
];

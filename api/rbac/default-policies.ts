/**
 * The default policy lines, seeded into casbin_rules when the table is empty.
 * One line per (role, resource, action): the roles page lists them as they are written here.
 * Resources are the first path segment under /api/admin; actions are read, create, update,
 * delete, or the verb a POST /<resource>/:id/<verb> route ends with.
 */
export type PolicyLine = [role: string, resource: string, action: string];

const crud = (role: string, resource: string, ...extra: string[]): PolicyLine[] =>
  ["read", "create", "update", "delete", ...extra].map((a) => [role, resource, a]);
const verbs = (role: string, resource: string, ...actions: string[]): PolicyLine[] => actions.map((a) => [role, resource, a]);

export const defaultPolicies: PolicyLine[] = [
  // The platform owner: everything, including users, roles and apps.
  ["admin", "*", "*"],

  // Operations staff run the mall and its campaigns.
  ...verbs("operator", "dashboard", "read"),
  ...verbs("operator", "suppliers", "read", "create", "update"),
  ...verbs("operator", "settings", "read", "update"),
  ...verbs("operator", "pii", "unmask"),
  ...verbs("operator", "members", "read", "update", "adjust"),
  ...verbs("operator", "points", "adjust-unlimited"),
  ...verbs("operator", "ledger-entries", "read"),
  ...verbs("operator", "point-lots", "read"),
  ...verbs("operator", "tier-changes", "read"),
  ...verbs("operator", "rules", "read", "create", "update", "promote", "rollback"),
  ...verbs("operator", "points-policy", "read", "update"),
  ...verbs("operator", "reviews", "read", "approve", "reject"),
  ...verbs("operator", "apps", "read"),
  ...verbs("operator", "deliveries", "read", "retry"),
  // The catalog: the category tree, every supplier's listings, the approvals queue, coupon pools, images.
  ...verbs("operator", "categories", "read", "create", "update", "delete", "reorder"),
  // The category tree page in the console's menu (suppliers only read categories for their forms).
  ...verbs("operator", "category-tree", "read"),
  ...verbs("operator", "products", "read", "create", "update", "submit", "approve", "reject", "publish", "unpublish", "import"),
  ...verbs("operator", "approvals", "read"),
  ...verbs("operator", "import-jobs", "read"),
  ...verbs("operator", "uploads", "create"),
  // Campaigns: build, simulate, schedule and end them (service only looks).
  ...verbs("operator", "campaigns", "read", "create", "update", "schedule", "unschedule", "end", "simulate"),
  // The storefront (店铺装修): pages and their versions, banner slots, themes.
  ...verbs("operator", "pages", "read", "create", "update", "delete", "publish", "cancel-publish", "rollback", "preview"),
  ...verbs("operator", "slots", "read", "create", "update", "delete"),
  ...verbs("operator", "slot-items", "read", "create", "update", "delete", "reorder"),
  ...verbs("operator", "themes", "read", "create", "update", "delete"),

  // Orders: operators run all of them; suppliers ship and take back their own; service cancels.
  ...verbs("operator", "orders", "read", "ship", "bulk-ship", "cancel", "return"),
  ...verbs("supplier", "orders", "read", "ship", "bulk-ship", "return"),
  ...verbs("service", "orders", "read", "cancel"),

  // Supplier staff: their own supplier's records only (row scope in scope.ts).
  ...verbs("supplier", "dashboard", "read"),
  ...verbs("supplier", "suppliers", "read"),
  // Suppliers ship their own orders, so they see those members' addresses in full.
  ...verbs("supplier", "pii", "unmask"),
  // Their own listings (row scope), submitted for approval; never approve, reject or publish them.
  ...verbs("supplier", "categories", "read"),
  ...verbs("supplier", "products", "read", "create", "update", "submit"),
  ...verbs("supplier", "import-jobs", "read"),
  ...verbs("supplier", "uploads", "create"),

  // Customer service: read and help members; no catalog or campaign changes.
  ...verbs("service", "dashboard", "read"),
  ...verbs("service", "suppliers", "read"),
  ...verbs("service", "pii", "unmask"),
  // Adjustments up to points-policy.serviceAdjustLimit (no "points adjust-unlimited").
  ...verbs("service", "members", "read", "adjust"),
  ...verbs("service", "ledger-entries", "read"),
  ...verbs("service", "point-lots", "read"),
  ...verbs("service", "tier-changes", "read"),
  ...verbs("service", "rules", "read"),
  ...verbs("service", "reviews", "read"),
  ...verbs("service", "categories", "read"),
  ...verbs("service", "products", "read"),
  ...verbs("service", "approvals", "read"),
  ...verbs("service", "campaigns", "read"),
  // What members see on the storefront, to help them find things.
  ...verbs("service", "pages", "read"),
  ...verbs("service", "slots", "read"),
  ...verbs("service", "slot-items", "read"),
  ...verbs("service", "themes", "read"),

  // Finance and audit: read everything, change nothing; personal data stays masked
  // (the "pii unmask" action is not a read, so "*, read" does not grant it).
  ["auditor", "*", "read"],
];

export { crud, verbs };

import { staffUsers } from "../db/schema";
import { hashPassword } from "../api/lib/passwords";
import type { SeedContext } from "./context";

export const DEMO_PASSWORD = "pointmall";

export const demoAccounts = [
  { username: "admin", displayName: "平台管理员 Admin", role: "admin", supplier: null, note: "platform owner: everything" },
  { username: "operator", displayName: "运营 Olivia", role: "operator", supplier: null, note: "operations: catalog, campaigns, members, orders" },
  { username: "supplier", displayName: "供应商 Wang Lei", role: "supplier", supplier: "digital", note: "supplier staff of Digital Select: own products and orders" },
  { username: "service", displayName: "客服 Sam", role: "service", supplier: null, note: "customer service: members, orders, small adjustments" },
  { username: "auditor", displayName: "财务 Audrey", role: "auditor", supplier: null, note: "finance/audit: read-only" },
] as const;

/** Further staff that make the lists look lived-in (same password). */
const moreStaff = [
  { username: "supplier.fresh", displayName: "鲜果 Li Na", role: "supplier", supplier: "fresh" },
  { username: "supplier.topup", displayName: "速充 Zhang Wei", role: "supplier", supplier: "topup" },
  { username: "operator2", displayName: "运营 Chen Jie", role: "operator", supplier: null },
];

export async function seedStaff(s: SeedContext) {
  const hash = await hashPassword(DEMO_PASSWORD, s.passwordCost);
  const now = s.clock.now();
  for (const a of [...demoAccounts, ...moreStaff]) {
    const row = s.db
      .insert(staffUsers)
      .values({
        username: a.username,
        displayName: a.displayName,
        passwordHash: hash,
        role: a.role,
        supplierId: a.supplier ? s.ids[`supplier.${a.supplier}`] : null,
        phone: "139" + String(10000000 + a.username.length * 1234567).slice(0, 8),
        email: `${a.username}@pointmall.example`,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: staffUsers.id })
      .get();
    s.ids[`staff.${a.username}`] = row.id;
  }
  s.log(`staff users: ${demoAccounts.length + moreStaff.length} (password "${DEMO_PASSWORD}")`);
}

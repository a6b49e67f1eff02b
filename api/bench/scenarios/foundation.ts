import type { Scenario } from "../scenario";

export const health: Scenario = {
  name: "health",
  prepare: async (ctx) => ({ url: `${ctx.baseUrl}/api/health` }),
};

export const adminList: Scenario = {
  name: "admin list (staff-users, signed in)",
  prepare: async (ctx) => ({
    url: `${ctx.baseUrl}/api/admin/staff-users?_start=0&_end=20&_sort=id&_order=asc`,
    headers: { cookie: await ctx.staffCookie("admin") },
  }),
};

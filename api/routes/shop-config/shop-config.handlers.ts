import { createRoute, z } from "@hono/zod-openapi";
import type { AppContext } from "../../context";
import { json } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { defaultMall, getSetting, type MallSettings } from "../../lib/settings-store";
import { activeTheme } from "../../domain/pages/themes";

const ShopConfigSchema = z
  .object({
    name: z.object({ "zh-CN": z.string(), "en-US": z.string() }),
    theme: z.object({ primaryColor: z.string(), background: z.string(), logoUrl: z.string() }),
    locales: z.array(z.string()),
    demo: z.boolean().openapi({ description: "True when the mall runs with demo data (not production)" }),
  })
  .openapi("ShopConfig");

export const shopConfigRoute = createRoute({
  method: "get",
  path: "/config",
  tags: ["Shop"],
  summary: "The mall's name and the theme on now (festival themes switch on in their window), for the storefront shell",
  responses: { 200: json(ShopConfigSchema) },
});

export function shopConfigRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(shopConfigRoute, (c) => {
    const mall = getSetting<MallSettings>(ctx.db, "mall", defaultMall);
    // The theme on now (a festival theme in its window, else the default; the settings' colours when there are no themes).
    const { primaryColor, background, logoUrl } = activeTheme(ctx.db, ctx.clock.now()).theme;
    c.header("Cache-Control", "no-cache");
    return c.json({ name: mall.name, theme: { primaryColor, background, logoUrl }, locales: ["zh-CN", "en-US"], demo: !ctx.config.production }, 200);
  });
  return router;
}

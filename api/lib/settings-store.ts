import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { settings } from "../../db/schema";

export function getSetting<T>(db: DbOrTx, key: string, fallback: T): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row ? ({ ...(fallback as object), ...(row.value as object) } as T) : fallback;
}

export function putSetting<T>(db: DbOrTx, key: string, value: T, now: Date) {
  db.insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    .run();
}

export interface MallSettings {
  name: { "zh-CN": string; "en-US": string };
  theme: { primaryColor: string; background: string; logoUrl: string };
}

export const defaultMall: MallSettings = {
  name: { "zh-CN": "积分商城", "en-US": "Points Mall" },
  theme: { primaryColor: "#e4393c", background: "#f6f6f6", logoUrl: "" },
};

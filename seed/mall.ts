import { putSetting, defaultMall, type MallSettings } from "../api/lib/settings-store";
import type { SeedContext } from "./context";

export function seedMall(s: SeedContext) {
  const mall: MallSettings = {
    ...defaultMall,
    name: { "zh-CN": "星河积分商城", "en-US": "Galaxy Points Mall" },
    theme: { primaryColor: "#e4393c", background: "#f5f5f7", logoUrl: "" },
  };
  putSetting(s.db, "mall", mall, s.clock.now());
  s.log("mall settings: name and theme");
}

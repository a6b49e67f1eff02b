import { suppliers } from "../db/schema";
import type { SeedContext } from "./context";

export const demoSuppliers = [
  { key: "platform", name: "星河自营 (Platform)", code: "platform", isPlatform: true, contactName: "运营中心", contactPhone: "4008001234", contactEmail: "ops@pointmall.example" },
  { key: "digital", name: "数码优选 Digital Select", code: "digital-select", isPlatform: false, contactName: "王磊", contactPhone: "13812345678", contactEmail: "wang.lei@digital.example" },
  { key: "fresh", name: "鲜果时光 Fresh Fruit", code: "fresh-fruit", isPlatform: false, contactName: "李娜", contactPhone: "13998765432", contactEmail: "li.na@fresh.example" },
  { key: "topup", name: "速充 QuickTopup", code: "quick-topup", isPlatform: false, contactName: "张伟", contactPhone: "13700001111", contactEmail: "zhang.wei@topup.example" },
] as const;

export function seedSuppliers(s: SeedContext) {
  const now = s.clock.now();
  for (const d of demoSuppliers) {
    const { key, ...values } = d;
    const row = s.db
      .insert(suppliers)
      .values({ ...values, settlement: { bankName: "招商银行", accountName: d.name, accountNumber: "6225880112345678", cycle: "monthly" }, createdAt: now, updatedAt: now })
      .returning({ id: suppliers.id })
      .get();
    s.ids[`supplier.${key}`] = row.id;
  }
  s.log(`suppliers: ${demoSuppliers.length}`);
}

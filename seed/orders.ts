import { eq } from "drizzle-orm";
import { memberAddresses, outbox } from "../db/schema";
import { cancelOrder, completeFulfilment, confirmReceipt, markReturned, redeem, shipOrder } from "../api/domain/orders/orders";
import { toAppError } from "../api/lib/errors";
import { seedAppContext } from "./app-context";
import type { SeedContext } from "./context";

const REGIONS = ["上海市 浦东新区", "北京市 朝阳区", "广东省 深圳市 南山区", "浙江省 杭州市 西湖区", "四川省 成都市 高新区", "江苏省 南京市 鼓楼区"];
const CARRIERS = ["顺丰 SF", "京东 JD", "中通 ZTO", "圆通 YTO"];

type Plan = { product: string; member: number; daysAgo: number; then: Array<"ship" | "ship-late" | "complete" | "return-defect" | "return-other" | "cancel" | "fulfil"> };

/**
 * A month of orders through the real redemption code (so stock, points and timelines agree): some
 * waiting to ship, shipped on time and late, completed, returned (two of them defective), cancelled,
 * top-ups and vouchers delivered.
 */
export function seedOrders(s: SeedContext) {
  const ctx = seedAppContext(s);
  const now = s.clock.now().getTime();
  const DAY = 86_400_000;
  const physical = ["anc-headphones", "tws-earbuds", "gan-charger", "power-bank", "magnetic-pad", "usb-c-cable", "sport-earbuds", "car-charger"];
  const plans: Plan[] = [];
  for (let i = 0; i < 34; i++) {
    const daysAgo = i < 6 ? i % 2 : 2 + Math.floor(s.random() * 27);
    const then: Plan["then"] =
      i < 6 ? [] : i < 9 ? ["ship"] : i < 22 ? ["ship", "complete"] : i < 24 ? ["ship-late", "complete"] : i === 24 ? ["ship", "return-defect"] : i === 25 ? ["ship", "complete", "return-defect"] : i === 26 ? ["ship", "return-other"] : ["cancel"];
    plans.push({ product: physical[i % physical.length], member: i % 12, daysAgo: i >= 27 ? 3 + (i % 5) : daysAgo, then: i >= 29 ? ["ship", "complete"] : then });
  }
  for (let i = 0; i < 6; i++) plans.push({ product: ["cm-50", "cu-50", "ct-50", "cm-100"][i % 4], member: (i + 3) % 12, daysAgo: 1 + i * 4, then: ["fulfil"] });
  for (let i = 0; i < 8; i++) plans.push({ product: ["starbucks-latte", "luckin-voucher", "tencent-video", "iqiyi-gold"][i % 4], member: (i + 5) % 12, daysAgo: i * 3, then: [] });
  plans.sort((a, b) => b.daysAgo - a.daysAgo);

  const made: Record<string, number> = {};
  let n = 0;
  for (const plan of plans) {
    const productId = s.ids[`product.${plan.product}`];
    const memberId = s.ids[`member.${plan.member}`];
    if (!productId || !memberId) continue;
    const at = new Date(now - plan.daysAgo * DAY - Math.floor(s.random() * 10) * 3600_000);
    let addressId: number | undefined;
    if (plan.product !== "cm-50" && !plan.then.includes("fulfil")) {
      addressId = s.db.select({ id: memberAddresses.id }).from(memberAddresses).where(eq(memberAddresses.memberId, memberId)).get()?.id;
      addressId ??= s.db
        .insert(memberAddresses)
        .values({ memberId, name: "收件人" + (plan.member + 1), phone: `1391234${String(5000 + plan.member).padStart(4, "0")}`, region: REGIONS[plan.member % REGIONS.length], detail: `幸福路 ${10 + plan.member} 号 ${plan.member + 2} 楼`, isDefault: true, createdAt: at, updatedAt: at })
        .returning()
        .get().id;
    }
    try {
      s.db.transaction((tx) => {
        let { order } = redeem(tx, ctx, memberId, { productId, quantity: 1, addressId, recipient: "13800138000" }, { idempotencyKey: `seed-order-${n++}` }, at);
        let t = at.getTime();
        for (const step of plan.then) {
          t += step === "ship-late" ? 3 * DAY : step === "complete" ? 2 * DAY : step.startsWith("return") ? DAY : 6 * 3600_000;
          const when = new Date(Math.min(t, now - 60_000));
          const staff = { label: step === "cancel" ? "staff:service" : "supplier:seed" };
          if (step === "ship" || step === "ship-late") order = shipOrder(tx, ctx, order.id, { carrier: CARRIERS[order.id % CARRIERS.length], trackingNo: `SF${1000000000 + order.id * 7919}` }, staff, when);
          else if (step === "complete") order = confirmReceipt(tx, order.id, { label: `member:${memberId}` }, when);
          else if (step === "return-defect") order = markReturned(tx, ctx, order.id, "defect", "屏幕有坏点 dead pixels", staff, when);
          else if (step === "return-other") order = markReturned(tx, ctx, order.id, "other", "不想要了 changed mind", staff, when);
          else if (step === "cancel") order = cancelOrder(tx, ctx, order.id, staff, "会员致电取消 member called to cancel", when);
          else if (step === "fulfil" && plan.daysAgo > 1) {
            order = completeFulfilment(tx, order.id, "SUP-" + order.orderNo, when);
            tx.update(outbox).set({ status: "delivered", attempts: 1, deliveredAt: when }).where(eq(outbox.dedupeKey, `fulfil:${order.id}`)).run();
          }
        }
        made[order.status] = (made[order.status] ?? 0) + 1;
      });
    } catch (err) {
      // A member short of points or a sold-out product just means one order fewer in the demo.
      if (!toAppError(err)) throw err;
      if (process.env.SEED_DEBUG) console.log(plan.product, (err as Error).message);
    }
  }
  s.log(`orders: ${Object.entries(made).map(([k, v]) => `${v} ${k}`).join(", ")}`);
}

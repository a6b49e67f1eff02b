import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, pages, slotItems, slots, themes, type LinkTarget, type LocalText } from "../db/schema";
import { blockReferenceProblems, BlocksSchema, normalizeBlocks } from "../api/domain/pages/blocks";
import { publishDraft } from "../api/domain/pages/publishing";
import { writeTx } from "../api/lib/tx";
import type { SeedContext } from "./context";
import { BANNER_SIZE, bannerSvg, iconSvg, productTileSvg, storeSvg } from "./product-images";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const text = (zh: string, en: string): LocalText => ({ "zh-CN": zh, "en-US": en });

/** The slot the home page's carousel shows. */
export const HOME_SLOT = "home-top";
export const NEW_YEAR_PATH = "/topics/new-year";

/**
 * The storefront as an operator would have dressed it (店铺装修): a default theme in the mall's colours
 * and a Spring Festival theme waiting for its window; the home page carousel's slot with three
 * banners; a "New Year gifts" topic page; and the home page (banner, entry icons, a notice, the flash
 * sales, the lucky wheel, two product grids), published through the domain so its versions exist:
 * a first version three days ago, the current one an hour ago.
 */
export function seedPages(s: SeedContext) {
  const now = s.clock.now();
  const t = now.getTime();
  const id = (key: string) => {
    const v = s.ids[key];
    if (!v) throw new Error(`seedPages needs ${key} from an earlier phase`);
    return v;
  };
  const campaign = (key: string): LinkTarget => ({ type: "campaign", target: String(id(`campaign.${key}`)) });
  const banner = (o: Parameters<typeof bannerSvg>[0]) => storeSvg(s, bannerSvg(o), BANNER_SIZE);
  const icon = (o: Parameters<typeof iconSvg>[0]) => storeSvg(s, iconSvg(o), { width: 120, height: 120 });

  const festival = writeTx(s.db, (tx) => {
    // Themes: the default in the mall's colours (seed/mall.ts), and the Spring Festival red for the
    // festival week, when the Spring Festival wheel (a draft in seed/campaigns.ts) is to run.
    const spring = tx.select({ startAt: campaigns.startAt, endAt: campaigns.endAt }).from(campaigns).where(eq(campaigns.id, id("campaign.spring-draft"))).get()!;
    tx.insert(themes)
      .values([
        { name: text("星河红（默认）", "Galaxy red (default)"), primaryColor: "#e4393c", background: "#f5f5f7", isDefault: true, createdAt: now, updatedAt: now },
        {
          name: text("新春中国红", "Spring Festival red"),
          primaryColor: "#c8102e",
          background: "#fff1e6",
          logoUrl: storeSvg(s, productTileSvg({ color: "#c8102e", glyph: "gift", label: "新春快乐", sublabel: "Happy New Year" })),
          startAt: spring.startAt,
          endAt: spring.endAt,
          createdAt: now,
          updatedAt: now,
        },
      ])
      .run();

    // The topic page first: the home page's banner and notice link to it.
    const newYear = createPage(tx, NEW_YEAR_PATH, text("新年好礼", "New Year gifts"), [
      {
        id: "hero",
        type: "image",
        url: banner({ color: "#c8102e", color2: "#f5222d", glyph: "gift", title: "新年好礼", subtitle: "New Year gifts, for your points", tagline: "年货提前囤" }),
        alt: text("新年好礼：积分换年货", "New Year gifts for your points"),
      },
      {
        id: "intro",
        type: "rich_text",
        html: text(
          "<h3>积分换年货，新年更红火</h3><p>坚果礼盒、每日坚果、全棉四件套……用一年攒下的积分，给家人添一份<b>新年好礼</b>。</p><ul><li>春节前下单，顺丰发货</li><li>新春年货礼盒开售即上架，先加收藏</li></ul>",
          "<h3>Points for the New Year</h3><p>Nut gift boxes, daily nuts, cotton bedding: turn a year of points into <b>New Year gifts</b> for the family.</p><ul><li>Ordered before the Spring Festival, shipped by SF Express</li><li>The Lunar New Year gift box appears here the day it goes on sale</li></ul>",
        ),
      },
      {
        id: "gifts",
        type: "product_grid",
        title: text("年货精选", "New Year picks"),
        source: "manual",
        // The gift box goes on sale later: it appears by itself once it does.
        productIds: ["new-year-box", "nut-gift-box", "daily-nuts", "bedding-set", "latex-pillow", "beef-jerky", "insulated-bottle"].map((k) => id(`product.${k}`)),
        limit: 8,
        columns: 2,
      },
    ], new Date(t - 2 * DAY - HOUR));
    publishDraft(tx, newYear, { note: "新年专题上线 New Year topic", by: "operator", now: new Date(t - 2 * DAY) });

    // The home carousel: three banners, the first one until the Spring Festival week is over.
    const slot = tx.insert(slots).values({ code: HOME_SLOT, name: text("首页顶部轮播", "Home top carousel"), createdAt: now, updatedAt: now }).returning().get();
    const items: { title: LocalText; image: string; link: LinkTarget; endAt?: Date }[] = [
      {
        title: text("新年好礼 积分换年货", "New Year gifts for your points"),
        image: banner({ color: "#c8102e", color2: "#fa541c", glyph: "gift", title: "新年好礼", subtitle: "New Year gifts for your points", tagline: "去看看 ›" }),
        link: { type: "page", target: NEW_YEAR_PATH },
        endAt: spring.endAt,
      },
      {
        title: text("幸运大转盘 天天转好礼", "Lucky Wheel: spin for prizes"),
        image: banner({ color: "#722ed1", color2: "#eb2f96", glyph: "wheel", title: "幸运大转盘", subtitle: "Lucky Wheel: 3 spins a day", tagline: "去转一转 ›" }),
        link: campaign("wheel"),
      },
      {
        title: text("整点秒杀 保温杯 990 积分", "Flash sale: a bottle for 990 points"),
        image: banner({ color: "#fa8c16", color2: "#e4393c", glyph: "bottle", title: "整点秒杀", subtitle: "Flash sale: 990 points, while they last", tagline: "马上抢 ›" }),
        link: campaign("flash-live"),
      },
    ];
    items.forEach((it, i) =>
      tx
        .insert(slotItems)
        .values({ slotId: slot.id, title: it.title, image: it.image, link: it.link, sortOrder: i, startAt: new Date(t - 3 * DAY), endAt: it.endAt ?? null, createdAt: now, updatedAt: now })
        .run(),
    );

    const bannerBlock = { id: "home-banner", type: "banner", slotCode: HOME_SLOT, height: 150 };
    const icons = {
      id: "entries",
      type: "icon_grid",
      columns: 4,
      items: [
        { icon: icon({ color: "#e4393c", glyph: "grid" }), label: text("全部商品", "All products"), link: { type: "url", target: "/products" } },
        { icon: icon({ color: "#52c41a", glyph: "calendar" }), label: text("签到", "Sign in"), link: campaign("sign-in") },
        { icon: icon({ color: "#722ed1", glyph: "wheel" }), label: text("幸运转盘", "Lucky wheel"), link: campaign("wheel") },
        { icon: icon({ color: "#1677ff", glyph: "orders" }), label: text("我的订单", "My orders"), link: { type: "url", target: "/orders" } },
      ],
    };
    const notice = {
      id: "notice",
      type: "notice",
      text: text("新年好礼专题上线：坚果礼盒、全棉四件套，积分就能换", "New Year gifts are here: nut boxes and cotton bedding, for your points"),
      link: { type: "page", target: NEW_YEAR_PATH },
    };
    const wheel = { id: "wheel", type: "campaign_entry", campaignId: id("campaign.wheel"), title: text("幸运大转盘 · 每天 3 次", "Lucky Wheel: 3 spins a day") };
    const popular = {
      id: "popular",
      type: "product_grid",
      title: text("热门兑换", "Popular rewards"),
      source: "manual",
      productIds: ["tws-earbuds", "insulated-bottle", "starbucks-latte", "gan-charger", "cm-50", "daily-nuts"].map((k) => id(`product.${k}`)),
      limit: 6,
      columns: 2,
    };
    const flash = { id: "flash", type: "flash_strip", title: text("限时秒杀", "Flash sales"), campaignIds: [id("campaign.flash-live"), id("campaign.flash-soon")] };
    const fruit = { id: "fruit", type: "product_grid", title: text("当季鲜果", "Fruit in season"), source: "category", categoryId: id("category.fruit"), limit: 4, columns: 2 };

    // Version 1, three days ago; the flash sales and the fruit grid were added since.
    const home = createPage(tx, "/", text("首页", "Home"), [bannerBlock, icons, notice, wheel, popular], new Date(t - 3 * DAY - HOUR));
    publishDraft(tx, home, { note: "首页上线 Home page launch", by: "operator", now: new Date(t - 3 * DAY) });
    const draft = parseBlocks(tx, [bannerBlock, icons, notice, flash, wheel, popular, fruit]);
    const updated = tx.update(pages).set({ draft, updatedAt: new Date(t - HOUR) }).where(eq(pages.id, home.id)).returning().get();
    publishDraft(tx, updated, { note: "加入限时秒杀与当季鲜果 Flash sales and fruit", by: "operator", now: new Date(t - HOUR) });
    return spring;
  });
  s.log(`storefront pages: "/" (2 versions) and ${NEW_YEAR_PATH}, slot ${HOME_SLOT} with 3 banners, 2 themes (Spring Festival ${festival.startAt.toISOString().slice(0, 10)} to ${festival.endAt.toISOString().slice(0, 10)})`);
}

/** Blocks as the console's API takes them: validated per type, normalised, their references checked. */
function parseBlocks(tx: Db, raw: unknown[]) {
  const blocks = normalizeBlocks(BlocksSchema.parse(raw));
  const problems = blockReferenceProblems(tx, blocks);
  if (Object.keys(problems).length) throw new Error(`seed page blocks point at nothing: ${JSON.stringify(problems)}`);
  return blocks;
}

function createPage(tx: Db, path: string, title: LocalText, raw: unknown[], createdAt: Date) {
  const draft = parseBlocks(tx, raw);
  return tx.insert(pages).values({ path, title, draft, createdAt, updatedAt: createdAt }).returning().get();
}

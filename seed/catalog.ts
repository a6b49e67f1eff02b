import { eq } from "drizzle-orm";
import { auditLog, categories, products, type FulfilmentSettings, type ProductStatus, type ProductType } from "../db/schema";
import { addCodes, syncCouponStock } from "../api/domain/catalog/coupon-import";
import { rotateSupplierSecret } from "../api/domain/fulfilment/fulfilment";
import { SANDBOX_SUPPLIER_PATH } from "../api/domain/fulfilment/sandbox-supplier";
import { DAY, HOUR } from "../api/lib/clock";
import type { SeedContext } from "./context";
import { productTileSvg, storeSvg, type Glyph } from "./product-images";

type Text = [zh: string, en: string];

/** The category tree: top level with its children, each with an icon (shown by the storefront). */
const TREE: Array<{ key: string; name: Text; icon: string; children: Array<{ key: string; name: Text; icon: string }> }> = [
  {
    key: "digital",
    name: ["数码", "Digital"],
    icon: "📱",
    children: [
      { key: "headphones", name: ["耳机", "Headphones"], icon: "🎧" },
      { key: "charging", name: ["充电", "Charging"], icon: "🔌" },
    ],
  },
  {
    key: "home",
    name: ["生活", "Home"],
    icon: "🏠",
    children: [
      { key: "kitchen", name: ["厨房", "Kitchen"], icon: "🍳" },
      { key: "textiles", name: ["家纺", "Textiles"], icon: "🛏️" },
    ],
  },
  {
    key: "food",
    name: ["美食", "Food"],
    icon: "🍎",
    children: [
      { key: "fruit", name: ["水果", "Fruit"], icon: "🍊" },
      { key: "snacks", name: ["零食", "Snacks"], icon: "🍪" },
    ],
  },
  {
    key: "vouchers",
    name: ["卡券", "Vouchers"],
    icon: "🎫",
    children: [
      { key: "topups", name: ["话费", "Top-ups"], icon: "📞" },
      { key: "streaming", name: ["视频会员", "Streaming"], icon: "🎬" },
      { key: "coffee", name: ["咖啡", "Coffee"], icon: "☕" },
    ],
  },
];

interface DemoProduct {
  key: string;
  supplier: "platform" | "digital" | "fresh" | "topup";
  category: string;
  type: ProductType;
  name: Text;
  /** The name on the picture. */
  short: string;
  glyph: Glyph;
  color: string;
  /** A sentence and a few specification lines, per language. */
  about: Text;
  specs: Text[];
  points: number;
  cash?: number;
  cost: number;
  stock?: number;
  low?: number;
  limit?: number;
  tags?: string[];
  minTier?: string;
  status?: ProductStatus;
  /** Fulfilment product code for virtual goods (the sandbox supplier's endpoint). */
  code?: string;
  /** Coupon pool size and code prefix. */
  codes?: [count: number, prefix: string];
  rejectReason?: string;
  /** Days relative to now: a sale window. */
  window?: [startDays: number | null, endDays: number | null];
}

const PRODUCTS: DemoProduct[] = [
  // Digital Select (the `supplier` demo account): on sale, under review, rejected, draft.
  { key: "anc-headphones", supplier: "digital", category: "headphones", type: "physical", name: ["降噪头戴式耳机", "ANC Over-Ear Headphones"], short: "降噪耳机", glyph: "headphones", color: "#1f3b73", about: ["主动降噪，通勤与旅途一秒安静。", "Active noise cancelling that makes the commute quiet."], specs: [["续航 40 小时", "40 h battery"], ["蓝牙 5.3，双设备连接", "Bluetooth 5.3, two devices at once"]], points: 36000, cost: 42000, stock: 40, low: 5, limit: 1, tags: ["热门", "新品"] },
  { key: "tws-earbuds", supplier: "digital", category: "headphones", type: "physical", name: ["真无线蓝牙耳机", "True Wireless Earbuds"], short: "蓝牙耳机", glyph: "earbuds", color: "#2d6cdf", about: ["轻巧入耳，单耳仅 4.5 克。", "Light in the ear: 4.5 g each."], specs: [["通透模式", "Transparency mode"], ["IPX4 防水", "IPX4 splash-proof"]], points: 12800, cost: 15000, stock: 120, low: 20, tags: ["热门"] },
  { key: "sport-earbuds", supplier: "digital", category: "headphones", type: "physical", name: ["运动挂耳耳机", "Sport Ear-Hook Earbuds"], short: "运动耳机", glyph: "earbuds", color: "#0f9d8a", about: ["跑步不掉，汗水不怕。", "Stays in on a run, shrugs off sweat."], specs: [["IPX7 防水", "IPX7 waterproof"], ["10 分钟快充听 2 小时", "10 minutes' charge for 2 hours"]], points: 8800, cash: 1990, cost: 11000, stock: 60, low: 10 },
  { key: "kids-headphones", supplier: "digital", category: "headphones", type: "physical", name: ["儿童护耳耳机", "Kids' Volume-Safe Headphones"], short: "儿童耳机", glyph: "headphones", color: "#f28c28", about: ["85 分贝音量上限，保护孩子的听力。", "Volume capped at 85 dB to protect young ears."], specs: [["可折叠", "Folds flat"], ["附赠收纳袋", "Carry pouch included"]], points: 6500, cost: 7000, stock: 3, low: 5, tags: ["亲子"] },
  { key: "gan-charger", supplier: "digital", category: "charging", type: "physical", name: ["65W 氮化镓快充头", "65W GaN Fast Charger"], short: "65W 快充", glyph: "charger", color: "#3a3f58", about: ["一个充电头，笔记本和手机都能充。", "One charger for the laptop and the phone."], specs: [["2C1A 三口输出", "2 × USB-C, 1 × USB-A"], ["折叠插脚", "Folding prongs"]], points: 9900, cost: 9000, stock: 80, low: 10, tags: ["热门"] },
  { key: "power-bank", supplier: "digital", category: "charging", type: "physical", name: ["10000mAh 移动电源", "10,000 mAh Power Bank"], short: "移动电源", glyph: "battery", color: "#4b5bd6", about: ["口袋大小，满足一天出行。", "Pocket-sized, enough for a day out."], specs: [["22.5W 快充", "22.5 W fast charging"], ["可带上飞机", "Fine for flights"]], points: 7800, cost: 8000, stock: 150, low: 20 },
  { key: "magnetic-pad", supplier: "digital", category: "charging", type: "physical", name: ["磁吸无线充电板", "Magnetic Wireless Charger"], short: "无线充", glyph: "charger", color: "#6f42c1", about: ["吸上即充，对位不再费心。", "Snaps on and charges: no fiddling to line it up."], specs: [["15W 无线快充", "15 W wireless"], ["铝合金机身", "Aluminium body"]], points: 5600, cash: 990, cost: 6500, stock: 45, low: 8 },
  { key: "usb-c-cable", supplier: "digital", category: "charging", type: "physical", name: ["编织快充线 2 米", "Braided USB-C Cable (2 m)"], short: "快充线", glyph: "cable", color: "#00897b", about: ["尼龙编织，弯折 3 万次不断。", "Braided nylon, tested to 30,000 bends."], specs: [["100W PD", "100 W PD"], ["两米长", "Two metres long"]], points: 1800, cost: 1500, stock: 300, low: 30, limit: 5 },
  { key: "car-charger", supplier: "digital", category: "charging", type: "physical", name: ["车载双口快充", "Dual-Port Car Charger"], short: "车充", glyph: "charger", color: "#c0392b", about: ["点烟器一插，两台手机同时快充。", "Two phones fast-charging from the car socket."], specs: [["金属外壳", "Metal shell"], ["电压显示", "Voltage display"]], points: 2600, cost: 2200, stock: 90, low: 10 },
  { key: "bone-conduction", supplier: "digital", category: "headphones", type: "physical", name: ["骨传导运动耳机", "Bone-Conduction Sport Headphones"], short: "骨传导", glyph: "headphones", color: "#16a085", about: ["不入耳，跑步时也听得见路况。", "Nothing in the ear: hear the road while you run."], specs: [["钛合金后挂", "Titanium band"], ["IP67", "IP67"]], points: 18800, cost: 22000, stock: 30, low: 5, status: "pending_review" },
  { key: "charging-stand", supplier: "digital", category: "charging", type: "physical", name: ["三合一无线充电座", "3-in-1 Wireless Charging Stand"], short: "三合一", glyph: "stand", color: "#34495e", about: ["手机、耳机、手表，一起充。", "Phone, earbuds and watch on one stand."], specs: [["可折叠便携", "Folds for travel"], ["附 30W 充电头", "30 W charger included"]], points: 11800, cash: 2900, cost: 16000, stock: 25, low: 5, status: "pending_review", tags: ["新品"] },
  { key: "smart-band", supplier: "digital", category: "headphones", type: "physical", name: ["智能手环 8", "Smart Band 8"], short: "智能手环", glyph: "band", color: "#8e44ad", about: ["心率、睡眠、血氧，全天候记录。", "Heart rate, sleep and SpO2, day and night."], specs: [["14 天续航", "14-day battery"], ["5ATM 防水", "5 ATM water resistance"]], points: 9800, cost: 12000, stock: 50, low: 10, status: "pending_review" },
  {
    key: "phone-stand",
    supplier: "digital",
    category: "charging",
    type: "physical",
    name: ["桌面手机支架", "Desk Phone Stand"],
    short: "手机支架",
    glyph: "stand",
    color: "#7f8c8d",
    about: ["铝合金折叠支架，追剧、视频会议都合适。", "Folding aluminium stand for shows and video calls."],
    specs: [["可调角度", "Adjustable angle"], ["防滑硅胶垫", "Non-slip pads"]],
    points: 1500,
    cost: 1800,
    stock: 200,
    low: 20,
    status: "rejected",
    rejectReason: "主图带有其他平台的水印，请换成自有图片后重新提交。The main picture carries another platform's watermark: use your own picture and submit again.",
  },
  { key: "desk-lamp", supplier: "digital", category: "charging", type: "physical", name: ["无线充电台灯", "Desk Lamp with Wireless Charging"], short: "充电台灯", glyph: "charger", color: "#d4a017", about: ["底座即充电板，台面更清爽。", "The base is a charging pad: a tidier desk."], specs: [["三档色温", "Three colour temperatures"], ["10W 无线充", "10 W wireless"]], points: 8600, cost: 9500, stock: 0, low: 5, status: "draft" },

  // The platform's own shop.
  { key: "robot-vacuum", supplier: "platform", category: "home", type: "physical", name: ["扫拖一体机器人", "Robot Vacuum and Mop"], short: "扫地机器人", glyph: "robot", color: "#2c3e50", about: ["激光导航，自动回洗拖布。", "Laser navigation, washes its own mop."], specs: [["4000Pa 吸力", "4000 Pa suction"], ["App 划区清扫", "Zone cleaning in the app"]], points: 60000, cost: 120000, stock: 5, low: 2, limit: 1, minTier: "gold", tags: ["会员专享"] },
  { key: "nonstick-wok", supplier: "platform", category: "kitchen", type: "physical", name: ["麦饭石不粘炒锅", "Non-Stick Stone Wok"], short: "不粘炒锅", glyph: "wok", color: "#a0522d", about: ["少油不粘，燃气电磁炉通用。", "Less oil, no sticking; gas and induction."], specs: [["32 厘米", "32 cm"], ["附玻璃锅盖", "Glass lid included"]], points: 15800, cost: 16000, stock: 35, low: 5 },
  { key: "knife-set", supplier: "platform", category: "kitchen", type: "physical", name: ["陶瓷刀具三件套", "Ceramic Knife Set (3 pieces)"], short: "陶瓷刀", glyph: "knife", color: "#5d6d7e", about: ["锋利持久，不生锈、无金属味。", "Stays sharp, never rusts, no metallic taste."], specs: [["主厨刀、水果刀、削皮刀", "Chef's knife, fruit knife, peeler"], ["附刀架", "Block included"]], points: 9800, cost: 8500, stock: 40, low: 5 },
  { key: "insulated-bottle", supplier: "platform", category: "kitchen", type: "physical", name: ["316 不锈钢保温杯", "316 Steel Insulated Bottle"], short: "保温杯", glyph: "bottle", color: "#e67e22", about: ["12 小时保温，一键弹盖。", "Hot for 12 hours, one-touch lid."], specs: [["500 毫升", "500 ml"], ["316 不锈钢内胆", "316 stainless steel"]], points: 4500, cost: 4000, stock: 260, low: 30, limit: 3, tags: ["热门"] },
  { key: "glass-containers", supplier: "platform", category: "kitchen", type: "physical", name: ["玻璃保鲜盒四件套", "Glass Food Containers (set of 4)"], short: "保鲜盒", glyph: "box", color: "#27ae60", about: ["微波炉、烤箱、冰箱都能用。", "Microwave, oven and fridge safe."], specs: [["高硼硅玻璃", "Borosilicate glass"], ["密封卡扣盖", "Locking lids"]], points: 3200, cash: 990, cost: 3800, stock: 120, low: 15 },
  { key: "bath-towel", supplier: "platform", category: "textiles", type: "physical", name: ["新疆长绒棉浴巾", "Long-Staple Cotton Bath Towel"], short: "纯棉浴巾", glyph: "towel", color: "#3498db", about: ["柔软吸水，越洗越蓬松。", "Soft, absorbent and fluffier with every wash."], specs: [["70 × 140 厘米", "70 × 140 cm"], ["A 类婴幼儿标准", "Class A (baby-safe)"]], points: 2800, cost: 2500, stock: 180, low: 20 },
  { key: "latex-pillow", supplier: "platform", category: "textiles", type: "physical", name: ["泰国天然乳胶枕", "Natural Latex Pillow"], short: "乳胶枕", glyph: "pillow", color: "#9b59b6", about: ["贴合颈椎曲线，透气不闷热。", "Follows the neck's curve, breathes at night."], specs: [["93% 天然乳胶", "93% natural latex"], ["可拆洗枕套", "Washable cover"]], points: 16800, cost: 15000, stock: 60, low: 8 },
  { key: "bedding-set", supplier: "platform", category: "textiles", type: "physical", name: ["全棉四件套", "Cotton Bedding Set (4 pieces)"], short: "四件套", glyph: "towel", color: "#1abc9c", about: ["60 支全棉贡缎，亲肤顺滑。", "60s cotton sateen, smooth on the skin."], specs: [["1.8 米床适用", "For 1.8 m beds"], ["被套、床单、枕套 ×2", "Duvet cover, sheet, 2 pillowcases"]], points: 26800, cash: 4900, cost: 32000, stock: 28, low: 5, tags: ["新品"] },
  { key: "nut-gift-box", supplier: "platform", category: "snacks", type: "physical", name: ["坚果礼盒 1.5 千克", "Mixed Nuts Gift Box (1.5 kg)"], short: "坚果礼盒", glyph: "gift", color: "#b9770e", about: ["八种坚果果干，送礼自用都体面。", "Eight kinds of nuts and dried fruit, good to give."], specs: [["独立小包装", "Individually packed"], ["保质期 9 个月", "9-month shelf life"]], points: 3600, cost: 4500, stock: 140, low: 20, tags: ["节日"] },
  { key: "mooncake-box", supplier: "platform", category: "snacks", type: "physical", name: ["中秋月饼礼盒", "Mid-Autumn Mooncake Box"], short: "月饼礼盒", glyph: "gift", color: "#c0392b", about: ["流心奶黄与莲蓉蛋黄，中秋限定。", "Custard and lotus seed with yolk: Mid-Autumn only."], specs: [["8 枚装", "8 mooncakes"], ["礼袋随盒", "Gift bag included"]], points: 5800, cost: 6800, stock: 12, low: 10, status: "off_sale", window: [-90, -30] },
  { key: "new-year-box", supplier: "platform", category: "snacks", type: "physical", name: ["新春年货礼盒", "Lunar New Year Gift Box"], short: "年货礼盒", glyph: "gift", color: "#e74c3c", about: ["春节限定，开售前可先收藏。", "For the Spring Festival; on sale soon."], specs: [["零食 12 件", "12 snacks"], ["红色礼盒", "Red gift box"]], points: 8800, cost: 9800, stock: 200, low: 20, tags: ["节日", "新品"], window: [20, 60] },
  { key: "starbucks-latte", supplier: "platform", category: "coffee", type: "coupon", name: ["星巴克中杯拿铁券", "Starbucks Tall Latte Voucher"], short: "中杯拿铁", glyph: "coffee", color: "#00704a", about: ["全国门店通用，到店出示券码即可。", "Any store in mainland China: show the code at the till."], specs: [["有效期 90 天", "Valid for 90 days"], ["不找零不兑现", "No change, no cash value"]], points: 1500, cost: 3300, low: 20, limit: 5, codes: [200, "SBX"], tags: ["热门"] },
  { key: "luckin-voucher", supplier: "platform", category: "coffee", type: "coupon", name: ["瑞幸咖啡 9.9 元饮品券", "Luckin Coffee ¥9.9 Drink Voucher"], short: "瑞幸 9.9", glyph: "coffee", color: "#1f4e9c", about: ["App 下单时输入券码抵扣。", "Enter the code when ordering in the app."], specs: [["任意饮品", "Any drink"], ["有效期 30 天", "Valid for 30 days"]], points: 800, cost: 990, low: 20, limit: 10, codes: [150, "LK"] },
  { key: "tencent-video", supplier: "platform", category: "streaming", type: "coupon", name: ["腾讯视频 VIP 月卡", "Tencent Video VIP (1 month)"], short: "腾讯视频月卡", glyph: "play", color: "#ff6a00", about: ["兑换后在腾讯视频 App 输入激活码。", "Enter the activation code in the Tencent Video app."], specs: [["31 天", "31 days"], ["不含超级影视", "SVIP not included"]], points: 2500, cost: 2000, low: 10, limit: 2, codes: [120, "TXV"] },
  { key: "iqiyi-gold", supplier: "platform", category: "streaming", type: "coupon", name: ["爱奇艺黄金会员月卡", "iQIYI Gold VIP (1 month)"], short: "爱奇艺月卡", glyph: "play", color: "#00be06", about: ["热剧抢先看，跳过广告。", "New episodes first, no ads."], specs: [["31 天", "31 days"], ["手机、电脑、平板通用", "Phone, computer and tablet"]], points: 2300, cost: 1900, low: 10, limit: 2, codes: [80, "IQY"] },
  { key: "netease-music-trial", supplier: "platform", category: "streaming", type: "coupon", name: ["网易云音乐黑胶 VIP 7 天体验", "NetEase Music VIP (7-day trial)"], short: "黑胶 7 天", glyph: "music", color: "#d7263d", about: ["无损音质与会员曲库，先听一周。", "Lossless audio and the full library for a week."], specs: [["7 天", "7 days"], ["新老用户均可", "New and existing users"]], points: 200, cost: 100, low: 10, limit: 1, codes: [50, "NEM"] },

  // Fresh Fruit.
  { key: "navel-oranges", supplier: "fresh", category: "fruit", type: "physical", name: ["赣南脐橙 5 斤", "Gannan Navel Oranges (2.5 kg)"], short: "赣南脐橙", glyph: "fruit", color: "#f39c12", about: ["果园直发，酸甜多汁。", "Straight from the orchard: sweet, tart and juicy."], specs: [["单果 70–80 毫米", "70–80 mm fruit"], ["坏果包赔", "Damaged fruit refunded"]], points: 3800, cost: 3500, stock: 300, low: 30, tags: ["当季"] },
  { key: "fuji-apples", supplier: "fresh", category: "fruit", type: "physical", name: ["烟台红富士苹果 10 斤", "Yantai Fuji Apples (5 kg)"], short: "红富士", glyph: "fruit", color: "#c0392b", about: ["脆甜爽口，冷藏更好吃。", "Crisp and sweet, better chilled."], specs: [["单果 80 毫米以上", "80 mm and up"], ["顺丰冷链", "Cold-chain delivery"]], points: 4200, cost: 4000, stock: 220, low: 30 },
  { key: "hainan-mangoes", supplier: "fresh", category: "fruit", type: "physical", name: ["海南金煌芒 5 斤", "Hainan Golden Mangoes (2.5 kg)"], short: "金煌芒", glyph: "fruit", color: "#e1b12c", about: ["大果少纤维，香甜软糯。", "Large fruit, little fibre, sweet and soft."], specs: [["产地直发", "Shipped from the farm"], ["到家后常温催熟", "Ripens at room temperature"]], points: 5200, cash: 990, cost: 6200, stock: 150, low: 20 },
  { key: "chilean-cherries", supplier: "fresh", category: "fruit", type: "physical", name: ["智利车厘子 JJ 级 1 千克", "Chilean Cherries, JJ grade (1 kg)"], short: "车厘子", glyph: "cherry", color: "#8e1b3a", about: ["空运到港，颗颗脆甜。", "Air-freighted, every one crisp and sweet."], specs: [["果径 28–30 毫米", "28–30 mm"], ["冷链包邮", "Free cold-chain delivery"]], points: 12800, cash: 2990, cost: 16000, stock: 30, low: 8, limit: 2, minTier: "silver", tags: ["会员专享", "当季"] },
  { key: "blueberries", supplier: "fresh", category: "fruit", type: "physical", name: ["云南蓝莓 4 盒装", "Yunnan Blueberries (4 punnets)"], short: "蓝莓", glyph: "cherry", color: "#2e4a9e", about: ["果粉完整，大果爆汁。", "Bloom intact, big and bursting."], specs: [["每盒 125 克", "125 g each"], ["18 毫米以上", "18 mm and up"]], points: 6800, cost: 7500, stock: 80, low: 10 },
  { key: "kiwifruit", supplier: "fresh", category: "fruit", type: "physical", name: ["眉县猕猴桃 24 枚", "Meixian Kiwifruit (24)"], short: "猕猴桃", glyph: "fruit", color: "#6ab04c", about: ["软熟即食，维 C 满满。", "Ready to eat when soft, full of vitamin C."], specs: [["单果 90–110 克", "90–110 g each"], ["附催熟说明", "Ripening guide included"]], points: 3200, cost: 3000, stock: 4, low: 10 },
  { key: "beef-jerky", supplier: "fresh", category: "snacks", type: "physical", name: ["手撕风干牛肉 500 克", "Air-Dried Beef Jerky (500 g)"], short: "风干牛肉", glyph: "snack", color: "#7b3f00", about: ["内蒙古草原牛，越嚼越香。", "Inner Mongolian grass-fed beef, the more you chew the better."], specs: [["原味", "Original"], ["独立包装", "Individually packed"]], points: 2400, cost: 2600, stock: 160, low: 20 },
  { key: "daily-nuts", supplier: "fresh", category: "snacks", type: "physical", name: ["每日坚果 30 袋", "Daily Nuts (30 packs)"], short: "每日坚果", glyph: "snack", color: "#a67c52", about: ["一天一袋，六种坚果果干科学配比。", "A pack a day: six nuts and fruits in balance."], specs: [["每袋 25 克", "25 g per pack"], ["无添加糖", "No added sugar"]], points: 5800, cost: 6000, stock: 110, low: 15, tags: ["热门"] },
  { key: "dried-mango", supplier: "fresh", category: "snacks", type: "physical", name: ["菲律宾芒果干", "Philippine Dried Mango"], short: "芒果干", glyph: "snack", color: "#f0932b", about: ["厚切果肉，酸甜有嚼劲。", "Thick-cut, tangy and chewy."], specs: [["100 克 × 3 袋", "3 × 100 g"], ["原产地进口", "Imported from the Philippines"]], points: 1600, cost: 1500, stock: 240, low: 30 },

  // QuickTopup: virtual goods fulfilled by calling the supplier (the sandbox endpoint in the demo).
  { key: "cm-50", supplier: "topup", category: "topups", type: "virtual", name: ["中国移动话费 50 元", "China Mobile Top-Up ¥50"], short: "移动 50 元", glyph: "phone", color: "#0085d0", about: ["充值到账通常 1 分钟内。", "Usually credited within a minute."], specs: [["全国通用", "Nationwide"], ["充值号码下单时填写", "Number entered at checkout"]], points: 5000, cost: 4950, stock: 9999, low: 100, limit: 3, code: "TOPUP-CM-50", tags: ["热门"] },
  { key: "cm-100", supplier: "topup", category: "topups", type: "virtual", name: ["中国移动话费 100 元", "China Mobile Top-Up ¥100"], short: "移动 100 元", glyph: "phone", color: "#005a9c", about: ["充值到账通常 1 分钟内。", "Usually credited within a minute."], specs: [["全国通用", "Nationwide"], ["充值号码下单时填写", "Number entered at checkout"]], points: 9800, cost: 9900, stock: 9999, low: 100, limit: 3, code: "TOPUP-CM-100" },
  { key: "cu-50", supplier: "topup", category: "topups", type: "virtual", name: ["中国联通话费 50 元", "China Unicom Top-Up ¥50"], short: "联通 50 元", glyph: "phone", color: "#e60012", about: ["充值到账通常 1 分钟内。", "Usually credited within a minute."], specs: [["全国通用", "Nationwide"], ["充值号码下单时填写", "Number entered at checkout"]], points: 5000, cost: 4950, stock: 9999, low: 100, limit: 3, code: "TOPUP-CU-50" },
  { key: "ct-50", supplier: "topup", category: "topups", type: "virtual", name: ["中国电信话费 50 元", "China Telecom Top-Up ¥50"], short: "电信 50 元", glyph: "phone", color: "#1d5ba8", about: ["充值到账通常 1 分钟内。", "Usually credited within a minute."], specs: [["全国通用", "Nationwide"], ["充值号码下单时填写", "Number entered at checkout"]], points: 5000, cost: 4950, stock: 9999, low: 100, limit: 3, code: "TOPUP-CT-50" },
  { key: "cm-30-flaky", supplier: "topup", category: "topups", type: "virtual", name: ["中国移动话费 30 元（高峰时段）", "China Mobile Top-Up ¥30 (peak hours)"], short: "移动 30 元", glyph: "phone", color: "#4a90c2", about: ["高峰时段运营商繁忙，到账可能稍慢，系统会自动重试。", "At peak hours the carrier is busy: it may take a little longer, and we retry for you."], specs: [["全国通用", "Nationwide"], ["自动重试", "Retried automatically"]], points: 3000, cost: 2980, stock: 9999, low: 100, limit: 3, code: "TOPUP-CM-30-FLAKY" },
  { key: "data-10g", supplier: "topup", category: "topups", type: "virtual", name: ["全国通用流量 10GB（7 天）", "Mobile Data 10 GB (7 days)"], short: "流量 10GB", glyph: "data", color: "#00a8a8", about: ["三网通用，当日生效。", "All three carriers, active the same day."], specs: [["7 天有效", "Valid for 7 days"], ["不可结转", "Does not roll over"]], points: 2000, cost: 1800, stock: 9999, low: 100, limit: 5, code: "TOPUP-DATA-10G" },
  { key: "mgtv-vip", supplier: "topup", category: "streaming", type: "virtual", name: ["芒果 TV 会员月卡（直充）", "Mango TV VIP, 1 month (direct)"], short: "芒果TV 月卡", glyph: "play", color: "#ff5f00", about: ["直充到下单时填写的手机号账户。", "Credited to the account of the phone number you give."], specs: [["31 天", "31 days"], ["直充无需激活码", "No code needed"]], points: 2200, cost: 1900, stock: 9999, low: 100, limit: 2, code: "TOPUP-MGTV-1M" },
];

function describe(p: DemoProduct, lang: 0 | 1): string {
  const heading = lang === 0 ? "规格" : "Details";
  const items = p.specs.map((s) => `<li>${s[lang]}</li>`).join("");
  return `<p>${p.about[lang]}</p><h4>${heading}</h4><ul>${items}</ul>`;
}

/** A readable code such as SBX-7Q2M-K9PL (no 0/O or 1/I to misread). */
function couponCode(s: SeedContext, prefix: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[Math.floor(s.random() * alphabet.length)]).join("");
  return `${prefix}-${group()}-${group()}`;
}

export function seedCategories(s: SeedContext) {
  const now = s.clock.now();
  let n = 0;
  TREE.forEach((top, i) => {
    const parent = s.db.insert(categories).values({ name: { "zh-CN": top.name[0], "en-US": top.name[1] }, icon: top.icon, sortOrder: i, createdAt: now, updatedAt: now }).returning().get();
    s.ids[`category.${top.key}`] = parent.id;
    n++;
    top.children.forEach((child, j) => {
      const row = s.db
        .insert(categories)
        .values({ parentId: parent.id, name: { "zh-CN": child.name[0], "en-US": child.name[1] }, icon: child.icon, sortOrder: j, createdAt: now, updatedAt: now })
        .returning()
        .get();
      s.ids[`category.${child.key}`] = row.id;
      n++;
    });
  });
  s.log(`categories: ${n} in ${TREE.length} groups`);
}

export function seedProducts(s: SeedContext) {
  const now = s.clock.now().getTime();
  const at = (days: number) => new Date(now + days * DAY);
  let codes = 0;
  PRODUCTS.forEach((p, index) => {
    const status = p.status ?? "on_sale";
    // Older listings first: created over the past two months, the newest last.
    const createdAt = new Date(now - (PRODUCTS.length - index) * 1.3 * DAY);
    const reviewed = status === "on_sale" || status === "off_sale" || status === "rejected";
    const fulfilment: FulfilmentSettings | null = p.type === "virtual" ? { endpoint: SANDBOX_SUPPLIER_PATH, productCode: p.code! } : null;
    const images = [
      storeSvg(s, productTileSvg({ color: p.color, glyph: p.glyph, label: p.short, sublabel: p.name[1].length <= 34 ? p.name[1] : undefined })),
      storeSvg(s, productTileSvg({ color: "#2b2b2b", glyph: p.glyph, label: p.short })),
    ];
    const row = s.db
      .insert(products)
      .values({
        supplierId: s.ids[`supplier.${p.supplier}`],
        categoryId: s.ids[`category.${p.category}`],
        type: p.type,
        name: { "zh-CN": p.name[0], "en-US": p.name[1] },
        description: { "zh-CN": describe(p, 0), "en-US": describe(p, 1) },
        images,
        tags: p.tags ?? [],
        pointsPrice: p.points,
        cashPrice: p.cash ?? 0,
        costCents: p.cost,
        stock: p.type === "coupon" ? 0 : (p.stock ?? 0),
        lowStockThreshold: p.low ?? 0,
        perMemberLimit: p.limit ?? 0,
        minTier: p.minTier ?? "",
        saleStart: p.window?.[0] != null ? at(p.window[0]) : null,
        saleEnd: p.window?.[1] != null ? at(p.window[1]) : null,
        fulfilment,
        status,
        rejectReason: p.rejectReason ?? null,
        reviewedBy: reviewed && p.supplier !== "platform" ? "operator" : null,
        reviewedAt: reviewed && p.supplier !== "platform" ? new Date(createdAt.getTime() + 3 * HOUR) : null,
        submittedAt: p.supplier === "platform" || status === "draft" ? null : new Date(status === "pending_review" ? now - (index % 5 + 1) * 3 * HOUR : createdAt.getTime() + HOUR),
        sortOrder: 0,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: products.id })
      .get();
    s.ids[`product.${p.key}`] = row.id;
    if (p.codes) {
      const [count, prefix] = p.codes;
      const rows = Array.from({ length: count }, (_, i) => ({ row: i + 1, code: couponCode(s, prefix) }));
      s.db.transaction((tx) => {
        addCodes(tx, s.box, row.id, null, rows, new Date(now));
        codes += syncCouponStock(tx, row.id);
      });
    }
  });
  seedChangedListing(s, "blueberries", "supplier.fresh", { pointsPrice: 5900, name: { "zh-CN": "云南蓝莓 4 盒装（新季）", "en-US": "Yunnan Blueberries, new season (4 punnets)" }, tags: ["当季", "新品"] });
  const by = (st: ProductStatus) => PRODUCTS.filter((p) => (p.status ?? "on_sale") === st).length + (st === "pending_review" ? 1 : st === "on_sale" ? -1 : 0);
  s.log(
    `products: ${PRODUCTS.length} (${by("on_sale")} on sale, ${by("pending_review")} waiting for review, ${by("rejected")} rejected, ${by("draft")} draft, ${by("off_sale")} off sale), ${codes} coupon codes sealed, images ${s.dataDir ? "under uploads/" : "as data URLs"}`,
  );
}

/** The top-up supplier signs its fulfilment calls with a secret (the sandbox endpoint checks it). */
export function seedSupplierSecrets(s: SeedContext) {
  rotateSupplierSecret(s.db, s.box, s.ids["supplier.topup"], s.clock.now());
  s.log("supplier fulfilment secret: quick-topup (sandbox endpoint)");
}

/**
 * A listed product its supplier has since changed: back in review, with the audit entry the console
 * writes for such an edit, so the approvals queue shows what changed against the version on sale.
 */
function seedChangedListing(s: SeedContext, key: string, staffKey: string, change: Partial<typeof products.$inferInsert>) {
  const id = s.ids[`product.${key}`];
  const at = new Date(s.clock.now().getTime() - 2 * HOUR);
  const before = s.db.select().from(products).where(eq(products.id, id)).get()!;
  const after = s.db
    .update(products)
    .set({ ...change, status: "pending_review", submittedAt: at, updatedAt: at })
    .where(eq(products.id, id))
    .returning()
    .get();
  const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  s.db
    .insert(auditLog)
    .values({ createdAt: at, actorId: s.ids[`staff.${staffKey}`] ?? null, actorName: staffKey, actorRole: "supplier", action: "update", resource: "products", resourceId: String(id), before: json(before), after: json(after), requestId: "seed" })
    .run();
}

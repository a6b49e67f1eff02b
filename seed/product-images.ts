import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { uploads } from "../db/schema";
import type { SeedContext } from "./context";

/**
 * Product pictures for the demo: a coloured tile with a simple drawn icon and the product's short
 * name, generated as SVG so the repository holds no binary images. With a data folder they are
 * written under uploads/ (served like uploaded images); without one (tests) they are data: URLs.
 */
export type Glyph =
  | "headphones"
  | "earbuds"
  | "charger"
  | "battery"
  | "cable"
  | "band"
  | "stand"
  | "wok"
  | "knife"
  | "bottle"
  | "box"
  | "towel"
  | "pillow"
  | "robot"
  | "fruit"
  | "cherry"
  | "snack"
  | "phone"
  | "play"
  | "music"
  | "coffee"
  | "gift"
  | "data"
  | "wheel"
  | "calendar"
  | "orders"
  | "grid";

const W = 'fill="none" stroke="#fff" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"';
const F = 'fill="#fff"';

const GLYPHS: Record<Glyph, string> = {
  headphones: `<path d="M190 300v-40a110 110 0 0 1 220 0v40" ${W}/><rect x="170" y="290" width="56" height="96" rx="22" ${F}/><rect x="374" y="290" width="56" height="96" rx="22" ${F}/>`,
  earbuds: `<circle cx="240" cy="250" r="44" ${F}/><rect x="226" y="270" width="28" height="110" rx="14" ${F}/><circle cx="360" cy="250" r="44" ${F}/><rect x="346" y="270" width="28" height="110" rx="14" ${F}/>`,
  charger: `<rect x="215" y="200" width="170" height="170" rx="34" ${F}/><rect x="250" y="150" width="20" height="60" rx="6" ${F}/><rect x="330" y="150" width="20" height="60" rx="6" ${F}/><path d="M310 230l-40 60h40l-20 55" fill="none" stroke-width="14" stroke="rgba(0,0,0,.35)" stroke-linecap="round" stroke-linejoin="round"/>`,
  battery: `<rect x="190" y="200" width="210" height="130" rx="22" ${W}/><rect x="400" y="240" width="22" height="50" rx="6" ${F}/><rect x="214" y="224" width="110" height="82" rx="10" ${F}/>`,
  cable: `<path d="M200 170c0 120 200 40 200 160" ${W}/><rect x="180" y="130" width="40" height="60" rx="10" ${F}/><rect x="380" y="320" width="40" height="60" rx="10" ${F}/>`,
  band: `<rect x="250" y="140" width="100" height="240" rx="50" ${W}/><rect x="262" y="215" width="76" height="90" rx="18" ${F}/>`,
  stand: `<rect x="240" y="150" width="120" height="190" rx="18" ${W}/><path d="M220 380h160M300 340v40" ${W}/>`,
  wok: `<path d="M170 260h260a130 90 0 0 1-260 0z" ${F}/><path d="M430 260l90-40" ${W}/>`,
  knife: `<path d="M190 330l180-180c20 30 20 80-20 120l-90 90z" ${F}/><path d="M190 330l-40 40" ${W}/>`,
  bottle: `<rect x="250" y="190" width="100" height="200" rx="30" ${F}/><rect x="262" y="140" width="76" height="50" rx="12" ${F}/>`,
  box: `<path d="M180 220l120-60 120 60v140l-120 60-120-60z" ${W}/><path d="M180 220l120 60 120-60M300 280v140" ${W}/>`,
  towel: `<rect x="200" y="150" width="200" height="230" rx="18" ${F}/><path d="M200 330h200M200 350h200" stroke="rgba(0,0,0,.25)" stroke-width="10"/>`,
  pillow: `<path d="M180 200q120-40 240 0q20 60 0 120q-120 40-240 0q-20-60 0-120z" ${F}/>`,
  robot: `<circle cx="300" cy="270" r="120" ${F}/><circle cx="300" cy="270" r="60" fill="none" stroke="rgba(0,0,0,.25)" stroke-width="12"/><circle cx="300" cy="185" r="14" fill="rgba(0,0,0,.3)"/>`,
  fruit: `<circle cx="300" cy="290" r="110" ${F}/><path d="M300 185c10-40 40-60 80-60-10 40-40 60-80 60z" ${F}/>`,
  cherry: `<circle cx="235" cy="320" r="62" ${F}/><circle cx="370" cy="320" r="62" ${F}/><path d="M235 260c20-70 60-110 90-120M370 260c-10-60-30-100-45-120" ${W}/>`,
  snack: `<circle cx="300" cy="270" r="120" ${F}/><circle cx="260" cy="230" r="14" fill="rgba(0,0,0,.3)"/><circle cx="340" cy="250" r="14" fill="rgba(0,0,0,.3)"/><circle cx="290" cy="320" r="14" fill="rgba(0,0,0,.3)"/>`,
  phone: `<rect x="230" y="140" width="140" height="250" rx="26" ${W}/><circle cx="300" cy="355" r="12" ${F}/><path d="M300 210l-30 50h60l-30 50" ${W}/>`,
  play: `<rect x="170" y="170" width="260" height="190" rx="30" ${W}/><path d="M275 225v80l70-40z" ${F}/>`,
  music: `<path d="M260 350V190l140-30v160" ${W}/><circle cx="230" cy="350" r="38" ${F}/><circle cx="370" cy="320" r="38" ${F}/>`,
  coffee: `<path d="M200 220h170v90a70 70 0 0 1-70 70h-30a70 70 0 0 1-70-70z" ${F}/><path d="M370 240h20a35 35 0 0 1 0 70h-20" ${W}/><path d="M250 180c-10-20 10-30 0-50M300 180c-10-20 10-30 0-50" ${W}/>`,
  gift: `<rect x="190" y="230" width="220" height="150" rx="12" ${F}/><rect x="175" y="195" width="250" height="50" rx="10" ${F}/><path d="M300 195v185" stroke="rgba(0,0,0,.3)" stroke-width="18"/><path d="M300 195c-40-60-90-30-60 0M300 195c40-60 90-30 60 0" ${W}/>`,
  data: `<path d="M200 270a140 140 0 0 1 200 0M230 305a95 95 0 0 1 140 0M260 340a50 50 0 0 1 80 0" ${W}/><circle cx="300" cy="375" r="14" ${F}/>`,
  wheel: `<circle cx="300" cy="270" r="130" ${W}/><path d="M300 140v260M170 270h260M208 178l184 184M392 178L208 362" ${W}/><circle cx="300" cy="270" r="26" ${F}/>`,
  calendar: `<rect x="180" y="170" width="240" height="220" rx="24" ${W}/><path d="M180 230h240M240 140v60M360 140v60" ${W}/><path d="M250 310l35 35 70-70" ${W}/>`,
  orders: `<rect x="200" y="150" width="200" height="250" rx="20" ${W}/><path d="M250 220h100M250 275h100M250 330h60" ${W}/>`,
  grid: `<rect x="180" y="150" width="105" height="105" rx="18" ${F}/><rect x="315" y="150" width="105" height="105" rx="18" ${F}/><rect x="180" y="285" width="105" height="105" rx="18" ${F}/><rect x="315" y="285" width="105" height="105" rx="18" ${F}/>`,
};

const CJK_FONTS = "'PingFang SC','Noto Sans CJK SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function productTileSvg(o: { color: string; glyph: Glyph; label: string; sublabel?: string }): string {
  const label = escapeXml(o.label);
  const size = label.length > 9 ? 40 : 52;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${o.color}"/><stop offset="1" stop-color="${o.color}" stop-opacity=".78"/></linearGradient></defs>`,
    `<rect width="600" height="600" fill="url(#g)"/>`,
    `<circle cx="520" cy="80" r="140" fill="#fff" fill-opacity=".08"/>`,
    GLYPHS[o.glyph],
    `<text x="300" y="490" text-anchor="middle" font-family="${CJK_FONTS}" font-size="${size}" font-weight="700" fill="#fff">${label}</text>`,
    o.sublabel
      ? `<text x="300" y="540" text-anchor="middle" font-family="'Helvetica Neue',Arial,sans-serif" font-size="26" fill="#fff" fill-opacity=".85">${escapeXml(o.sublabel)}</text>`
      : "",
    `</svg>`,
  ].join("");
}

/** A round-cornered square icon (an icon grid's entry): the glyph alone on a colour, 120 px. */
export function iconSvg(o: { color: string; glyph: Glyph }): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="80 55 440 440" width="120" height="120">`,
    `<rect x="80" y="55" width="440" height="440" rx="120" fill="${o.color}"/>`,
    GLYPHS[o.glyph],
    `</svg>`,
  ].join("");
}

export const BANNER_SIZE = { width: 750, height: 300 };

/** A storefront banner (750 × 300, the carousel's 2.5 : 1): a title, a subtitle and the glyph on a gradient. */
export function bannerSvg(o: { color: string; color2: string; glyph: Glyph; title: string; subtitle: string; tagline?: string }): string {
  const title = escapeXml(o.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 750 300" width="750" height="300">`,
    `<defs><linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${o.color}"/><stop offset="1" stop-color="${o.color2}"/></linearGradient></defs>`,
    `<rect width="750" height="300" fill="url(#b)"/>`,
    `<circle cx="640" cy="40" r="170" fill="#fff" fill-opacity=".08"/><circle cx="560" cy="300" r="110" fill="#fff" fill-opacity=".06"/>`,
    `<g transform="translate(470 10) scale(.5)">${GLYPHS[o.glyph]}</g>`,
    `<text x="48" y="138" font-family="${CJK_FONTS}" font-size="${title.length > 8 ? 48 : 60}" font-weight="700" fill="#fff">${title}</text>`,
    `<text x="50" y="188" font-family="'Helvetica Neue',Arial,sans-serif" font-size="26" fill="#fff" fill-opacity=".9">${escapeXml(o.subtitle)}</text>`,
    o.tagline
      ? `<rect x="48" y="214" width="${40 + o.tagline.length * 22}" height="44" rx="22" fill="#fff" fill-opacity=".92"/><text x="68" y="244" font-family="${CJK_FONTS}" font-size="22" font-weight="700" fill="${o.color}">${escapeXml(o.tagline)}</text>`
      : "",
    `</svg>`,
  ].join("");
}

/**
 * Stores an image and answers its URL: a file under uploads/ named by its hash, or a data: URL without
 * a data folder. `size` is what the uploads table records (product tiles are 600 × 600).
 */
export function storeSvg(s: SeedContext, svg: string, size: { width: number; height: number } = { width: 600, height: 600 }): string {
  if (!s.dataDir) return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  const sha256 = createHash("sha256").update(svg).digest("hex");
  const dir = join(s.dataDir, "uploads");
  const name = `${sha256}.svg`;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), svg);
  s.db
    .insert(uploads)
    .values({ sha256, path: `uploads/${name}`, mime: "image/svg+xml", size: Buffer.byteLength(svg), width: size.width, height: size.height, uploadedBy: "seed", createdAt: s.clock.now() })
    .onConflictDoNothing({ target: uploads.sha256 })
    .run();
  return `/uploads/${name}`;
}

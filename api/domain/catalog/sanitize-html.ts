/**
 * An allow-list HTML sanitiser for product descriptions (suppliers write them, members read them).
 *
 * Written here rather than pulled in (sanitize-html, DOMPurify + jsdom) because the allowed subset is
 * tiny and fixed, the server has no DOM, and a dependency tree of parsers is more to keep patched than
 * this one tokenizer. It is safe by construction: only the tags and attributes below are ever emitted,
 * every attribute value is re-escaped from the value that was checked, and every text run is escaped,
 * so what a browser parses is exactly what was validated.
 */

const ALLOWED_TAGS: Record<string, readonly string[]> = {
  p: [],
  br: [],
  b: [],
  strong: [],
  i: [],
  em: [],
  ul: [],
  ol: [],
  li: [],
  h3: [],
  h4: [],
  img: ["src", "alt"],
  a: ["href"],
};
const VOID_TAGS = new Set(["br", "img"]);
/** Elements whose content is dropped with them (not shown as text). */
const DROP_WITH_CONTENT = new Set(["script", "style", "iframe", "object", "embed", "noscript", "textarea", "title", "template", "svg", "math", "xmp", "noembed", "noframes", "select", "head"]);

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const ENTITY = /&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;
const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function decodeEntities(value: string): string {
  return value.replace(ENTITY, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Text keeps the entities it already had (&amp; &eacute; &#20013;); a bare & < > is escaped. */
const escapeText = (v: string) => v.replace(/&(?!(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});)/gi, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Links and images must be absolute http(s) URLs; images may also be this server's uploads. */
export function isSafeUrl(raw: string, kind: "href" | "src"): boolean {
  const v = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(v)) return false;
  if (/^https?:\/\/[^/]/i.test(v)) return true;
  return kind === "src" && /^\/uploads\/[A-Za-z0-9._-]+$/.test(v);
}

function openTag(name: string, attrText: string): string | null {
  const allowed = ALLOWED_TAGS[name];
  const attrs: Record<string, string> = {};
  for (const m of attrText.matchAll(ATTRIBUTE)) {
    const key = m[1].toLowerCase();
    if (!allowed.includes(key) || key in attrs) continue;
    attrs[key] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  if (name === "img") {
    if (!attrs.src || !isSafeUrl(attrs.src, "src")) return null;
    const alt = attrs.alt ? ` alt="${escapeAttr(attrs.alt)}"` : "";
    return `<img src="${escapeAttr(attrs.src.trim())}"${alt}>`;
  }
  if (name === "a") {
    if (!attrs.href || !isSafeUrl(attrs.href, "href")) return "<a>";
    return `<a href="${escapeAttr(attrs.href.trim())}" rel="nofollow noopener noreferrer" target="_blank">`;
  }
  return `<${name}>`;
}

export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      out.push(escapeText(html.slice(i)));
      break;
    }
    if (lt > i) out.push(escapeText(html.slice(i, lt)));
    // Comments, doctypes and processing instructions disappear.
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt);
      i = end === -1 ? n : end + 1;
      continue;
    }
    TAG_START.lastIndex = lt;
    const m = TAG_START.exec(html);
    if (!m) {
      out.push("&lt;");
      i = lt + 1;
      continue;
    }
    // The tag ends at the first ">" outside quotes; an unterminated tag takes the rest with it.
    let j = lt + m[0].length;
    let quote: string | null = null;
    for (; j < n; j++) {
      const ch = html[j];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === ">") break;
    }
    if (j >= n) break;
    const closing = m[1] === "/";
    const name = m[2].toLowerCase();
    const attrText = html.slice(lt + m[0].length, j);
    i = j + 1;

    if (!closing && DROP_WITH_CONTENT.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, "ig");
      close.lastIndex = i;
      const found = close.exec(html);
      i = found ? found.index + found[0].length : n;
      continue;
    }
    if (!(name in ALLOWED_TAGS)) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at === -1) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    const tag = openTag(name, attrText);
    if (!tag) continue;
    out.push(tag);
    if (!VOID_TAGS.has(name)) open.push(name);
  }
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join("");
}

/** The text of sanitised HTML, for search snippets and list previews. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|li|h3|h4)>/gi, "\n").replace(/<[^>]*>/g, ""))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

import type { Scenario } from "../scenario";

/**
 * A member opening the mall: the phone's web view asks for the home page's JSON, accepting gzip as
 * every mobile browser does, with no session needed. Served from the page cache (api/domain/pages/page-cache.ts).
 */
export const home: Scenario = {
  name: "home (GET /api/shop/pages?path=/, br)",
  goal: 0.6,
  prepare: async (ctx) => ({
    url: `${ctx.baseUrl}/api/shop/pages?path=/`,
    // What mobile browsers and web views send; like the ceiling's requests, nothing else (the user agent,
    // languages and cookies a phone adds are parsed by Node alike, and this route reads none of them).
    headers: { "accept-encoding": "gzip, deflate, br" },
  }),
  async verify(ctx) {
    // fetch decompresses: check the page is whole; Content-Length says what went over the wire.
    const res = await fetch(`${ctx.baseUrl}/api/shop/pages?path=/`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    const body = await res.text();
    const page = JSON.parse(body) as { blocks?: { type: string }[] };
    if (res.status !== 200 || res.headers.get("content-encoding") !== "br" || !page.blocks?.length) throw new Error(`home page: ${res.status} ${res.headers.get("content-encoding")} ${page.blocks?.length} blocks`);
    return `${page.blocks.length} blocks, ${Buffer.byteLength(body)} bytes JSON, ${res.headers.get("content-length")} in Brotli`;
  },
};

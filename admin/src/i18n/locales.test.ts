import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resourceCatalog } from "../../../api/rbac/resources";

/** One language's messages, merged from its files as setup.ts merges them. */
function messages(lang: string): Record<string, unknown> {
  const dir = new URL(`./${lang}/`, import.meta.url).pathname;
  const merge = (target: Record<string, unknown>, source: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(source)) {
      if (v && typeof v === "object" && !Array.isArray(v)) target[k] = merge((target[k] as Record<string, unknown>) ?? {}, v as Record<string, unknown>);
      else target[k] = v;
    }
    return target;
  };
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) merge(out, JSON.parse(readFileSync(join(dir, f), "utf8")));
  return out;
}

function keys(o: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const lookup = (o: Record<string, unknown>, path: string) => path.split(".").reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], o);
const base = (k: string) => k.replace(/(_ordinal)?_(zero|one|two|few|many|other)$/, "");

describe("console translations", () => {
  const zh = messages("zh-CN");
  const en = messages("en-US");

  it("has every message in both languages", () => {
    const zhKeys = new Set(keys(zh).map(base));
    const enKeys = new Set(keys(en).map(base));
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it("names every resource and every action of the permission catalog, so the roles page shows no raw policy words", () => {
    for (const lang of [zh, en]) {
      const missing: string[] = [];
      for (const { resource, actions } of resourceCatalog) {
        if (typeof lookup(lang, `${resource}.${resource}`) !== "string") missing.push(`${resource}.${resource}`);
        for (const a of actions) if (typeof lookup(lang, `roles.actions.${a}`) !== "string") missing.push(`roles.actions.${a}`);
      }
      expect([...new Set(missing)]).toEqual([]);
    }
  });
});

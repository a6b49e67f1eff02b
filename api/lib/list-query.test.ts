import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../../db/client";
import { suppliers } from "../../db/schema";
import { AppError, respondError } from "./errors";
import { listTable, MAX_PAGE, specFor, withoutFields } from "./list-query";

/**
 * parseListQuery and listTable on a real table: a fresh in-memory database with suppliers
 * a-1 … a-N, mounted on a bare Hono app so the query string is parsed as in production.
 */
function listApp(rows: Array<Partial<typeof suppliers.$inferInsert>> = []) {
  const db = createTestDb();
  const values = rows.map((r, i) => {
    const at = new Date(Date.UTC(2026, 0, 1 + i));
    return { name: `Supplier ${i + 1}`, code: `s-${i + 1}`, createdAt: at, updatedAt: at, ...r };
  });
  // In chunks: one statement per row is slow, one for all would pass SQLite's variable limit.
  for (let i = 0; i < values.length; i += 500) db.insert(suppliers).values(values.slice(i, i + 500)).run();
  const spec = specFor(suppliers, { search: [suppliers.name, suppliers.contactName], defaultSort: { field: "id", order: "asc" } });
  const app = new Hono();
  app.onError((err, c) => (err instanceof AppError ? respondError(c, err) : c.json({ message: String(err) }, 500)));
  app.get("/s", (c) => listTable(c, db, suppliers, spec));
  return async (query: string) => {
    const res = await app.request(`/s?${query}`);
    const body = (await res.json()) as any;
    return { status: res.status, body, total: res.headers.get("x-total-count"), ids: res.status === 200 ? (body as { id: number }[]).map((r) => r.id) : [] };
  };
}

const many = (n: number) => Array.from({ length: n }, () => ({}));

describe("paging with _start and _end", () => {
  it("returns rows [_start, _end) and the total of all matching rows in X-Total-Count", async () => {
    const list = listApp(many(5));
    const res = await list("_start=1&_end=3");
    expect(res.ids).toEqual([2, 3]);
    expect(res.total).toBe("5");
  });

  it("returns an empty page, with the real total, when _start is past the end", async () => {
    const res = await listApp(many(3))("_start=10&_end=20");
    expect(res.status).toBe(200);
    expect(res.ids).toEqual([]);
    expect(res.total).toBe("3");
  });

  it("returns an empty page when _start equals _end", async () => {
    const res = await listApp(many(3))("_start=1&_end=1");
    expect(res.ids).toEqual([]);
    expect(res.total).toBe("3");
  });

  it(`caps a page at ${MAX_PAGE} rows however large _end is`, async () => {
    const res = await listApp(many(MAX_PAGE + 5))("_start=0&_end=999999");
    expect(res.ids).toHaveLength(MAX_PAGE);
    expect(res.total).toBe(String(MAX_PAGE + 5));
  });

  it("treats an empty _start or _end as absent", async () => {
    const res = await listApp(many(2))("_start=&_end=");
    expect(res.ids).toEqual([1, 2]);
  });

  it.each([
    ["_start=-1", "_start"],
    ["_start=1.5", "_start"],
    ["_start=abc", "_start"],
    ["_end=-5", "_end"],
    ["_start=5&_end=2", "_end"],
  ])("returns 400 INVALID_QUERY naming the field for %s", async (query, field) => {
    const res = await listApp(many(2))(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
    expect(Object.keys(res.body.details.fields)).toEqual([field]);
  });
});

describe("sorting with _sort and _order", () => {
  it("sorts by the default field when _sort is absent", async () => {
    expect((await listApp(many(3))("")).ids).toEqual([1, 2, 3]);
  });

  it("sorts descending with _order=desc", async () => {
    expect((await listApp(many(3))("_sort=id&_order=desc")).ids).toEqual([3, 2, 1]);
  });

  it("accepts upper-case ASC and DESC", async () => {
    expect((await listApp(many(3))("_sort=id&_order=DESC")).ids).toEqual([3, 2, 1]);
  });

  it("sorts by several fields, each with its own order", async () => {
    const list = listApp([{ status: "suspended" }, { status: "active" }, { status: "suspended" }, { status: "active" }]);
    expect((await list("_sort=status,id&_order=asc,desc")).ids).toEqual([4, 2, 3, 1]);
  });

  it("returns 400 for a field that does not exist", async () => {
    const res = await listApp(many(1))("_sort=nope");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_QUERY", details: { fields: { _sort: "unknown field nope" } } });
  });

  it("returns 400 for an _order other than asc or desc", async () => {
    const res = await listApp(many(1))("_sort=id&_order=sideways");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_QUERY", details: { fields: { _order: expect.any(String) } } });
  });
});

describe("field filters", () => {
  it("filters by equality, coercing the value to the column's type", async () => {
    const list = listApp([{}, { isPlatform: true }, {}]);
    expect((await list("isPlatform=true")).ids).toEqual([2]);
    expect((await list("isPlatform=0")).ids).toEqual([1, 3]);
    expect((await list("id=2")).ids).toEqual([2]);
  });

  it("returns many for a repeated filter (id=1&id=3)", async () => {
    const res = await listApp(many(4))("id=1&id=3");
    expect(res.ids).toEqual([1, 3]);
    expect(res.total).toBe("2");
  });

  it("supports _ne, _gte and _lte", async () => {
    const list = listApp(many(5));
    expect((await list("id_ne=2")).ids).toEqual([1, 3, 4, 5]);
    expect((await list("id_gte=2&id_lte=4")).ids).toEqual([2, 3, 4]);
  });

  it("compares timestamps given as ISO dates or epoch milliseconds", async () => {
    const list = listApp(many(4));
    expect((await list("createdAt_gte=2026-01-03T00:00:00.000Z")).ids).toEqual([3, 4]);
    expect((await list(`createdAt_lte=${Date.UTC(2026, 0, 2)}`)).ids).toEqual([1, 2]);
  });

  it("matches _like case-insensitively anywhere in the text", async () => {
    const list = listApp([{ name: "Digital Select" }, { name: "Fresh Fruit" }, { name: "digital depot" }]);
    expect((await list("name_like=DIGITAL")).ids).toEqual([1, 3]);
  });

  it("treats % and _ in a _like value literally", async () => {
    const list = listApp([{ name: "100% Juice" }, { name: "1000 Juice" }, { name: "a_b" }, { name: "axb" }]);
    expect((await list("name_like=100%25")).ids).toEqual([1]);
    expect((await list("name_like=a_b")).ids).toEqual([3]);
  });

  it("combines filters with AND", async () => {
    const list = listApp([{ status: "active", isPlatform: true }, { status: "active" }, { status: "suspended", isPlatform: true }]);
    expect((await list("status=active&isPlatform=true")).ids).toEqual([1]);
  });

  it.each([
    ["nope=1", "nope"],
    ["nope_like=x", "nope_like"],
    ["id=abc", "id"],
    ["id=", "id"],
    ["id=1&id=abc", "id"],
    ["isPlatform=maybe", "isPlatform"],
    ["createdAt_gte=not-a-date", "createdAt_gte"],
    ["constructor=1", "constructor"],
    ["__proto__=1", "__proto__"],
    ["toString_like=x", "toString_like"],
    ["_sort=constructor", "_sort"],
  ])("returns 400 INVALID_QUERY for %s", async (query, field) => {
    const res = await listApp(many(2))(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
    expect(Object.keys(res.body.details.fields)).toEqual([field]);
  });
});

describe("full-text q", () => {
  it("searches every search column and counts only the matches", async () => {
    const list = listApp([{ name: "Digital Select" }, { name: "Fresh", contactName: "Digital Dan" }, { name: "Topup" }]);
    const res = await list("q=digital");
    expect(res.ids).toEqual([1, 2]);
    expect(res.total).toBe("2");
  });

  it("combines q with field filters and paging", async () => {
    const list = listApp([{ name: "Shop A" }, { name: "Shop B", status: "suspended" }, { name: "Shop C" }, { name: "Other" }]);
    const res = await list("q=shop&status=active&_start=1&_end=2");
    expect(res.ids).toEqual([3]);
    expect(res.total).toBe("2");
  });

  it("treats an empty q as no search", async () => {
    expect((await listApp(many(2))("q=")).ids).toEqual([1, 2]);
  });
});

describe("withoutFields", () => {
  it("removes fields from filters, sorting and q, without touching the original spec", async () => {
    const spec = specFor(suppliers, { search: [suppliers.name, suppliers.contactName] });
    const narrowed = withoutFields(spec, ["contactName"]);
    expect(Object.keys(narrowed.fields)).not.toContain("contactName");
    expect(narrowed.search).toEqual([suppliers.name]);
    expect(Object.keys(spec.fields)).toContain("contactName");
    expect(spec.search).toHaveLength(2);
  });
});

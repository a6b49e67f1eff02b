import type { Context } from "hono";
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { badRequest } from "./errors";

/**
 * Refine's REST conventions (@refinedev/simple-rest): `_start`, `_end`, `_sort`, `_order`,
 * `field=value`, `field_ne`, `field_gte`, `field_lte`, `field_like`, `q`, and `id=1&id=2` for many.
 */
export interface ListSpec {
  /** API field name -> column; defaults to every column of `table`. */
  fields: Record<string, SQLiteColumn>;
  /** Columns searched by `q`. */
  search?: SQLiteColumn[];
  defaultSort?: { field: string; order: "asc" | "desc" };
  /** Query parameters that the handler reads itself (not filters). */
  reserved?: string[];
}

export interface ListQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

export const MAX_PAGE = 1000;
const OPERATORS = ["_ne", "_gte", "_lte", "_like"] as const;

export function specFor(table: SQLiteTable, extra: Partial<ListSpec> = {}): ListSpec {
  // A copy: callers remove fields (e.g. passwordHash) without touching the table definition.
  return { fields: { ...getTableColumns(table) } as Record<string, SQLiteColumn>, ...extra };
}

/** A copy of a spec without some fields: they can then be neither filtered, searched on, nor sorted by. */
export function withoutFields(spec: ListSpec, names: string[]): ListSpec {
  const fields = { ...spec.fields };
  for (const n of names) delete fields[n];
  const dropped = new Set(names.map((n) => spec.fields[n]));
  return { ...spec, fields, search: spec.search?.filter((col) => !dropped.has(col)) };
}

/** The column behind an API field name; own keys only, so `?constructor=1` is an unknown filter, not Object's. */
function columnOf(spec: ListSpec, name: string): SQLiteColumn | undefined {
  return Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
}

function coerce(column: SQLiteColumn, field: string, raw: string): unknown {
  switch (column.columnType) {
    case "SQLiteInteger":
    case "SQLiteReal":
    case "SQLiteNumericNumber": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw badRequest("INVALID_QUERY", `${field} must be a number`, { fields: { [field]: "must be a number" } });
      return n;
    }
    case "SQLiteBoolean":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw badRequest("INVALID_QUERY", `${field} must be true or false`, { fields: { [field]: "must be true or false" } });
    case "SQLiteTimestamp": {
      const d = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
      if (Number.isNaN(d.getTime())) throw badRequest("INVALID_QUERY", `${field} must be a date`, { fields: { [field]: "must be an ISO date" } });
      return d;
    }
    default:
      return raw;
  }
}

function intParam(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest("INVALID_QUERY", `${name} must be a non-negative integer`, { fields: { [name]: "must be a non-negative integer" } });
  return n;
}

export function parseListQuery(c: Context, spec: ListSpec): ListQuery {
  const queries = c.req.queries() ?? {};
  const conditions: SQL[] = [];
  const reserved = new Set(["_start", "_end", "_sort", "_order", "q", ...(spec.reserved ?? [])]);

  for (const [key, values] of Object.entries(queries)) {
    if (reserved.has(key)) continue;
    let field = key;
    let op = "";
    for (const o of OPERATORS) {
      if (key.endsWith(o) && columnOf(spec, key.slice(0, -o.length))) {
        field = key.slice(0, -o.length);
        op = o;
      }
    }
    const column = columnOf(spec, field);
    if (!column)
      throw badRequest("INVALID_QUERY", `Unknown filter ${key}`, { fields: { [key]: `unknown filter; allowed: ${Object.keys(spec.fields).join(", ")}` } });
    const vals = values.map((v) => (op === "_like" ? v : coerce(column, key, v)));
    if (op === "") conditions.push(vals.length > 1 ? inArray(column, vals) : eq(column, vals[0]));
    else if (op === "_ne") conditions.push(ne(column, vals[0]));
    else if (op === "_gte") conditions.push(gte(column, vals[0]));
    else if (op === "_lte") conditions.push(lte(column, vals[0]));
    else if (op === "_like") conditions.push(likeEscaped(column, String(vals[0])));
  }

  const q = c.req.query("q");
  if (q && spec.search?.length) {
    conditions.push(or(...spec.search.map((col) => likeEscaped(col, q)))!);
  }

  const orderBy: SQL[] = [];
  const sortFields = (c.req.query("_sort") ?? "").split(",").filter(Boolean);
  const orders = (c.req.query("_order") ?? "").split(",");
  for (const o of orders)
    if (o !== "" && !["asc", "desc"].includes(o.toLowerCase()))
      throw badRequest("INVALID_QUERY", `Cannot order ${o}`, { fields: { _order: "must be asc or desc" } });
  sortFields.forEach((f, i) => {
    const column = columnOf(spec, f);
    if (!column) throw badRequest("INVALID_QUERY", `Cannot sort by ${f}`, { fields: { _sort: `unknown field ${f}` } });
    orderBy.push(orders[i]?.toLowerCase() === "desc" ? desc(column) : asc(column));
  });
  if (orderBy.length === 0 && spec.defaultSort) {
    const column = spec.fields[spec.defaultSort.field];
    orderBy.push(spec.defaultSort.order === "desc" ? desc(column) : asc(column));
  }

  const start = intParam("_start", c.req.query("_start"), 0);
  const end = intParam("_end", c.req.query("_end"), start + MAX_PAGE);
  if (end < start) throw badRequest("INVALID_QUERY", "_end must not be less than _start", { fields: { _end: "must be >= _start" } });
  return { where: conditions.length ? and(...conditions) : undefined, orderBy, offset: start, limit: Math.min(end - start, MAX_PAGE) };
}

/** Case-insensitive "contains" that treats % and _ in the user's text literally. */
function likeEscaped(column: SQLiteColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (m) => "\\" + m)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** Combines a parsed list query with a scope filter (e.g. a supplier's own rows). */
export function withScope(where: SQL | undefined, scope: SQL | undefined): SQL | undefined {
  if (!scope) return where;
  return where ? and(where, scope) : scope;
}

export function sendList<T>(c: Context, rows: T[], total: number) {
  c.header("X-Total-Count", String(total));
  c.header("Access-Control-Expose-Headers", "X-Total-Count");
  return c.json(rows as never, 200);
}

/** One page of a table (optionally scoped) and the total, for handlers that shape the rows in bulk. */
export function listRows<T extends SQLiteTable>(c: Context, db: DbOrTx, table: T, spec: ListSpec, scope?: SQL): { rows: T["$inferSelect"][]; total: number } {
  const q = parseListQuery(c, spec);
  const where = withScope(q.where, scope);
  const rows = db
    .select()
    .from(table as SQLiteTable)
    .where(where)
    .orderBy(...q.orderBy)
    .limit(q.limit)
    .offset(q.offset)
    .all() as T["$inferSelect"][];
  const [{ n }] = db.select({ n: count() }).from(table as SQLiteTable).where(where).all();
  return { rows, total: n };
}

/** The common case: one table, optionally scoped, optionally mapped row by row before sending. */
export function listTable<T extends SQLiteTable, R>(
  c: Context,
  db: DbOrTx,
  table: T,
  spec: ListSpec,
  scope?: SQL,
  map?: (row: T["$inferSelect"]) => R,
) {
  const { rows, total } = listRows(c, db, table, spec, scope);
  return sendList<unknown>(c, map ? rows.map(map) : rows, total);
}

import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { couponCodes, importJobs, products } from "../../../db/schema";
import type { SecretBox } from "../../lib/secret-box";
import { writeTx } from "../../lib/tx";

/** Codes written per transaction: the write lock is held for one chunk, then redemptions get their turn. */
export const IMPORT_CHUNK = 500;
/** Row problems kept on the job (the counts are always complete). */
export const MAX_ERRORS_KEPT = 200;
export const MAX_CODE_LENGTH = 128;
/** The purpose under which code hashes are keyed (SecretBox.mac). */
export const CODE_MAC_PURPOSE = "coupon-code";

export interface CodeRow {
  /** The line number in the file (1 is the first line), as the operator's editor shows it. */
  row: number;
  code: string;
}
export interface RowError {
  row: number;
  message: string;
}
export interface ParsedCodes {
  codes: CodeRow[];
  errors: RowError[];
  /** Non-blank data rows (the header is not one). */
  rows: number;
}

/** The first column of a CSV line: quoted ("a ""b""") or up to the first comma. */
function firstCell(line: string): string {
  const s = line.trim();
  if (!s.startsWith('"')) return s.split(",")[0].trim();
  let out = "";
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '"') {
      if (s[i + 1] === '"') {
        out += '"';
        i++;
      } else break;
    } else out += s[i];
  }
  return out.trim();
}

/**
 * One code per line, an optional header "code" on the first line, extra columns ignored. Blank lines
 * are skipped; too long, control characters and duplicates within the file are row errors. Messages
 * never repeat the code itself: job errors are stored and shown, codes are secrets.
 */
export function parseCodeCsv(csv: string): ParsedCodes {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const codes: CodeRow[] = [];
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  let rows = 0;
  let headerChecked = false;
  lines.forEach((line, index) => {
    const code = firstCell(line);
    if (!code) return;
    const row = index + 1;
    if (!headerChecked) {
      headerChecked = true;
      if (code.toLowerCase() === "code") return;
    }
    rows++;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(code)) errors.push({ row, message: "contains control characters" });
    else if (code.length > MAX_CODE_LENGTH) errors.push({ row, message: `longer than ${MAX_CODE_LENGTH} characters` });
    else if (firstRow.has(code)) errors.push({ row, message: `duplicate of row ${firstRow.get(code)}` });
    else {
      firstRow.set(code, row);
      codes.push({ row, code });
    }
  });
  return { codes, errors, rows };
}

/** A coupon product's stock is its available codes: set it from the pool (inside the caller's transaction). */
export function syncCouponStock(tx: DbOrTx, productId: number): number {
  const row = tx
    .update(products)
    .set({ stock: sql`(select count(*) from ${couponCodes} where ${couponCodes.productId} = ${productId} and ${couponCodes.status} = 'available')` })
    .where(eq(products.id, productId))
    .returning({ stock: products.stock })
    .get();
  return row?.stock ?? 0;
}

export function codeStats(db: DbOrTx, productId: number): { available: number; assigned: number } {
  const rows = db
    .select({ status: couponCodes.status, n: count() })
    .from(couponCodes)
    .where(eq(couponCodes.productId, productId))
    .groupBy(couponCodes.status)
    .all();
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { available: of("available"), assigned: of("assigned") };
}

/** Seals and inserts codes not already in the product's pool; returns the rows refused as duplicates. */
export function addCodes(tx: DbOrTx, box: SecretBox, productId: number, importId: number | null, codes: readonly CodeRow[], now: Date): RowError[] {
  if (codes.length === 0) return [];
  const hashed = codes.map((c) => ({ ...c, hash: box.mac(CODE_MAC_PURPOSE, c.code) }));
  const existing = new Set(
    tx
      .select({ hash: couponCodes.codeHash })
      .from(couponCodes)
      .where(and(eq(couponCodes.productId, productId), inArray(couponCodes.codeHash, hashed.map((h) => h.hash))))
      .all()
      .map((r) => r.hash),
  );
  const fresh = hashed.filter((h) => !existing.has(h.hash));
  if (fresh.length)
    tx.insert(couponCodes)
      .values(fresh.map((h) => ({ productId, codeEnc: box.seal(h.code), codeHash: h.hash, status: "available" as const, importId, createdAt: now })))
      .run();
  return hashed.filter((h) => existing.has(h.hash)).map((h) => ({ row: h.row, message: "already in the pool" }));
}

export interface ImportDeps {
  db: Db;
  box: SecretBox;
  now: () => Date;
  /** Told about an import that stopped (the job says only that it stopped: errors may quote sealed rows). */
  onError?: (err: unknown) => void;
}

/**
 * Works through a parsed file in chunks of IMPORT_CHUNK, one transaction each, yielding to the event
 * loop between them (outside any transaction) so that the console's progress polls and members'
 * redemptions are served meanwhile. The job row carries the progress; the product's stock follows the
 * pool after every chunk.
 */
export async function runCouponImport(deps: ImportDeps, jobId: number, productId: number, parsed: ParsedCodes): Promise<void> {
  const errors: RowError[] = parsed.errors.slice(0, MAX_ERRORS_KEPT);
  let failed = parsed.errors.length;
  let processed = parsed.errors.length;
  let succeeded = 0;
  const keep = (more: RowError[]) => {
    for (const e of more) if (errors.length < MAX_ERRORS_KEPT) errors.push(e);
  };
  try {
    for (let i = 0; i < parsed.codes.length; i += IMPORT_CHUNK) {
      const chunk = parsed.codes.slice(i, i + IMPORT_CHUNK);
      writeTx(deps.db, (tx) => {
        const refused = addCodes(tx, deps.box, productId, jobId, chunk, deps.now());
        syncCouponStock(tx, productId);
        keep(refused);
        failed += refused.length;
        succeeded += chunk.length - refused.length;
        processed += chunk.length;
        tx.update(importJobs).set({ processed, succeeded, failed, errors: [...errors].sort((a, b) => a.row - b.row) }).where(eq(importJobs.id, jobId)).run();
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    writeTx(deps.db, (tx) => {
      syncCouponStock(tx, productId);
      tx.update(importJobs)
        .set({ status: "done", processed, succeeded, failed, errors: [...errors].sort((a, b) => a.row - b.row), finishedAt: deps.now() })
        .where(eq(importJobs.id, jobId))
        .run();
    });
  } catch (err) {
    deps.onError?.(err);
    const message = "the import stopped on an unexpected error; the codes imported before it are kept";
    writeTx(deps.db, (tx) => tx.update(importJobs).set({ status: "failed", errors: [...errors, { row: 0, message }], finishedAt: deps.now() }).where(eq(importJobs.id, jobId)).run());
  }
}

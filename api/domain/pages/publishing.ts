import { and, asc, desc, eq, isNotNull, isNull, lte, max } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { auditLog, pages, pageVersions, type PageBlock } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { blockReferenceProblems } from "./blocks";
import { activeTheme } from "./themes";

/**
 * Versions of a page: publishing freezes the draft as a new numbered version. Now: it becomes the
 * published one at once. With a time in the future: it waits (publishAt set, publishedAt null) until
 * the scheduler publishes it. A rollback publishes an earlier version's blocks again as a new version,
 * so the history only grows and always says what members saw when.
 */

export type PageRow = typeof pages.$inferSelect;
export type VersionRow = typeof pageVersions.$inferSelect;
export type VersionState = "live" | "scheduled" | "previous";

export function loadPage(db: DbOrTx, id: number): PageRow {
  const row = db.select().from(pages).where(eq(pages.id, id)).get();
  if (!row) throw notFound("Page", id);
  return row;
}

export function versionState(v: VersionRow, page: Pick<PageRow, "publishedVersionId">): VersionState {
  if (v.id === page.publishedVersionId) return "live";
  return v.publishedAt ? "previous" : "scheduled";
}

export function versionsOf(db: DbOrTx, pageId: number): VersionRow[] {
  return db.select().from(pageVersions).where(eq(pageVersions.pageId, pageId)).orderBy(desc(pageVersions.version)).all();
}

function nextVersion(tx: DbOrTx, pageId: number): number {
  const [{ n }] = tx.select({ n: max(pageVersions.version) }).from(pageVersions).where(eq(pageVersions.pageId, pageId)).all();
  return (n ?? 0) + 1;
}

/** Blocks about to go live must still point at things that exist (a slot or campaign may have gone since the draft was saved). */
export function assertPublishable(tx: DbOrTx, blocks: PageBlock[]) {
  if (blocks.length === 0) throw unprocessable("Add at least one block before publishing", { blocks: "the draft is empty" }, "DRAFT_EMPTY");
  const problems = blockReferenceProblems(tx, blocks);
  if (Object.keys(problems).length) throw unprocessable(`The draft points at things that no longer exist (${Object.values(problems)[0]})`, problems);
}

export function publishDraft(tx: DbOrTx, page: PageRow, input: { note: string; publishAt?: Date | null; by: string; now: Date }): VersionRow {
  assertPublishable(tx, page.draft);
  const scheduled = input.publishAt && input.publishAt.getTime() > input.now.getTime() ? input.publishAt : null;
  const version = tx
    .insert(pageVersions)
    .values({
      pageId: page.id,
      version: nextVersion(tx, page.id),
      blocks: page.draft,
      note: input.note,
      createdBy: input.by,
      publishAt: scheduled,
      publishedAt: scheduled ? null : input.now,
      createdAt: input.now,
    })
    .returning()
    .get();
  if (!scheduled) tx.update(pages).set({ publishedVersionId: version.id, updatedAt: input.now }).where(eq(pages.id, page.id)).run();
  return version;
}

/** Publishes an earlier version again (as a new version), and makes it the draft too, so the editor shows what members see. */
export function rollBackTo(tx: DbOrTx, page: PageRow, versionId: number, input: { note?: string; by: string; now: Date }): VersionRow {
  const target = tx.select().from(pageVersions).where(and(eq(pageVersions.id, versionId), eq(pageVersions.pageId, page.id))).get();
  if (!target) throw notFound("Version", versionId);
  if (!target.publishedAt) throw conflict("VERSION_NEVER_PUBLISHED", `Version ${target.version} has never been published; publish it on schedule or cancel it`);
  if (target.id === page.publishedVersionId) throw conflict("VERSION_IS_LIVE", `Version ${target.version} is what members see already`);
  const version = tx
    .insert(pageVersions)
    .values({
      pageId: page.id,
      version: nextVersion(tx, page.id),
      blocks: target.blocks,
      note: input.note?.trim() || `Rolled back to v${target.version}`,
      createdBy: input.by,
      publishedAt: input.now,
      createdAt: input.now,
    })
    .returning()
    .get();
  tx.update(pages).set({ publishedVersionId: version.id, draft: target.blocks, updatedAt: input.now }).where(eq(pages.id, page.id)).run();
  return version;
}

/** Cancels a scheduled publish that has not happened yet. */
export function cancelScheduled(tx: DbOrTx, page: PageRow, versionId: number): VersionRow {
  const v = tx.select().from(pageVersions).where(and(eq(pageVersions.id, versionId), eq(pageVersions.pageId, page.id))).get();
  if (!v) throw notFound("Version", versionId);
  if (v.publishedAt || !v.publishAt) throw conflict("NOT_SCHEDULED", `Version ${v.version} is not waiting to be published`);
  tx.delete(pageVersions).where(eq(pageVersions.id, v.id)).run();
  return v;
}

/** The next scheduled publish of a page, if any. */
export function nextScheduled(db: DbOrTx, pageId: number): VersionRow | undefined {
  return db
    .select()
    .from(pageVersions)
    .where(and(eq(pageVersions.pageId, pageId), isNotNull(pageVersions.publishAt), isNull(pageVersions.publishedAt)))
    .orderBy(asc(pageVersions.publishAt))
    .get();
}

/**
 * Publishes every scheduled version that is due, oldest first (so of two due versions of one page the
 * later one ends up live), each with an audit entry by the scheduler. Answers what it published.
 */
export function publishDue(tx: DbOrTx, now: Date): VersionRow[] {
  const due = tx
    .select()
    .from(pageVersions)
    .where(and(isNotNull(pageVersions.publishAt), isNull(pageVersions.publishedAt), lte(pageVersions.publishAt, now)))
    .orderBy(asc(pageVersions.publishAt), asc(pageVersions.version))
    .all();
  for (const v of due) {
    tx.update(pageVersions).set({ publishedAt: now }).where(eq(pageVersions.id, v.id)).run();
    const before = tx.select({ publishedVersionId: pages.publishedVersionId }).from(pages).where(eq(pages.id, v.pageId)).get();
    tx.update(pages).set({ publishedVersionId: v.id, updatedAt: now }).where(eq(pages.id, v.pageId)).run();
    tx.insert(auditLog)
      .values({
        createdAt: now,
        actorName: "scheduler",
        actorRole: "system",
        action: "publish",
        resource: "pages",
        resourceId: String(v.pageId),
        before: { publishedVersionId: before?.publishedVersionId ?? null },
        after: { publishedVersionId: v.id, version: v.version, scheduledBy: v.createdBy, publishAt: v.publishAt!.toISOString() },
      })
      .run();
  }
  return due;
}

/**
 * The scheduler's job: due scheduled publishes, and a festival theme switching on or off. Either
 * drops the storefront's cached pages so members see the change within one tick.
 */
export function runPageSchedule(ctx: Pick<AppContext, "db" | "clock" | "pageCache">) {
  const now = ctx.clock.now();
  const published = writeTx(ctx.db, (tx) => publishDue(tx, now));
  if (published.length) ctx.pageCache.invalidate();
  const themeSwitched = ctx.pageCache.noteTheme(activeTheme(ctx.db, now).theme.id);
  return { published: published.length, themeSwitched };
}

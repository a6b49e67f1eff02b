import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { pages, pageVersions, type PageBlock } from "../../../db/schema";
import type { AppContext } from "../../context";
import { blockReferenceProblems, linksToPage, normalizeBlocks, pagesUsing } from "../../domain/pages/blocks";
import { cancelScheduled, loadPage, nextScheduled, publishDraft, rollBackTo, versionState, versionsOf, type PageRow, type VersionRow } from "../../domain/pages/publishing";
import { buildPreview } from "../../domain/pages/resolve";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { cancelVersion, createPage, deletePage, getPage, listPages, previewBlocks, previewPage, publishPage, rollbackPage, updatePage } from "./pages.routes";

const sameBlocks = (a: PageBlock[], b: PageBlock[] | undefined) => b !== undefined && JSON.stringify(a) === JSON.stringify(b);

function versionDto(v: VersionRow, page: PageRow) {
  return {
    id: v.id,
    version: v.version,
    note: v.note,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    publishAt: v.publishAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    state: versionState(v, page),
    blockCount: v.blocks.length,
  };
}

/** List rows: the live and next scheduled version of each page on the list, in two queries. */
function summaries(db: DbOrTx, rows: PageRow[]) {
  const ids = rows.map((r) => r.id);
  const live = new Map(
    ids.length
      ? db
          .select()
          .from(pageVersions)
          .where(inArray(pageVersions.id, rows.flatMap((r) => (r.publishedVersionId ? [r.publishedVersionId] : []))))
          .all()
          .map((v) => [v.pageId, v])
      : [],
  );
  const scheduled = new Map<number, Date>();
  if (ids.length)
    for (const v of db
      .select({ pageId: pageVersions.pageId, publishAt: pageVersions.publishAt })
      .from(pageVersions)
      .where(and(inArray(pageVersions.pageId, ids), isNotNull(pageVersions.publishAt), isNull(pageVersions.publishedAt)))
      .all())
      if (!scheduled.has(v.pageId) || v.publishAt! < scheduled.get(v.pageId)!) scheduled.set(v.pageId, v.publishAt!);
  return rows.map((p) => {
    const v = live.get(p.id);
    return {
      id: p.id,
      path: p.path,
      title: p.title,
      status: p.status,
      publishedVersionId: p.publishedVersionId,
      publishedVersion: v?.version ?? null,
      publishedAt: v?.publishedAt?.toISOString() ?? null,
      scheduledAt: scheduled.get(p.id)?.toISOString() ?? null,
      blockCount: p.draft.length,
      hasUnpublishedChanges: !sameBlocks(p.draft, v?.blocks),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

function detail(db: DbOrTx, page: PageRow) {
  const versions = versionsOf(db, page.id);
  const live = versions.find((v) => v.id === page.publishedVersionId);
  const [summary] = summaries(db, [page]);
  return { ...summary, hasUnpublishedChanges: !sameBlocks(page.draft, live?.blocks), scheduledAt: nextScheduled(db, page.id)?.publishAt?.toISOString() ?? null, draft: page.draft as unknown[], versions: versions.map((v) => versionDto(v, page)) };
}

/** Validated blocks in their stored form, or a 422 naming each field that points at nothing. */
function checkedBlocks(db: DbOrTx, parsed: Parameters<typeof normalizeBlocks>[0]): PageBlock[] {
  const blocks = normalizeBlocks(parsed);
  const problems = blockReferenceProblems(db, blocks);
  if (Object.keys(problems).length) throw unprocessable(`Invalid block (${Object.entries(problems)[0].join(": ")})`, problems);
  return blocks;
}

const spec = specFor(pages, { search: [pages.path, pages.title], defaultSort: { field: "id", order: "asc" }, reserved: [] });
delete spec.fields.draft;

export function pagesRouter(ctx: AppContext) {
  const router = newRouter();
  /** After a change members may see: the storefront's cached pages are rebuilt on the next request. */
  const changed = <T>(fn: () => T): T => {
    const out = fn();
    ctx.pageCache.invalidate();
    return out;
  };

  router.openapi(listPages, (c) => {
    const { rows, total } = listRows(c, ctx.db, pages, spec);
    return sendList(c, summaries(ctx.db, rows), total);
  });

  router.openapi(getPage, (c) => c.json(detail(ctx.db, loadPage(ctx.db, c.req.valid("param").id)), 200));

  router.openapi(createPage, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const page = writeTx(ctx.db, (tx) => {
      if (tx.select({ id: pages.id }).from(pages).where(eq(pages.path, body.path)).get())
        throw conflict("PATH_TAKEN", `A page already lives at ${body.path}`, { fields: { path: "taken by another page" } });
      const draft = checkedBlocks(tx, body.blocks ?? []);
      const created = tx.insert(pages).values({ path: body.path, title: body.title, draft, createdAt: now, updatedAt: now }).returning().get();
      audit(tx, c, now, { action: "create", resource: "pages", resourceId: created.id, after: created });
      return created;
    });
    return c.json(detail(ctx.db, page), 201);
  });

  router.openapi(updatePage, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const page = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadPage(tx, id);
        if (body.status === "archived" && before.path === "/") throw conflict("HOME_PAGE", "The home page cannot be archived: publish a different draft instead");
        const patch: Partial<PageRow> = { updatedAt: now };
        if (body.title) patch.title = body.title;
        if (body.status) patch.status = body.status;
        if (body.blocks) patch.draft = checkedBlocks(tx, body.blocks);
        const after = tx.update(pages).set(patch).where(eq(pages.id, id)).returning().get();
        audit(tx, c, now, { action: body.blocks ? "save-draft" : "update", resource: "pages", resourceId: id, before, after });
        return after;
      }),
    );
    return c.json(detail(ctx.db, page), 200);
  });

  router.openapi(deletePage, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadPage(tx, id);
        if (before.path === "/") throw conflict("HOME_PAGE", "The home page cannot be deleted");
        const linking = pagesUsing(tx, linksToPage(before.path), id);
        if (linking.length) throw conflict("PAGE_IN_USE", `Other pages link here (${linking.join(", ")}): change those links first`, { pages: linking });
        tx.delete(pages).where(eq(pages.id, id)).run();
        audit(tx, c, now, { action: "delete", resource: "pages", resourceId: id, before });
      }),
    );
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(publishPage, (c) => {
    const { id } = c.req.valid("param");
    const { note, publishAt } = c.req.valid("json");
    const now = ctx.clock.now();
    const page = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadPage(tx, id);
        const version = publishDraft(tx, before, { note, publishAt: publishAt ? new Date(publishAt) : null, by: c.get("staff")!.username, now });
        const scheduled = !version.publishedAt;
        audit(tx, c, now, {
          action: scheduled ? "schedule-publish" : "publish",
          resource: "pages",
          resourceId: id,
          before: { publishedVersionId: before.publishedVersionId },
          after: { versionId: version.id, version: version.version, note, publishAt: version.publishAt, blocks: version.blocks },
        });
        return loadPage(tx, id);
      }),
    );
    return c.json(detail(ctx.db, page), 200);
  });

  router.openapi(rollbackPage, (c) => {
    const { id } = c.req.valid("param");
    const { versionId, note } = c.req.valid("json");
    const now = ctx.clock.now();
    const page = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadPage(tx, id);
        const version = rollBackTo(tx, before, versionId, { note, by: c.get("staff")!.username, now });
        audit(tx, c, now, { action: "rollback", resource: "pages", resourceId: id, before: { publishedVersionId: before.publishedVersionId }, after: { versionId: version.id, version: version.version, from: versionId } });
        return loadPage(tx, id);
      }),
    );
    return c.json(detail(ctx.db, page), 200);
  });

  router.openapi(cancelVersion, (c) => {
    const { id, versionId } = c.req.valid("param");
    const now = ctx.clock.now();
    const page = writeTx(ctx.db, (tx) => {
      const page = loadPage(tx, id);
      const cancelled = cancelScheduled(tx, page, versionId);
      audit(tx, c, now, { action: "cancel-publish", resource: "pages", resourceId: id, before: { versionId: cancelled.id, version: cancelled.version, publishAt: cancelled.publishAt } });
      return page;
    });
    return c.json(detail(ctx.db, page), 200);
  });

  router.openapi(previewPage, (c) => {
    const { id } = c.req.valid("param");
    const { versionId } = c.req.valid("query");
    const page = loadPage(ctx.db, id);
    if (versionId === undefined) return c.json(buildPreview(ctx.db, { path: page.path, title: page.title }, page.draft, ctx.clock.now()), 200);
    const v = ctx.db.select().from(pageVersions).where(and(eq(pageVersions.id, versionId), eq(pageVersions.pageId, id))).get();
    if (!v) throw notFound("Version", versionId);
    return c.json(buildPreview(ctx.db, { path: page.path, title: page.title, version: v.version, publishedAt: v.publishedAt }, v.blocks, ctx.clock.now()), 200);
  });

  router.openapi(previewBlocks, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const page = loadPage(ctx.db, id);
    const blocks = checkedBlocks(ctx.db, body.blocks);
    const title = body.title && (body.title["zh-CN"] || body.title["en-US"]) ? body.title : page.title;
    return c.json(buildPreview(ctx.db, { path: page.path, title }, blocks, ctx.clock.now()), 200);
  });

  return router;
}

import { useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { CanAccess, useCan, useInvalidate, useOne, useTranslate, useWarnAboutChange } from "@refinedev/core";
import { Edit } from "@refinedev/antd";
import { Alert, App, Badge, Button, Card, Col, Grid, Input, Result, Row, Space, Tag, Tooltip, Typography } from "antd";
import { CloudUploadOutlined, ClockCircleOutlined, EyeOutlined, HistoryOutlined, HomeOutlined, SaveOutlined } from "@ant-design/icons";
import { API_URL, http } from "../../providers/http";
import { formatTime } from "../../providers/preferences";
import { useLocalText } from "../../components/catalog/product-bits";
import { BLOCK_META } from "../../components/storefront/block-meta";
import { BlockList } from "../../components/storefront/block-list";
import { blocksBody, moveItem, newBlock, problemsByBlock, sameBlocks, type BlockProblems } from "../../components/storefront/blocks";
import { PhonePreview } from "../../components/storefront/phone-preview";
import { apiProblem, localizeProblem } from "../../components/storefront/problems";
import { PublishModal, type PublishInput } from "../../components/storefront/publish-modal";
import { VersionsDrawer } from "../../components/storefront/versions-drawer";
import { BLOCK_TYPES, type BlockType, type LocalText, type PageBlock, type PageDetail, type PageVersion, type ResolvedPage } from "../../components/storefront/types";

const MAX_BLOCKS = 50;
/** How long typing pauses before the preview asks the API again. */
const PREVIEW_DEBOUNCE_MS = 300;
const NO_PROBLEMS: BlockProblems = { byBlock: {}, page: {} };
const sameText = (a: LocalText, b: LocalText) => a["zh-CN"] === b["zh-CN"] && a["en-US"] === b["en-US"];

type PreviewState = "loading" | "ok" | "invalid" | "error";

export function PageEditor() {
  const t = useTranslate();
  return (
    <CanAccess resource="pages" action="edit" fallback={<Result status="403" title={t("storefront.editor.noAccess")} />}>
      <PageEditorInner />
    </CanAccess>
  );
}

function PageEditorInner() {
  const t = useTranslate();
  const text = useLocalText();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const pageId = Number(useParams().id);
  const { setWarnWhen } = useWarnAboutChange();
  const can = {
    publish: useCan({ resource: "pages", action: "publish" }).data?.can,
    rollback: useCan({ resource: "pages", action: "rollback" }).data?.can,
    cancel: useCan({ resource: "pages", action: "cancel-publish" }).data?.can,
    preview: useCan({ resource: "pages", action: "preview" }).data?.can,
  };

  const { result: fetched, query } = useOne<PageDetail>({ resource: "pages", id: pageId, errorNotification: false });
  /** The page as the server last answered (versions, live version, schedule). */
  const [detail, setDetail] = useState<PageDetail | null>(null);
  /** What the editor holds (the draft being edited), and what was last saved. */
  const [blocks, setBlocks] = useState<PageBlock[] | null>(null);
  const [title, setTitle] = useState<LocalText>({ "zh-CN": "", "en-US": "" });
  const [saved, setSaved] = useState<{ blocks: PageBlock[]; title: LocalText } | null>(null);
  const [revision, setRevision] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [problems, setProblems] = useState<BlockProblems>(NO_PROBLEMS);
  const [resolved, setResolved] = useState<ResolvedPage | null>(null);
  const [previewState, setPreviewState] = useState<PreviewState>("loading");
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [versionShown, setVersionShown] = useState<{ version: PageVersion; page: ResolvedPage | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionBusy, setVersionBusy] = useState<number | null>(null);

  /** Takes what the server answered as the editor's starting point (first load, after save or rollback). */
  const load = useCallback((d: PageDetail) => {
    setDetail(d);
    setBlocks(d.draft);
    setTitle(d.title);
    setSaved({ blocks: d.draft, title: d.title });
    setRevision((r) => r + 1);
    setProblems(NO_PROBLEMS);
  }, []);

  useEffect(() => {
    if (!fetched) return;
    if (blocks === null) load(fetched);
    else setDetail(fetched);
    // Only the first answer seeds the editor; later refetches refresh the header, never the draft being edited.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetched]);

  const dirty = !!blocks && !!saved && (!sameBlocks(blocks, saved.blocks) || !sameText(title, saved.title));
  useEffect(() => {
    setWarnWhen(dirty);
  }, [dirty, setWarnWhen]);
  useEffect(() => () => setWarnWhen(false), [setWarnWhen]);

  // The live preview: the editor's unsaved blocks, validated and resolved by the API, a moment after each change.
  const previewSeq = useRef(0);
  useEffect(() => {
    if (!blocks) return;
    const seq = ++previewSeq.current;
    setPreviewState("loading");
    const timer = window.setTimeout(async () => {
      const sent = blocksBody(blocks);
      try {
        // Roles without "preview" see the saved draft (GET is a read).
        const { data } = can.preview === false ? await http.get<ResolvedPage>(`${API_URL}/pages/${pageId}/preview`) : await http.post<ResolvedPage>(`${API_URL}/pages/${pageId}/preview`, { blocks: sent, title });
        if (seq !== previewSeq.current) return;
        setResolved(data);
        setProblems(NO_PROBLEMS);
        setPreviewState("ok");
      } catch (e) {
        if (seq !== previewSeq.current) return;
        const p = apiProblem(e);
        if ((e as { statusCode?: number }).statusCode === 422 && Object.keys(p.fields).length) {
          // Not updating the preview: the problems show on the blocks instead.
          setProblems(problemsByBlock(p.fields, sent));
          setPreviewState("invalid");
        } else {
          setPreviewError(p.message);
          setPreviewState("error");
        }
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [blocks, title, pageId, can.preview]);

  const refreshLists = () => void invalidate({ resource: "pages", invalidates: ["list"] });

  const save = async (): Promise<PageDetail | null> => {
    if (!blocks) return null;
    const sent = blocksBody(blocks);
    setSaving(true);
    try {
      const { data } = await http.patch<PageDetail>(`${API_URL}/pages/${pageId}`, { title, blocks: sent });
      load(data);
      refreshLists();
      return data;
    } catch (e) {
      const p = apiProblem(e);
      if (Object.keys(p.fields).length) setProblems(problemsByBlock(p.fields, sent));
      void message.error(Object.keys(p.fields).length ? t("storefront.editor.fixProblems", { message: p.message }) : p.message, 5);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const onSave = async () => {
    if (await save()) void message.success(t("storefront.editor.saved"));
  };

  const publish = async ({ note, publishAt }: PublishInput) => {
    setPublishError(null);
    setPublishing(true);
    try {
      if (dirty && !(await save())) {
        setPublishOpen(false);
        return;
      }
      const { data } = await http.post<PageDetail>(`${API_URL}/pages/${pageId}/publish`, { note, publishAt });
      setDetail(data);
      refreshLists();
      setPublishOpen(false);
      const newest = data.versions[0];
      void message.success(
        newest?.state === "scheduled" ? t("storefront.publish.scheduledDone", { n: newest.version, time: formatTime(newest.publishAt) }) : t("storefront.publish.done", { n: data.publishedVersion }),
      );
    } catch (e) {
      const p = apiProblem(e);
      if (Object.keys(p.fields).length && blocks) setProblems(problemsByBlock(p.fields, blocksBody(blocks)));
      setPublishError(p.code === "DRAFT_EMPTY" ? t("storefront.problems.draftEmpty") : p.message);
    } finally {
      setPublishing(false);
    }
  };

  const rollback = async (v: PageVersion) => {
    setVersionBusy(v.id);
    try {
      const { data } = await http.post<PageDetail>(`${API_URL}/pages/${pageId}/rollback`, { versionId: v.id });
      load(data);
      setVersionShown(null);
      // The editor now holds the rolled-back draft: show it.
      setVersionsOpen(false);
      refreshLists();
      void message.success(t("storefront.versions.rolledBack", { n: v.version, live: data.publishedVersion }));
    } catch (e) {
      void message.error(apiProblem(e).message, 5);
    } finally {
      setVersionBusy(null);
    }
  };

  const cancelScheduled = async (v: PageVersion) => {
    setVersionBusy(v.id);
    try {
      const { data } = await http.post<PageDetail>(`${API_URL}/pages/${pageId}/versions/${v.id}/cancel-publish`);
      setDetail(data);
      if (versionShown?.version.id === v.id) setVersionShown(null);
      refreshLists();
      void message.success(t("storefront.versions.cancelled", { n: v.version }));
    } catch (e) {
      void message.error(apiProblem(e).message, 5);
    } finally {
      setVersionBusy(null);
    }
  };

  const showVersion = async (v: PageVersion) => {
    setVersionsOpen(false);
    setVersionShown({ version: v, page: null });
    try {
      const { data } = await http.get<ResolvedPage>(`${API_URL}/pages/${pageId}/preview`, { params: { versionId: v.id } });
      setVersionShown((cur) => (cur?.version.id === v.id ? { version: v, page: data } : cur));
    } catch (e) {
      setVersionShown(null);
      void message.error(apiProblem(e).message);
    }
  };

  const add = (type: BlockType) => {
    if (!blocks) return;
    const block = newBlock(type);
    setBlocks([...blocks, block]);
    setSelected(block.id);
    setVersionShown(null);
    // Bring the new block (and its settings) into view.
    requestAnimationFrame(() => document.querySelector(`[data-block-id="${block.id}"]`)?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
  };

  if (query.isError && !detail)
    return <Result status={(query.error as { statusCode?: number })?.statusCode === 404 ? "404" : "error"} title={(query.error as { message?: string })?.message ?? t("storefront.editor.loadFailed")} />;

  const page = detail;
  const problemCount = Object.values(problems.byBlock).reduce((n, p) => n + Object.keys(p).length, 0) + Object.keys(problems.page).length;
  const wide = !!screens.xl;
  const shown = versionShown ? versionShown.page : resolved;

  const previewNotice =
    versionShown ? (
      <Alert
        type="info"
        showIcon
        message={t("storefront.editor.showingVersion", { n: versionShown.version.version })}
        action={
          <Button size="small" onClick={() => setVersionShown(null)} data-testid="back-to-draft">
            {t("storefront.editor.backToDraft")}
          </Button>
        }
      />
    ) : previewState === "invalid" ? (
      <Alert type="warning" showIcon message={t("storefront.editor.previewStale", { count: problemCount })} data-testid="preview-stale" />
    ) : previewState === "error" ? (
      <Alert type="error" showIcon message={previewError} />
    ) : undefined;

  const palette = (
    <Card size="small" title={t("storefront.editor.palette")} styles={{ body: { padding: 8 } }} data-testid="block-palette">
      <Space direction="vertical" size={4} style={{ width: "100%" }}>
        {BLOCK_TYPES.map((type) => (
          <Tooltip key={type} title={t(`storefront.blocks.${type}.description`)} placement="right">
            <Button
              block
              icon={<span style={{ color: BLOCK_META[type].color }}>{BLOCK_META[type].icon}</span>}
              style={{ justifyContent: "flex-start" }}
              disabled={!blocks || blocks.length >= MAX_BLOCKS}
              onClick={() => add(type)}
              data-testid={`add-block-${type}`}
            >
              {t(`storefront.blocks.${type}.name`)}
            </Button>
          </Tooltip>
        ))}
      </Space>
      {blocks && blocks.length >= MAX_BLOCKS && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("storefront.editor.maxBlocks", { max: MAX_BLOCKS })}
        </Typography.Text>
      )}
    </Card>
  );

  const editor = (
    <Card
      size="small"
      title={
        <Space>
          {t("storefront.editor.blocks")}
          {blocks && <Tag bordered={false}>{blocks.length}</Tag>}
        </Space>
      }
      extra={dirty ? <Badge status="warning" text={t("storefront.editor.unsaved")} data-testid="unsaved-badge" /> : <Badge status="success" text={t("storefront.editor.allSaved")} />}
    >
      <Row gutter={12}>
        {(["zh-CN", "en-US"] as const).map((lang) => (
          <Col span={12} key={lang}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("storefront.fields.pageTitle")} · {t(`storefront.lang.${lang}`)}
            </Typography.Text>
            <Input
              value={title[lang]}
              maxLength={60}
              status={problems.page[`title.${lang}`] ? "error" : undefined}
              onChange={(e) => setTitle({ ...title, [lang]: e.target.value })}
              style={{ marginTop: 2, marginBottom: 12 }}
              data-testid={`page-title-${lang}`}
            />
          </Col>
        ))}
      </Row>
      {Object.keys(problems.page).length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <Space direction="vertical" size={0}>
              {Object.entries(problems.page).map(([path, msg]) => (
                <span key={path}>{localizeProblem(msg, t)}</span>
              ))}
            </Space>
          }
          data-testid="page-problems"
        />
      )}
      {blocks && (
        <BlockList
          blocks={blocks}
          selected={selected}
          onSelect={setSelected}
          revision={revision}
          problems={problems.byBlock}
          onChange={(next) => {
            setBlocks(next);
            setVersionShown(null);
          }}
          onMove={(from, to) => {
            setBlocks(moveItem(blocks, from, to));
            setVersionShown(null);
          }}
        />
      )}
    </Card>
  );

  const preview = (
    <div style={{ position: wide ? "sticky" : undefined, top: 80 }}>
      <PhonePreview page={shown} loading={versionShown ? !versionShown.page : previewState === "loading" && !resolved} notice={previewNotice} height={wide ? 680 : 640} />
    </div>
  );

  return (
    <Edit
      isLoading={!page}
      title={
        <Space size={8} wrap>
          <span>{page ? text(title) || page.path : t("storefront.editor.title")}</span>
          {page && (
            <Tag icon={page.path === "/" ? <HomeOutlined /> : undefined} bordered={false} style={{ fontFamily: "ui-monospace, monospace" }}>
              {page.path}
            </Tag>
          )}
        </Space>
      }
      canDelete={false}
      footerButtons={() => null}
      headerButtons={() =>
        page && (
          <Space wrap>
            <Space size={4} wrap data-testid="page-status">
              {page.publishedVersion ? (
                <Tag color="green" bordered={false} data-testid="live-version" data-version={page.publishedVersion}>
                  {t("storefront.pages.liveVersion", { n: page.publishedVersion })}
                </Tag>
              ) : (
                <Tag bordered={false}>{t("storefront.pages.notPublished")}</Tag>
              )}
              {page.hasUnpublishedChanges && !dirty && <Tag color="orange" bordered={false}>{t("storefront.pages.unpublishedChanges")}</Tag>}
              {page.scheduledAt && (
                <Tag color="blue" bordered={false} icon={<ClockCircleOutlined />}>
                  {t("storefront.pages.scheduledAt", { time: formatTime(page.scheduledAt) })}
                </Tag>
              )}
            </Space>
            <Button icon={<EyeOutlined />} href={page.path} target="_blank" disabled={!page.publishedVersion}>
              {t("storefront.editor.openLive")}
            </Button>
            <Badge count={page.versions.length} size="small" color="#8c8c8c">
              <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} data-testid="open-versions">
                {t("storefront.versions.button")}
              </Button>
            </Badge>
            <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={saving && !publishing} disabled={!dirty} data-testid="save-draft">
              {t("storefront.editor.save")}
            </Button>
            {can.publish && (
              <Tooltip title={!dirty && !page.hasUnpublishedChanges ? t("storefront.publish.nothingNew") : undefined}>
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  disabled={!dirty && !page.hasUnpublishedChanges}
                  onClick={() => {
                    setPublishError(null);
                    setPublishOpen(true);
                  }}
                  data-testid="publish"
                >
                  {t("storefront.publish.button")}
                </Button>
              </Tooltip>
            )}
          </Space>
        )
      }
      contentProps={{ styles: { body: { padding: wide ? 16 : 12 } } }}
    >
      {page && (
        <div
          style={{
            display: "grid",
            gridTemplateColumns: wide ? "176px minmax(0, 1fr) 400px" : "176px minmax(0, 1fr)",
            gap: 16,
            alignItems: "start",
          }}
          data-testid="page-editor"
        >
          {palette}
          {editor}
          {wide ? preview : <div style={{ gridColumn: "1 / -1", display: "grid", placeItems: "center" }}>{preview}</div>}
        </div>
      )}
      <PublishModal open={publishOpen} unsaved={dirty} scheduledAt={page?.scheduledAt ?? null} busy={publishing} error={publishError} onCancel={() => setPublishOpen(false)} onPublish={(v) => void publish(v)} />
      <VersionsDrawer
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        versions={page?.versions ?? []}
        previewing={versionShown?.version.id ?? null}
        unsaved={dirty}
        can={{ rollback: can.rollback, cancel: can.cancel }}
        busy={versionBusy}
        onPreview={(v) => void showVersion(v)}
        onRollback={(v) => void rollback(v)}
        onCancel={(v) => void cancelScheduled(v)}
      />
    </Edit>
  );
}

import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { useMany, useTranslate } from "@refinedev/core";
import { Avatar, Button, Empty, Popconfirm, Space, Tag, Tooltip, Typography, theme, type ButtonProps } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, RightOutlined, WarningFilled } from "@ant-design/icons";
import { useLocalText } from "../catalog/product-bits";
import { useCategories } from "../catalog/use-categories";
import { BLOCK_META, blockSummary } from "./block-meta";
import { BlockSettings } from "./block-settings";
import { DragGrip, SortableList } from "./sortable-list";
import type { Campaign } from "../campaigns/types";
import type { PageBlock } from "./types";

interface Props {
  blocks: PageBlock[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  onChange: (blocks: PageBlock[]) => void;
  onMove: (from: number, to: number) => void;
  problems: Record<string, Record<string, string>>;
  /** Bumped when the blocks were reloaded from the server: the open form starts again from them. */
  revision: number;
  disabled?: boolean;
}

/**
 * The page's blocks in order. Drag a block by its grip (mouse, touch, or keyboard: Space, arrows,
 * Space) or use its up/down buttons; open one to edit its settings under it. A block with problems
 * says how many, and its form marks them.
 */
export function BlockList({ blocks, selected, onSelect, onChange, onMove, problems, revision, disabled }: Props) {
  const t = useTranslate();
  const text = useLocalText();
  const { token } = theme.useToken();
  const { byId: categories } = useCategories();
  // Campaign entries are summed up by their campaign's title (when the operator gave none of their own).
  const campaignIds = [...new Set(blocks.flatMap((b) => (b.type === "campaign_entry" && (b as { campaignId?: number }).campaignId ? [(b as { campaignId: number }).campaignId] : [])))];
  const { result: campaignRows } = useMany<Campaign>({ resource: "campaigns", ids: campaignIds, queryOptions: { enabled: campaignIds.length > 0 }, errorNotification: false });
  const campaignTitle = (id: number) => text(campaignRows?.data?.find((c) => c.id === id)?.title);
  const [announcement, setAnnouncement] = useState("");
  // After a move by button, React moves the row's DOM nodes and the focused button loses focus: give it back.
  const refocus = useRef<{ id: string; dir: "up" | "down" } | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const nameOf = useMemo(() => (b: PageBlock, i: number) => t("storefront.editor.blockN", { n: i + 1, type: t(`storefront.blocks.${b.type}.name`) }), [t]);

  useLayoutEffect(() => {
    const want = refocus.current;
    if (!want) return;
    refocus.current = null;
    const row = list.current?.querySelector<HTMLElement>(`[data-block-id="${want.id}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-testid="move-${want.dir}"]:not([disabled])`) ?? row?.querySelector<HTMLButtonElement>(`[data-testid^="move-"]:not([disabled])`);
    button?.focus();
  }, [blocks]);

  const moveBy = (i: number, delta: -1 | 1) => {
    const b = blocks[i];
    refocus.current = { id: b.id, dir: delta < 0 ? "up" : "down" };
    onMove(i, i + delta);
    setAnnouncement(t("storefront.drag.dropped", { name: t(`storefront.blocks.${b.type}.name`), n: i + delta + 1, total: blocks.length }));
  };

  if (blocks.length === 0)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("storefront.editor.noBlocks")} style={{ padding: "32px 0" }} data-testid="no-blocks" />
    );

  return (
    <div ref={list} style={{ display: "grid", gap: 8 }} data-testid="block-list">
      <div aria-live="polite" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
        {announcement}
      </div>
      <SortableList
        items={blocks}
        idOf={(b) => b.id}
        nameOf={nameOf}
        onMove={onMove}
        disabled={disabled}
        renderItem={(b, i, handle) => {
          const open = selected === b.id;
          const mine = problems[b.id];
          const count = mine ? Object.keys(mine).length : 0;
          const meta = BLOCK_META[b.type];
          const name = t(`storefront.blocks.${b.type}.name`);
          return (
            <div
              data-testid={`block-${i}`}
              data-block-id={b.id}
              data-block-type={b.type}
              data-problems={count}
              style={{
                // Problems are red; the open block is raised with an accent on its edge (the brand colour is red too).
                border: `1px solid ${count ? token.colorError : open ? token.colorBorder : token.colorBorderSecondary}`,
                borderInlineStart: `3px solid ${count ? token.colorError : open ? token.colorText : "transparent"}`,
                borderRadius: token.borderRadiusLG,
                background: token.colorBgContainer,
                boxShadow: handle.isDragging || open ? token.boxShadowTertiary : undefined,
              }}
            >
              <div style={{ display: "flex", alignItems: "center", gap: 8, padding: "8px 10px" }}>
                <DragGrip handle={handle} label={t("storefront.drag.handle", { name: nameOf(b, i) })} disabled={disabled} />
                <Avatar shape="square" size={32} icon={meta.icon} style={{ background: meta.color, flex: "none" }} />
                <button
                  type="button"
                  onClick={() => onSelect(open ? null : b.id)}
                  aria-expanded={open}
                  style={{ flex: 1, minWidth: 0, textAlign: "start", border: 0, background: "none", padding: 0, cursor: "pointer", color: "inherit", font: "inherit" }}
                  data-testid="block-toggle"
                >
                  <Space size={6}>
                    <Typography.Text type="secondary" style={{ fontVariantNumeric: "tabular-nums" }}>
                      {i + 1}.
                    </Typography.Text>
                    <Typography.Text strong>{name}</Typography.Text>
                    {open ? <DownOutlined style={{ fontSize: 10, opacity: 0.5 }} /> : <RightOutlined style={{ fontSize: 10, opacity: 0.5 }} />}
                  </Space>
                  <Typography.Text type="secondary" ellipsis style={{ display: "block", fontSize: 12 }} data-testid="block-summary">
                    {blockSummary(b, t, text, { category: (id) => text(categories.get(id)?.name), campaign: campaignTitle })}
                  </Typography.Text>
                </button>
                {count > 0 && (
                  <Tag color="error" icon={<WarningFilled />} bordered={false} data-testid="block-problems">
                    {t("storefront.editor.problems", { count })}
                  </Tag>
                )}
                {!disabled && (
                  <Space size={0}>
                    <Tooltip title={t("storefront.editor.moveUp")}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => moveBy(i, -1)} aria-label={t("storefront.editor.moveUpNamed", { name: nameOf(b, i) })} data-testid="move-up" />
                    </Tooltip>
                    <Tooltip title={t("storefront.editor.moveDown")}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === blocks.length - 1}
                        onClick={() => moveBy(i, 1)}
                        aria-label={t("storefront.editor.moveDownNamed", { name: nameOf(b, i) })}
                        data-testid="move-down"
                      />
                    </Tooltip>
                    <Popconfirm
                      title={t("storefront.editor.removeTitle", { name: nameOf(b, i) })}
                      description={t("storefront.editor.removeText")}
                      okText={t("storefront.editor.remove")}
                      okButtonProps={{ danger: true, "data-testid": "confirm-remove" } as ButtonProps}
                      cancelText={t("buttons.cancel")}
                      onConfirm={() => {
                        if (open) onSelect(null);
                        onChange(blocks.filter((x) => x.id !== b.id));
                      }}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("storefront.editor.removeNamed", { name: nameOf(b, i) })} data-testid="remove-block" />
                    </Popconfirm>
                  </Space>
                )}
              </div>
              {open && (
                <div style={{ padding: "4px 14px 8px", borderTop: `1px solid ${token.colorBorderSecondary}` }}>
                  <BlockSettings
                    key={`${b.id}:${revision}`}
                    block={b}
                    problems={mine}
                    disabled={disabled}
                    onChange={(next) => onChange(blocks.map((x) => (x.id === b.id ? next : x)))}
                  />
                </div>
              )}
            </div>
          );
        }}
      />
    </div>
  );
}

import { useTranslate } from "@refinedev/core";
import { Button, Drawer, Empty, List, Popconfirm, Space, Tag, Tooltip, Typography, type ButtonProps } from "antd";
import { ClockCircleOutlined, EyeOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { formatTime } from "../../providers/preferences";
import type { PageVersion, VersionState } from "./types";

const STATE_COLOR: Record<VersionState, string> = { live: "green", scheduled: "blue", previous: "default" };

interface Props {
  open: boolean;
  onClose: () => void;
  versions: PageVersion[];
  /** The version shown in the phone now (null: the editor's draft). */
  previewing: number | null;
  unsaved: boolean;
  can: { rollback?: boolean; cancel?: boolean };
  busy: number | null;
  onPreview: (v: PageVersion) => void;
  onRollback: (v: PageVersion) => void;
  onCancel: (v: PageVersion) => void;
}

/** Every published (or waiting) version of the page, newest first: preview one, roll back to one, or cancel a scheduled publish. */
export function VersionsDrawer({ open, onClose, versions, previewing, unsaved, can, busy, onPreview, onRollback, onCancel }: Props) {
  const t = useTranslate();
  return (
    <Drawer open={open} onClose={onClose} title={t("storefront.versions.title")} width={520} data-testid="versions-drawer" destroyOnHidden>
      <Typography.Paragraph type="secondary">{t("storefront.versions.intro")}</Typography.Paragraph>
      {versions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("storefront.versions.empty")} />
      ) : (
        <List
          dataSource={versions}
          renderItem={(v) => (
            <List.Item
              data-testid={`version-${v.version}`}
              data-state={v.state}
              style={{ alignItems: "flex-start", background: previewing === v.id ? "rgba(22,119,255,.06)" : undefined, paddingInline: 8 }}
              actions={[
                <Tooltip key="preview" title={t("storefront.versions.preview")}>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => onPreview(v)} aria-label={t("storefront.versions.previewN", { n: v.version })} data-testid="preview-version" />
                </Tooltip>,
                v.state === "previous" && can.rollback ? (
                  <Popconfirm
                    key="rollback"
                    title={t("storefront.versions.rollbackTitle", { n: v.version })}
                    description={<div style={{ maxWidth: 300 }}>{t(unsaved ? "storefront.versions.rollbackTextUnsaved" : "storefront.versions.rollbackText")}</div>}
                    okText={t("storefront.versions.rollback")}
                    okButtonProps={{ danger: true, "data-testid": "confirm-rollback" } as ButtonProps}
                    cancelText={t("buttons.cancel")}
                    onConfirm={() => onRollback(v)}
                  >
                    <Button size="small" icon={<RollbackOutlined />} loading={busy === v.id} data-testid="rollback">
                      {t("storefront.versions.rollback")}
                    </Button>
                  </Popconfirm>
                ) : null,
                v.state === "scheduled" && can.cancel ? (
                  <Popconfirm
                    key="cancel"
                    title={t("storefront.versions.cancelTitle", { n: v.version })}
                    description={t("storefront.versions.cancelText")}
                    okText={t("storefront.versions.cancel")}
                    okButtonProps={{ danger: true } as ButtonProps}
                    cancelText={t("buttons.cancel")}
                    onConfirm={() => onCancel(v)}
                  >
                    <Button size="small" danger icon={<StopOutlined />} loading={busy === v.id} data-testid="cancel-scheduled">
                      {t("storefront.versions.cancel")}
                    </Button>
                  </Popconfirm>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Typography.Text strong>{t("storefront.versions.vN", { n: v.version })}</Typography.Text>
                    <Tag color={STATE_COLOR[v.state]} bordered={false} icon={v.state === "scheduled" ? <ClockCircleOutlined /> : undefined}>
                      {t(`storefront.versions.states.${v.state}`)}
                    </Tag>
                    {previewing === v.id && <Tag color="processing">{t("storefront.versions.inPreview")}</Tag>}
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    {v.note && <Typography.Text>{v.note}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v.state === "scheduled" && v.publishAt
                        ? t("storefront.versions.scheduledFor", { time: formatTime(v.publishAt), rel: dayjs(v.publishAt).fromNow() })
                        : t("storefront.versions.publishedAt", { time: formatTime(v.publishedAt) })}
                      {" · "}
                      {t("storefront.versions.by", { name: v.createdBy })}
                      {" · "}
                      {t("storefront.versions.blocks", { count: v.blockCount })}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

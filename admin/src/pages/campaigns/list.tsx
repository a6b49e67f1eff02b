import { CreateButton, EditButton, List, ShowButton, useTable } from "@refinedev/antd";
import { useInvalidate, useNavigation, useTranslate } from "@refinedev/core";
import { Avatar, Empty, Space, Table, Typography } from "antd";
import { ListToolbar } from "../../components/list-toolbar";
import { useLocalText } from "../../components/catalog/product-bits";
import { formatCount } from "../../components/campaigns/money";
import { CampaignStatusTag, TEMPLATE_META, TemplateTag, WindowText } from "../../components/campaigns/template-bits";
import { STATUSES, TEMPLATES, type Campaign } from "../../components/campaigns/types";

export function CampaignList() {
  const t = useTranslate();
  const text = useLocalText();
  const invalidate = useInvalidate();
  const { show } = useNavigation();
  const { tableProps, filters, setFilters } = useTable<Campaign>({ resource: "campaigns", syncWithLocation: true, sorters: { initial: [{ field: "startAt", order: "desc" }] } });
  // When a countdown reaches the start (or the end), the status has changed: ask again.
  const refresh = () => void invalidate({ resource: "campaigns", invalidates: ["list"] });

  return (
    <List headerButtons={<CreateButton>{t("campaigns.newCampaign")}</CreateButton>}>
      <Typography.Paragraph type="secondary">{t("campaigns.intro")}</Typography.Paragraph>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("campaigns.search")}
        selects={[
          { field: "template", placeholder: t("campaigns.fields.template"), options: TEMPLATES.map((tpl) => ({ value: tpl, label: t(`campaigns.templates.${tpl}.name`) })) },
          { field: "status", placeholder: t("campaigns.fields.status"), options: STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) })) },
        ]}
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.empty")} /> }}>
        <Table.Column<Campaign>
          dataIndex="title"
          title={t("campaigns.fields.title")}
          render={(_, c) => (
            <Space>
              <Avatar shape="square" size={40} src={c.image || undefined} icon={TEMPLATE_META[c.template].icon} style={{ background: c.image ? undefined : TEMPLATE_META[c.template].hex, flex: "none" }} />
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => show("campaigns", c.id)} style={{ fontWeight: 500 }} data-testid="campaign-title">
                  {text(c.title)}
                </Typography.Link>
                <TemplateTag template={c.template} />
              </Space>
            </Space>
          )}
        />
        <Table.Column<Campaign> dataIndex="status" title={t("campaigns.fields.status")} render={(_, c) => <CampaignStatusTag campaign={c} onChange={refresh} />} />
        <Table.Column<Campaign> dataIndex="startAt" title={t("campaigns.fields.window")} sorter render={(_, c) => <WindowText startAt={c.startAt} endAt={c.endAt} />} />
        <Table.Column<Campaign> dataIndex="entries" title={t("campaigns.fields.entries")} align="right" render={(v: number) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatCount(v)}</span>} />
        <Table.Column<Campaign>
          dataIndex="entryCost"
          title={t("campaigns.fields.entryCost")}
          align="right"
          sorter
          render={(v: number, c) => (c.template === "flash_sale" || c.template === "auction" || c.template === "sign_in" ? <Typography.Text type="secondary">—</Typography.Text> : v > 0 ? formatCount(v) : t("campaigns.free"))}
        />
        <Table.Column<Campaign>
          title={t("table.actions")}
          fixed="right"
          render={(_, c) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={c.id} />
              {c.storedStatus === "draft" && <EditButton hideText size="small" recordItemId={c.id} />}
            </Space>
          )}
        />
      </Table>
    </List>
  );
}

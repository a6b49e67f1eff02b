import { useRef } from "react";
import { List, ShowButton, useTable } from "@refinedev/antd";
import { useTranslate, type CrudFilter } from "@refinedev/core";
import { InputNumber, Space, Table, Tag, Tooltip, Typography } from "antd";
import { ListToolbar } from "../../components/list-toolbar";
import { DateRangeFilter } from "../../components/points/date-range-filter";
import { useMemberPolicy } from "../../components/points/member-policy";
import { formatPoints } from "../../components/points/points-amount";
import { TierTag } from "../../components/points/tier-tag";
import type { Member } from "../../components/points/types";
import { formatTime, usePreferences } from "../../providers/preferences";
import dayjs from "dayjs";

const valueOf = (filters: CrudFilter[], field: string, operator = "eq") =>
  filters.find((f) => "field" in f && f.field === field && f.operator === operator)?.value as string | number | undefined;

export function MemberList() {
  const t = useTranslate();
  const { locale } = usePreferences();
  const { tiers } = useMemberPolicy();
  const { tableProps, filters, setFilters } = useTable<Member>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "desc" }] } });

  // Typing 1-2-0-0 is one request, not four.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const setBalance = (operator: "gte" | "lte", v: number | null) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFilters([{ field: "balance", operator, value: v ?? undefined }], "merge"), 400);
  };
  const num = (v: string | number | undefined) => (v == null || v === "" ? undefined : Number(v));

  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("members.search")}
        selects={[{ field: "tier", placeholder: t("members.fields.tier"), options: tiers.map((x) => ({ value: x.code, label: x.name[locale] })) }]}
        extra={
          <Space wrap>
            <Space.Compact>
              <InputNumber<number>
                aria-label={t("members.filters.balanceMin")}
                placeholder={t("members.filters.balanceMin")}
                min={0}
                precision={0}
                style={{ width: 130 }}
                defaultValue={num(valueOf(filters, "balance", "gte"))}
                onChange={(v) => setBalance("gte", v)}
              />
              <InputNumber<number>
                aria-label={t("members.filters.balanceMax")}
                placeholder={t("members.filters.balanceMax")}
                min={0}
                precision={0}
                style={{ width: 130 }}
                defaultValue={num(valueOf(filters, "balance", "lte"))}
                onChange={(v) => setBalance("lte", v)}
              />
            </Space.Compact>
            <DateRangeFilter field="createdAt" label={t("members.fields.createdAt")} filters={filters} setFilters={setFilters} />
          </Space>
        }
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: t("members.empty") }} scroll={{ x: 900 }}>
        <Table.Column dataIndex="externalId" title={t("members.fields.externalId")} render={(v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>} />
        <Table.Column<Member>
          dataIndex="nickname"
          title={t("members.fields.nickname")}
          render={(v: string, m) => (
            <Space>
              {v || "—"}
              {m.status === "frozen" && <Tag color="error">{t("members.status.frozen")}</Tag>}
            </Space>
          )}
        />
        <Table.Column dataIndex="phone" title={t("members.fields.phone")} render={(v: string) => v || "—"} />
        <Table.Column dataIndex="tier" title={t("members.fields.tier")} render={(v: string) => <TierTag code={v} />} />
        <Table.Column
          dataIndex="balance"
          title={t("members.fields.balance")}
          align="right"
          sorter
          render={(v: number) => <Typography.Text strong style={{ fontVariantNumeric: "tabular-nums" }}>{formatPoints(v)}</Typography.Text>}
        />
        <Table.Column dataIndex="createdAt" title={t("members.fields.createdAt")} sorter render={(v: string) => formatTime(v).slice(0, 10)} />
        <Table.Column
          dataIndex="lastSeenAt"
          title={t("members.fields.lastSeenAt")}
          render={(v: string | null) => (v ? <Tooltip title={formatTime(v)}>{dayjs(v).fromNow()}</Tooltip> : "—")}
        />
        <Table.Column<Member> title={t("table.actions")} fixed="right" render={(_, m) => <ShowButton hideText size="small" recordItemId={m.id} />} />
      </Table>
    </List>
  );
}

import { useMany, useTranslate } from "@refinedev/core";
import { Space, Table, Tag, Tooltip, Typography, type TableProps } from "antd";
import { formatTime } from "../../providers/preferences";
import { LedgerTypeTag } from "./ledger-type-tag";
import { MemberLink, useMembersById } from "./member-link";
import { formatPoints, PointsAmount } from "./points-amount";
import type { LedgerEntry } from "./types";

/** Rule names for a page of entries (one request), by id. */
function useRuleNames(entries: readonly LedgerEntry[]) {
  const ids = [...new Set(entries.map((e) => e.ruleId).filter((id): id is number => id != null))];
  const { result } = useMany<{ id: number; name: string }>({ resource: "rules", ids, queryOptions: { enabled: ids.length > 0 }, errorNotification: false });
  const byId = new Map((result?.data ?? []).map((r) => [r.id, r.name]));
  return (id: number) => byId.get(id);
}

/** Who made a change, in a few words: the host app, a staff member, the system, the member. */
export function Actor({ entry }: { entry: Pick<LedgerEntry, "actorType" | "actorId"> }) {
  const t = useTranslate();
  const label = t(`ledger-entries.actors.${entry.actorType}`, entry.actorType);
  return (
    <Typography.Text type="secondary">
      {label}
      {entry.actorId && entry.actorType !== "member" ? ` ${entry.actorType === "system" ? entry.actorId : `#${entry.actorId}`}` : ""}
    </Typography.Text>
  );
}

/**
 * The ledger as a table: on a member's page (withMember=false) and for all members.
 * Entries are append-only, so the newest is always on top and nothing is editable.
 */
export function LedgerTable({ tableProps, withMember }: { tableProps: TableProps<LedgerEntry>; withMember: boolean }) {
  const t = useTranslate();
  const rows = (tableProps.dataSource ?? []) as LedgerEntry[];
  const ruleName = useRuleNames(rows);
  const member = useMembersById(withMember ? rows.map((r) => r.memberId) : []);
  return (
    <Table<LedgerEntry> {...tableProps} rowKey="id" size="middle" locale={{ emptyText: t("ledger-entries.empty") }} scroll={{ x: 1100 }} data-testid="ledger-table">
      <Table.Column<LedgerEntry> dataIndex="createdAt" title={t("ledger-entries.fields.createdAt")} width={170} sorter={withMember} render={(v: string) => formatTime(v, true)} />
      {withMember && (
        <Table.Column<LedgerEntry> dataIndex="memberId" title={t("ledger-entries.fields.member")} render={(id: number) => <MemberLink id={id} member={member(id)} />} />
      )}
      <Table.Column<LedgerEntry> dataIndex="type" title={t("ledger-entries.fields.type")} render={(v) => <LedgerTypeTag type={v} />} />
      <Table.Column<LedgerEntry> dataIndex="amount" title={t("ledger-entries.fields.amount")} align="right" render={(v: number) => <PointsAmount value={v} />} />
      <Table.Column<LedgerEntry>
        dataIndex="balanceAfter"
        title={t("ledger-entries.fields.balanceAfter")}
        align="right"
        render={(v: number) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatPoints(v)}</span>}
      />
      <Table.Column<LedgerEntry>
        dataIndex="reason"
        title={t("ledger-entries.fields.reason")}
        ellipsis={{ showTitle: false }}
        render={(v: string, e) => (
          <Space direction="vertical" size={0}>
            <Tooltip title={v}>
              <span>{v || "—"}</span>
            </Tooltip>
            <Actor entry={e} />
          </Space>
        )}
      />
      <Table.Column<LedgerEntry>
        dataIndex="businessId"
        title={t("ledger-entries.fields.businessId")}
        width={200}
        render={(v: string) => (
          <Tooltip title={v}>
            <Typography.Text code copyable={{ text: v }} style={{ fontSize: 12 }}>
              {v.length > 22 ? `${v.slice(0, 20)}…` : v}
            </Typography.Text>
          </Tooltip>
        )}
      />
      <Table.Column<LedgerEntry>
        dataIndex="ruleId"
        title={t("ledger-entries.fields.rule")}
        width={200}
        ellipsis={{ showTitle: false }}
        render={(id: number | null, e) =>
          id == null ? (
            "—"
          ) : (
            <Tooltip title={`${ruleName(id) ?? `#${id}`}${e.ruleVersion != null ? ` · v${e.ruleVersion}` : ""}`}>
              <span>
                {e.ruleVersion != null && <Tag bordered={false}>v{e.ruleVersion}</Tag>}
                {ruleName(id) ?? `#${id}`}
              </span>
            </Tooltip>
          )
        }
      />
    </Table>
  );
}

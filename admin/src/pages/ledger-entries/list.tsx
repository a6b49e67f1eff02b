import { List, useSelect, useTable } from "@refinedev/antd";
import { useTranslate, type CrudFilter } from "@refinedev/core";
import { Select, Space } from "antd";
import { DateRangeFilter } from "../../components/points/date-range-filter";
import { LedgerTable } from "../../components/points/ledger-table";
import { LEDGER_TYPES, type LedgerEntry, type Member } from "../../components/points/types";
import { ListToolbar } from "../../components/list-toolbar";

const valueOf = (filters: CrudFilter[], field: string) => filters.find((f) => "field" in f && f.field === field && f.operator === "eq")?.value;

/** The whole ledger, newest first: every change to anyone's points, read-only. */
export function LedgerEntryList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<LedgerEntry>({
    syncWithLocation: true,
    // Newest first by time; id breaks ties (and is the order a member's entries were applied in).
    sorters: { initial: [{ field: "createdAt", order: "desc" }, { field: "id", order: "desc" }] },
  });
  const memberId = valueOf(filters, "memberId");
  const { selectProps: memberSelect } = useSelect<Member>({
    resource: "members",
    optionLabel: (m) => `${m.nickname || "—"} · ${m.externalId}`,
    optionValue: "id",
    defaultValue: memberId ? [Number(memberId)] : undefined,
    onSearch: (q) => [{ field: "q", operator: "eq", value: q || undefined }],
    pagination: { pageSize: 20 },
    errorNotification: false,
  });

  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("ledger-entries.search")}
        selects={[{ field: "type", placeholder: t("ledger-entries.fields.type"), options: LEDGER_TYPES.map((x) => ({ value: x, label: t(`ledger-entries.types.${x}`) })) }]}
        extra={
          <Space wrap>
            <Select
              options={memberSelect.options}
              onSearch={memberSelect.onSearch}
              loading={memberSelect.loading}
              filterOption={false}
              allowClear
              showSearch
              aria-label={t("ledger-entries.fields.member")}
              placeholder={t("ledger-entries.fields.member")}
              style={{ width: 220 }}
              value={memberId != null ? Number(memberId) : undefined}
              onChange={(v) => setFilters([{ field: "memberId", operator: "eq", value: v ?? undefined }], "merge")}
            />
            <DateRangeFilter field="createdAt" label={t("ledger-entries.fields.createdAt")} filters={filters} setFilters={setFilters} />
          </Space>
        }
      />
      <LedgerTable tableProps={tableProps} withMember />
    </List>
  );
}

import type { CrudFilter } from "@refinedev/core";
import { Input, Select, Space } from "antd";
import { useTranslate } from "@refinedev/core";

export interface ToolbarSelect {
  field: string;
  placeholder: string;
  options: { label: React.ReactNode; value: string | number }[];
  width?: number;
}

interface Props {
  filters: CrudFilter[];
  setFilters: (filters: CrudFilter[], behavior?: "merge" | "replace") => void;
  selects?: ToolbarSelect[];
  searchPlaceholder?: string;
  extra?: React.ReactNode;
}

const valueOf = (filters: CrudFilter[], field: string) => filters.find((f) => "field" in f && f.field === field)?.value;

/**
 * The search box and select filters above a list, writing Refine filters that the API reads as
 * `q=` and `field=value` (so the URL keeps them, and Back restores them).
 */
export function ListToolbar({ filters, setFilters, selects = [], searchPlaceholder, extra }: Props) {
  const t = useTranslate();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        defaultValue={valueOf(filters, "q")}
        placeholder={searchPlaceholder ?? t("common.search")}
        aria-label={searchPlaceholder ?? t("common.search")}
        style={{ width: 260 }}
        onSearch={(v) => setFilters([{ field: "q", operator: "eq", value: v || undefined }], "merge")}
      />
      {selects.map((s) => (
        <Select
          key={s.field}
          allowClear
          aria-label={s.placeholder}
          placeholder={s.placeholder}
          style={{ width: s.width ?? 160 }}
          value={valueOf(filters, s.field)}
          options={s.options}
          onChange={(v) => setFilters([{ field: s.field, operator: "eq", value: v ?? undefined }], "merge")}
        />
      ))}
      {extra}
    </Space>
  );
}

import type { CrudFilter } from "@refinedev/core";
import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { DISPLAY_TZ } from "../../providers/preferences";

const valueOf = (filters: CrudFilter[], field: string, operator: string) =>
  filters.find((f) => "field" in f && f.field === field && f.operator === operator)?.value as string | undefined;

interface Props {
  field: string;
  filters: CrudFilter[];
  setFilters: (filters: CrudFilter[], behavior?: "merge" | "replace") => void;
  label: string;
}

/**
 * A day range as `<field>_gte` / `<field>_lte`: whole calendar days in the display time zone
 * (Asia/Shanghai), so "15 Jan" means the mall's 15 Jan wherever the operator's browser is.
 */
export function DateRangeFilter({ field, filters, setFilters, label }: Props) {
  const from = valueOf(filters, field, "gte");
  const to = valueOf(filters, field, "lte");
  const day = (d: Dayjs) => dayjs.tz(d.format("YYYY-MM-DD"), DISPLAY_TZ);
  return (
    <DatePicker.RangePicker
      aria-label={label}
      placeholder={[label, label]}
      value={[from ? dayjs(from).tz(DISPLAY_TZ) : null, to ? dayjs(to).tz(DISPLAY_TZ) : null]}
      onChange={(range) =>
        setFilters(
          [
            { field, operator: "gte", value: range?.[0] ? day(range[0]).startOf("day").toISOString() : undefined },
            { field, operator: "lte", value: range?.[1] ? day(range[1]).endOf("day").toISOString() : undefined },
          ],
          "merge",
        )
      }
    />
  );
}

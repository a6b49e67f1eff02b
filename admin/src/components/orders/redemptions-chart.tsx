import { useTranslate } from "@refinedev/core";
import { DualAxes } from "@ant-design/plots";
import { Badge, Space, theme } from "antd";
import { usePreferences } from "../../providers/preferences";
import { formatPointsValue } from "./money";

export interface DayPoint {
  day: string;
  redemptions: number;
  units: number;
  points: number;
}

const POINTS_COLOR = "#fa8c16";

/**
 * Redemptions (columns, left axis) and points spent (line, right axis) by mall day. Loaded lazily:
 * the charting library is large and only the dashboard needs it.
 */
export default function RedemptionsChart({ days, height = 260 }: { days: DayPoint[]; height?: number }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { mode } = usePreferences();
  const data = days.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={4}>
      <Space size="large" style={{ fontSize: 12 }}>
        <Badge color={token.colorPrimary} text={t("supplierDashboard.redemptions")} />
        <Badge color={POINTS_COLOR} text={t("supplierDashboard.points")} />
      </Space>
      <DualAxes
        data={data}
        xField="label"
        height={height}
        autoFit
        theme={mode === "dark" ? "classicDark" : "classic"}
        legend={false}
        axis={{ x: { title: false, labelAutoHide: true } }}
        children={[
          {
            type: "interval",
            yField: "redemptions",
            style: { fill: token.colorPrimary, fillOpacity: 0.85, maxWidth: 18, radiusTopLeft: 3, radiusTopRight: 3 },
            axis: { y: { title: false, position: "left", labelFormatter: (v: number) => (Number.isInteger(v) ? String(v) : "") } },
            tooltip: { items: [{ channel: "y", name: t("supplierDashboard.redemptions") }] },
          },
          {
            type: "line",
            yField: "points",
            shapeField: "smooth",
            style: { stroke: POINTS_COLOR, lineWidth: 2 },
            axis: { y: { title: false, position: "right", labelFormatter: (v: number) => formatPointsValue(v) } },
            tooltip: { items: [{ channel: "y", name: t("supplierDashboard.points"), valueFormatter: (v: number) => formatPointsValue(v) }] },
          },
        ]}
      />
    </Space>
  );
}

import { Area } from "@ant-design/plots";
import { theme } from "antd";
import dayjs from "dayjs";
import { DISPLAY_TZ, usePreferences } from "../../providers/preferences";
import { formatPoints } from "./points-amount";

export interface BalancePoint {
  at: string;
  balance: number;
}

/**
 * The balance over time, as steps: it holds until the next ledger entry changes it.
 * Loaded lazily (the charting library is large and only this card needs it).
 */
export default function BalanceChart({ points, height = 180 }: { points: BalancePoint[]; height?: number }) {
  const { token } = theme.useToken();
  const { mode } = usePreferences();
  const data = points.map((p) => ({ time: new Date(p.at), balance: p.balance }));
  // A short history reads by day, a long one by month.
  const span = data.length ? data[data.length - 1].time.getTime() - data[0].time.getTime() : 0;
  const tickFormat = span < 150 * 86_400_000 ? "MM-DD" : "YYYY-MM";
  return (
    <Area
      data={data}
      xField="time"
      yField="balance"
      height={height}
      autoFit
      theme={mode === "dark" ? "classicDark" : "classic"}
      shapeField="hv"
      style={{ fill: `linear-gradient(-90deg, ${token.colorBgContainer} 0%, ${token.colorPrimary} 100%)`, fillOpacity: 0.25 }}
      line={{ shapeField: "hv", style: { stroke: token.colorPrimary, lineWidth: 2 } }}
      axis={{
        x: { labelFormatter: (d: Date) => dayjs(d).tz(DISPLAY_TZ).format(tickFormat), title: false, tickCount: 6 },
        y: { labelFormatter: (v: number) => formatPoints(v), title: false },
      }}
      tooltip={{
        title: (d: { time: Date }) => dayjs(d.time).tz(DISPLAY_TZ).format("YYYY-MM-DD HH:mm"),
        items: [{ channel: "y", valueFormatter: (v: number) => formatPoints(v) }],
      }}
    />
  );
}

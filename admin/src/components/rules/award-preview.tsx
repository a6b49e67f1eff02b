import { lazy, Suspense } from "react";
import { Skeleton } from "antd";
import type { ChartSeries } from "./award-chart";

/** The chart library is large: it loads with the first rule page that draws a chart. */
const AwardChart = lazy(() => import("./award-chart"));

export function AwardPreview(props: { series: ChartSeries[]; height?: number }) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: props.height ?? 220 }} />}>
      <AwardChart {...props} />
    </Suspense>
  );
}

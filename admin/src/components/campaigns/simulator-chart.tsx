import { useTranslate } from "@refinedev/core";
import { Column } from "@ant-design/plots";
import { usePreferences } from "../../providers/preferences";
import { useLocalText } from "../catalog/product-bits";
import { formatPercent } from "./odds";
import type { Simulation } from "./types";

/** Expected against observed share of draws per prize, as grouped columns. */
export default function SimulatorChart({ result, height = 260 }: { result: Simulation; height?: number }) {
  const t = useTranslate();
  const text = useLocalText();
  const { mode } = usePreferences();
  const expected = t("campaigns.simulator.expected");
  const observed = t("campaigns.simulator.observed");
  const data = result.prizes.flatMap((p, i) => {
    const prize = `${i + 1}. ${text(p.name)}`;
    return [
      { prize, series: expected, ppm: p.expectedPpm },
      { prize, series: observed, ppm: p.observedPpm },
    ];
  });
  return (
    <div data-testid="simulator-chart">
      <Column
        data={data}
        xField="prize"
        yField="ppm"
        colorField="series"
        group
        height={height}
        autoFit
        theme={mode === "dark" ? "classicDark" : "classic"}
        scale={{ color: { range: ["#bfbfbf", "#e4393c"] }, y: { type: "sqrt" } }}
        axis={{ y: { title: t("campaigns.simulator.share"), labelFormatter: (v: number) => formatPercent(v) }, x: { title: false, labelAutoRotate: true } }}
        legend={{ color: { position: "top" } }}
        tooltip={{ items: [{ channel: "y", valueFormatter: (v: number) => formatPercent(v) }] }}
        style={{ maxWidth: 28, radiusTopLeft: 2, radiusTopRight: 2 }}
      />
    </div>
  );
}

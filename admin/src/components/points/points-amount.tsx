import { Typography, theme } from "antd";

const fmt = new Intl.NumberFormat("en-US");

/** Points with thousands separators. */
export const formatPoints = (n: number | null | undefined) => (n == null ? "—" : fmt.format(n));

/** A signed change of points: green +120, red −80. */
export function PointsAmount({ value, strong = true }: { value: number; strong?: boolean }) {
  const { token } = theme.useToken();
  const color = value > 0 ? token.colorSuccess : value < 0 ? token.colorError : undefined;
  return (
    <Typography.Text strong={strong} style={{ color, fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }} data-amount={value}>
      {value > 0 ? "+" : value < 0 ? "−" : ""}
      {fmt.format(Math.abs(value))}
    </Typography.Text>
  );
}

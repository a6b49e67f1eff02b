import { Tag } from "antd";
import { CrownOutlined } from "@ant-design/icons";
import { useMemberPolicy } from "./member-policy";

/** Lowest to highest tier; more tiers than colours repeat the last. */
const COLORS = ["default", "geekblue", "gold", "purple", "magenta", "volcano"];

export function TierTag({ code }: { code: string }) {
  const { tierName, tierRank } = useMemberPolicy();
  const rank = tierRank(code);
  const color = COLORS[Math.min(Math.max(rank, 0), COLORS.length - 1)];
  return (
    <Tag color={color} icon={rank >= 2 ? <CrownOutlined /> : undefined} data-tier={code}>
      {tierName(code)}
    </Tag>
  );
}

import { Avatar, Space, Typography } from "antd";
import { ShoppingOutlined } from "@ant-design/icons";
import { usePreferences } from "../../providers/preferences";
import type { LocalText } from "./types";

/** A product's picture and its name in the console's language. */
export function ProductCell({ name, image, size = 40, extra, maxWidth = 220 }: { name: LocalText; image?: string; size?: number; extra?: React.ReactNode; maxWidth?: number }) {
  const { locale } = usePreferences();
  const label = name[locale] || name["zh-CN"] || name["en-US"];
  return (
    <Space size={10} align="center">
      <Avatar shape="square" size={size} src={image || undefined} icon={<ShoppingOutlined />} alt={label} style={{ flex: "none" }} />
      <Space direction="vertical" size={0}>
        <Typography.Text ellipsis style={{ maxWidth }} title={label}>
          {label}
        </Typography.Text>
        {extra}
      </Space>
    </Space>
  );
}

/** A product's name in the console's language. */
export function useLocalName() {
  const { locale } = usePreferences();
  return (name: LocalText | null | undefined) => (name ? name[locale] || name["zh-CN"] || name["en-US"] : "—");
}

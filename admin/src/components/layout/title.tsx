import { useTranslate } from "@refinedev/core";
import { Link } from "react-router";
import { Space, Typography, theme } from "antd";
import { GiftFilled } from "@ant-design/icons";

export function AppTitle({ collapsed }: { collapsed: boolean }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  return (
    <Link to="/" style={{ display: "inline-block" }}>
      <Space align="center" size={8}>
        <GiftFilled style={{ fontSize: 22, color: token.colorPrimary }} />
        {!collapsed && (
          <Typography.Title level={5} style={{ margin: 0, whiteSpace: "nowrap" }}>
            {t("app.title")}
          </Typography.Title>
        )}
      </Space>
    </Link>
  );
}

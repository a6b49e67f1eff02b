import { useGetIdentity, useTranslate } from "@refinedev/core";
import { Avatar, Layout, Segmented, Space, Switch, Tag, Typography, theme } from "antd";
import { MoonOutlined, SunOutlined, UserOutlined } from "@ant-design/icons";
import { usePreferences } from "../../providers/preferences";
import type { Identity } from "../../providers/auth-provider";
import { RoleTag } from "../role-tag";

export function Header() {
  const { token } = theme.useToken();
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const { mode, setMode, locale, setLocale } = usePreferences();

  return (
    <Layout.Header
      style={{
        background: token.colorBgElevated,
        display: "flex",
        justifyContent: "flex-end",
        alignItems: "center",
        padding: "0 24px",
        height: 64,
        position: "sticky",
        top: 0,
        zIndex: 10,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Space size="large">
        <Segmented
          aria-label={t("header.language")}
          data-testid="locale-switch"
          value={locale}
          onChange={(v) => setLocale(v as typeof locale)}
          options={[
            { label: "中文", value: "zh-CN" },
            { label: "English", value: "en-US" },
          ]}
        />
        <Switch
          aria-label={t("header.darkMode")}
          checked={mode === "dark"}
          onChange={(on) => setMode(on ? "dark" : "light")}
          checkedChildren={<MoonOutlined />}
          unCheckedChildren={<SunOutlined />}
        />
        {me && (
          <Space>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
            <Typography.Text strong data-testid="current-user">
              {me.displayName}
            </Typography.Text>
            <RoleTag role={me.role} />
            {me.supplierName && <Tag>{me.supplierName}</Tag>}
          </Space>
        )}
      </Space>
    </Layout.Header>
  );
}

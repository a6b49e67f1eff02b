import { useLogin, useTranslate } from "@refinedev/core";
import { Alert, Button, Card, Collapse, Form, Input, Layout, Segmented, Space, Typography, theme } from "antd";
import { GiftFilled, LockOutlined, UserOutlined } from "@ant-design/icons";
import { useEffect, useState } from "react";
import { usePreferences } from "../providers/preferences";

interface LoginForm {
  username: string;
  password: string;
}

const DEMO_USERS = ["admin", "operator", "supplier", "service", "auditor"];

export function LoginPage() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { locale, setLocale } = usePreferences();
  const { mutate: login, isPending } = useLogin<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);
  const [form] = Form.useForm<LoginForm>();

  useEffect(() => {
    fetch("/api/shop/config")
      .then((r) => r.json())
      .then((c) => setDemo(Boolean(c.demo)))
      .catch(() => setDemo(false));
  }, []);

  const submit = (values: LoginForm) => {
    setError(null);
    login(values, { onSuccess: (r) => (r.success ? undefined : setError(r.error?.message ?? t("login.failed"))) });
  };

  return (
    <Layout style={{ minHeight: "100vh", alignItems: "center", justifyContent: "center", background: token.colorBgLayout }}>
      <Space direction="vertical" size="large" style={{ width: 380, maxWidth: "92vw" }}>
        <Space style={{ width: "100%", justifyContent: "space-between" }}>
          <Space>
            <GiftFilled style={{ fontSize: 28, color: token.colorPrimary }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t("app.title")}
            </Typography.Title>
          </Space>
          <Segmented
            size="small"
            value={locale}
            onChange={(v) => setLocale(v as typeof locale)}
            options={[
              { label: "中文", value: "zh-CN" },
              { label: "EN", value: "en-US" },
            ]}
          />
        </Space>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t("login.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("login.subtitle")}</Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t("login.username")} rules={[{ required: true, message: t("login.usernameRequired") }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={isPending}>
              {t("login.submit")}
            </Button>
          </Form>
        </Card>
        {demo && (
          <Collapse
            size="small"
            items={[
              {
                key: "demo",
                label: t("login.demoTitle"),
                children: (
                  <Space wrap>
                    {DEMO_USERS.map((u) => (
                      <Button key={u} size="small" onClick={() => form.setFieldsValue({ username: u, password: "pointmall" })}>
                        {u}
                      </Button>
                    ))}
                    <Typography.Text type="secondary">{t("login.demoPassword")}</Typography.Text>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Layout>
  );
}

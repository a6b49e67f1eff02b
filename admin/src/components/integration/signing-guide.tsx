import { useTranslate } from "@refinedev/core";
import { Collapse, Descriptions, Typography, theme } from "antd";

function sample(appKey: string) {
  return `import { createHash, createHmac, randomUUID } from "node:crypto";

const body = JSON.stringify({ type: "purchase", memberId: "u-10086", businessId: "order-2026-0001", amount: 25800 });
const path = "/api/open/v1/events";
const timestamp = String(Math.floor(Date.now() / 1000));
const nonce = randomUUID();
const bodyHash = createHash("sha256").update(body).digest("hex");
const signature = createHmac("sha256", process.env.POINTMALL_SECRET)
  .update(["POST", path, timestamp, nonce, bodyHash].join("\\n"))
  .digest("hex");

await fetch("https://pointmall.example.com" + path, {
  method: "POST",
  body,
  headers: {
    "content-type": "application/json",
    "X-Pointmall-Key": "${appKey}",
    "X-Pointmall-Timestamp": timestamp,
    "X-Pointmall-Nonce": nonce,
    "X-Pointmall-Signature": signature,
  },
});`;
}

/** How a host signs its calls (and checks Pointmall's webhooks): the formula, the headers, an example. */
export function SigningGuide({ appKey }: { appKey: string }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const pre = { background: token.colorFillTertiary, padding: 12, borderRadius: token.borderRadius, fontSize: 12, overflowX: "auto" as const, margin: 0 };
  return (
    <div data-testid="signing-guide">
      <Typography.Paragraph>{t("apps.signing.intro")}</Typography.Paragraph>
      <pre style={pre}>
        {`signature = hex( HMAC-SHA256( app secret,\n    METHOD + "\\n" + path?query + "\\n" + timestamp + "\\n" + nonce + "\\n" + hex(SHA-256(raw body)) ) )`}
      </pre>
      <Descriptions column={1} size="small" bordered style={{ margin: "12px 0" }}>
        <Descriptions.Item label={<Typography.Text code>X-Pointmall-Key</Typography.Text>}>
          <Typography.Text code>{appKey}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={<Typography.Text code>X-Pointmall-Timestamp</Typography.Text>}>{t("apps.signing.timestamp")}</Descriptions.Item>
        <Descriptions.Item label={<Typography.Text code>X-Pointmall-Nonce</Typography.Text>}>{t("apps.signing.nonce")}</Descriptions.Item>
        <Descriptions.Item label={<Typography.Text code>X-Pointmall-Signature</Typography.Text>}>{t("apps.signing.signature")}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t("apps.signing.rules")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("apps.signing.webhooks")}</Typography.Paragraph>
      <Collapse
        size="small"
        items={[
          {
            key: "example",
            label: t("apps.signing.example"),
            children: (
              <Typography.Paragraph copyable={{ text: sample(appKey) }} style={{ marginBottom: 0 }}>
                <pre style={pre}>{sample(appKey)}</pre>
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </div>
  );
}

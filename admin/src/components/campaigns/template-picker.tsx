import { useTranslate } from "@refinedev/core";
import { Card, Col, Row, Typography, theme } from "antd";
import { TEMPLATE_META } from "./template-bits";
import { TEMPLATES, type Template } from "./types";

/** The first step of a new campaign: one card per template, saying what it is for. */
export function TemplatePicker({ onPick }: { onPick: (t: Template) => void }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  return (
    <Row gutter={[16, 16]} style={{ maxWidth: 1100 }} data-testid="template-picker">
      {TEMPLATES.map((tpl) => {
        const meta = TEMPLATE_META[tpl];
        return (
          <Col key={tpl} xs={24} sm={12} lg={8}>
            <Card hoverable onClick={() => onPick(tpl)} data-testid={`template-${tpl}`} style={{ height: "100%", borderTop: `3px solid ${meta.hex}` }}>
              <div style={{ display: "flex", gap: 16, alignItems: "flex-start" }}>
                <div style={{ fontSize: 28, color: meta.hex, background: token.colorFillQuaternary, borderRadius: 12, width: 56, height: 56, display: "grid", placeItems: "center", flex: "none" }}>{meta.icon}</div>
                <div>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t(`campaigns.templates.${tpl}.name`)}
                  </Typography.Title>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {t(`campaigns.templates.${tpl}.description`)}
                  </Typography.Paragraph>
                </div>
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

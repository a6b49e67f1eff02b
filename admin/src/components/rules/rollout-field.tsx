import { useTranslate } from "@refinedev/core";
import { Col, Form, InputNumber, Row, Slider, Typography } from "antd";
import { CANARY_COLOR } from "./canary";

/** A canary share of 1–99 %; 0 and 100 both mean everyone at once, as the API reads them. */
export const isCanaryShare = (p: number | null | undefined) => p != null && p > 0 && p < 100;

/**
 * "Roll out to N% first": the share of members (by a stable hash of their id) that get the new version
 * before it goes to everyone. Holds the API's canaryPercent field, so its errors show here.
 */
export function RolloutField({ newVersion, currentVersion, disabled }: { newVersion: number; currentVersion: number; disabled?: boolean }) {
  const t = useTranslate();
  const form = Form.useFormInstance();
  const share = Form.useWatch("canaryPercent", form) as number | undefined;
  const canary = isCanaryShare(share);
  return (
    <>
      <Typography.Text strong>{t("rules.rollout.sliderLabel")}</Typography.Text>
      <Row gutter={16} align="middle" style={{ maxWidth: 640, padding: "0 8px" }}>
        <Col flex="auto">
          <Form.Item name="canaryPercent" noStyle>
            <Slider
              min={0}
              max={100}
              disabled={disabled}
              marks={{ 0: "0%", 10: "10%", 25: "25%", 50: "50%", 100: "100%" }}
              styles={{ track: { background: canary ? CANARY_COLOR : undefined } }}
              tooltip={{ formatter: (v) => `${v}%` }}
            />
          </Form.Item>
        </Col>
        <Col>
          <Form.Item name="canaryPercent" noStyle>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" disabled={disabled} style={{ width: 110 }} aria-label={t("rules.rollout.label")} data-testid="rollout-percent" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type={canary ? "warning" : "secondary"} style={{ marginTop: 8 }} data-testid="rollout-explain">
        {disabled
          ? t("rules.rollout.unchanged")
          : canary
            ? t("rules.rollout.canary", { version: newVersion, percent: share, current: currentVersion })
            : t("rules.rollout.all", { version: newVersion })}
      </Typography.Paragraph>
    </>
  );
}

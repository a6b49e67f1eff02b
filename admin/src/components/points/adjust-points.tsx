import { useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Space, Typography } from "antd";
import { MinusCircleOutlined, PlusCircleOutlined, SlidersOutlined } from "@ant-design/icons";
import { pointsErrorMessage } from "./api-error";
import { newIdempotencyKey } from "./idempotency-key";
import { useMemberPolicy } from "./member-policy";
import { formatPoints, PointsAmount } from "./points-amount";
import type { AdjustResult, Member } from "./types";

interface Values {
  direction: "add" | "take";
  amount: number;
  reason: string;
}

/** "Adjust points" for one member: shown only to roles with members/adjust. */
export function AdjustPointsButton({ member }: { member: Member }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "members", action: "adjust" });
  const [open, setOpen] = useState(false);
  if (!can?.can) return null;
  return (
    <>
      <Button type="primary" icon={<SlidersOutlined />} onClick={() => setOpen(true)} data-testid="adjust-points">
        {t("members.adjust.button")}
      </Button>
      {/* Mounted per opening: a fresh form and a fresh Idempotency-Key each time. */}
      {open && <AdjustPointsModal member={member} onClose={() => setOpen(false)} />}
    </>
  );
}

function AdjustPointsModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { modal } = App.useApp();
  const { policy } = useMemberPolicy();
  const [form] = Form.useForm<Values>();
  // One key per opening of the dialog: a double click, or a retry after a lost reply, is one adjustment.
  const [key] = useState(() => newIdempotencyKey("adjust"));
  const [outcome, setOutcome] = useState<AdjustResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync, mutation } = useCustomMutation<AdjustResult>();

  const direction = Form.useWatch("direction", form) ?? "add";
  const amount = Form.useWatch("amount", form) ?? 0;
  const signed = direction === "take" ? -amount : amount;
  const limit = policy?.adjustLimit ?? null;
  const heldForReview = policy != null && amount > policy.riskThreshold;

  const refresh = () => {
    void invalidate({ resource: "members", id: member.id, invalidates: ["detail", "list"] });
    for (const resource of ["ledger-entries", "point-lots", "tier-changes", "reviews"]) void invalidate({ resource, invalidates: ["list"] });
  };

  const send = async (v: Values) => {
    const amountSigned = v.direction === "take" ? -v.amount : v.amount;
    setError(null);
    try {
      const res = await mutateAsync({
        url: `${apiUrl}/members/${member.id}/adjust`,
        method: "post",
        values: { amount: amountSigned, reason: v.reason.trim() },
        config: { headers: { "Idempotency-Key": key } },
        errorNotification: false,
      });
      setOutcome(res.data);
      refresh();
    } catch (e) {
      const err = e as HttpError;
      const message = pointsErrorMessage(t, err, { limit: limit != null ? formatPoints(limit) : null, required: formatPoints(v.amount) });
      setError(message);
      if (err.code === "ADJUST_LIMIT_EXCEEDED" || err.code === "INSUFFICIENT_POINTS") form.setFields([{ name: "amount", errors: [message] }]);
      else if (err.errors) form.setFields(Object.entries(err.errors).map(([name, msgs]) => ({ name: name as keyof Values, errors: Array.isArray(msgs) ? msgs : [String(msgs)] })));
      // The balance may have moved under us (that is what INSUFFICIENT_POINTS usually means).
      if (err.code === "INSUFFICIENT_POINTS") refresh();
    }
  };

  const confirm = async () => {
    const v = await form.validateFields();
    const after = member.balance + (v.direction === "take" ? -v.amount : v.amount);
    modal.confirm({
      title: t(v.direction === "take" ? "members.adjust.confirmTake" : "members.adjust.confirmAdd", { amount: formatPoints(v.amount), name: member.nickname || member.externalId }),
      content: (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="adjust-confirm">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("members.adjust.balanceNow")}>{formatPoints(member.balance)}</Descriptions.Item>
            <Descriptions.Item label={t("members.adjust.change")}>
              <PointsAmount value={v.direction === "take" ? -v.amount : v.amount} />
            </Descriptions.Item>
            <Descriptions.Item label={t("members.adjust.balanceAfter")}>
              <Typography.Text strong>{heldForReview ? t("members.adjust.unchangedUntilApproved") : formatPoints(after)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("members.fields.reason")}>{v.reason}</Descriptions.Item>
          </Descriptions>
          {heldForReview && <Alert type="warning" showIcon message={t("members.adjust.willBeHeld", { threshold: formatPoints(policy!.riskThreshold) })} />}
        </Space>
      ),
      okText: t("members.adjust.confirmOk"),
      cancelText: t("buttons.cancel"),
      // Returning the promise keeps the button spinning (and unclickable) until the server answers.
      onOk: () => send(v),
    });
  };

  const done = outcome != null;
  return (
    <Modal
      open
      title={t("members.adjust.title", { name: member.nickname || member.externalId })}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={!mutation.isPending}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t("members.adjust.done")}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("buttons.cancel")}</Button>
            <Button type="primary" loading={mutation.isPending} onClick={() => void confirm().catch(() => undefined)} data-testid="adjust-submit">
              {t("members.adjust.review")}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <AdjustOutcome outcome={outcome} />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ direction: "add" }} onValuesChange={() => setError(null)}>
          <Typography.Paragraph type="secondary">
            {t("members.adjust.currentBalance")} <Typography.Text strong>{formatPoints(member.balance)}</Typography.Text>
          </Typography.Paragraph>
          <Form.Item name="direction" label={t("members.adjust.direction")}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="add" data-testid="adjust-add">
                <PlusCircleOutlined /> {t("members.adjust.add")}
              </Radio.Button>
              <Radio.Button value="take" data-testid="adjust-take">
                <MinusCircleOutlined /> {t("members.adjust.take")}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="amount"
            label={t("members.adjust.amount")}
            dependencies={["direction"]}
            extra={limit != null ? t("members.adjust.limitHint", { limit: formatPoints(limit) }) : undefined}
            rules={[
              { required: true, message: t("members.adjust.amountRequired") },
              {
                validator: (_, v: number | null) => {
                  if (v == null) return Promise.resolve();
                  if (!Number.isInteger(v) || v < 1) return Promise.reject(new Error(t("members.adjust.amountWhole")));
                  if (limit != null && v > limit) return Promise.reject(new Error(t("members.adjust.overLimit", { limit: formatPoints(limit) })));
                  if (form.getFieldValue("direction") === "take" && v > member.balance)
                    return Promise.reject(new Error(t("members.adjust.overBalance", { balance: formatPoints(member.balance) })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <InputNumber<number> min={1} max={10_000_000} precision={0} style={{ width: 220 }} suffix={t("members.adjust.points")} data-testid="adjust-amount" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("members.fields.reason")}
            rules={[
              { required: true, whitespace: true, message: t("members.adjust.reasonRequired") },
              { min: 2, message: t("members.adjust.reasonMin") },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t("members.adjust.reasonPlaceholder")} data-testid="adjust-reason" />
          </Form.Item>
          {amount > 0 && (
            <div data-testid="adjust-preview" style={{ marginBottom: 16 }}>
              {heldForReview ? (
                <Alert type="warning" showIcon message={t("members.adjust.willBeHeld", { threshold: formatPoints(policy!.riskThreshold) })} />
              ) : (
                <>
                  {t("members.adjust.balanceAfter")}: {formatPoints(member.balance)} →{" "}
                  <Typography.Text strong type={member.balance + signed < 0 ? "danger" : undefined}>
                    {formatPoints(member.balance + signed)}
                  </Typography.Text>
                </>
              )}
            </div>
          )}
          {error && <Alert type="error" showIcon message={t("members.adjust.failed")} description={error} data-testid="adjust-error" />}
        </Form>
      )}
    </Modal>
  );
}

function AdjustOutcome({ outcome }: { outcome: AdjustResult }) {
  const t = useTranslate();
  return (
    <div data-testid="adjust-outcome" data-status={outcome.status}>
      {outcome.status === "applied" ? (
        <Result status="success" title={t("members.adjust.applied")} subTitle={t("members.adjust.appliedText", { balance: formatPoints(outcome.balance) })} />
      ) : (
        <Result status="info" title={t("members.adjust.held")} subTitle={t("members.adjust.heldText", { id: outcome.reviewId, balance: formatPoints(outcome.balance) })} />
      )}
    </div>
  );
}

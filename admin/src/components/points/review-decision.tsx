import { useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space } from "antd";
import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { pointsErrorMessage } from "./api-error";
import { PointsAmount } from "./points-amount";
import type { Review } from "./types";

type Decision = "approve" | "reject";

/** Approve and Reject for a pending review, each asking for a reason; shown to roles that may decide. */
export function ReviewDecisionButtons({ review, memberLabel, onDecided }: { review: Review; memberLabel: React.ReactNode; onDecided: (after: Review) => void }) {
  const t = useTranslate();
  const { data: canApprove } = useCan({ resource: "reviews", action: "approve" });
  const { data: canReject } = useCan({ resource: "reviews", action: "reject" });
  const [decision, setDecision] = useState<Decision | null>(null);
  if (review.status !== "pending") return null;
  return (
    <Space>
      {canApprove?.can && (
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setDecision("approve")} data-testid={`approve-${review.id}`}>
          {t("reviews.approve")}
        </Button>
      )}
      {canReject?.can && (
        <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDecision("reject")} data-testid={`reject-${review.id}`}>
          {t("reviews.reject")}
        </Button>
      )}
      {decision && <DecisionModal review={review} decision={decision} memberLabel={memberLabel} onDecided={onDecided} onClose={() => setDecision(null)} />}
    </Space>
  );
}

interface ModalProps {
  review: Review;
  decision: Decision;
  memberLabel: React.ReactNode;
  onDecided: (after: Review) => void;
  onClose: () => void;
}

function DecisionModal({ review, decision, memberLabel, onDecided, onClose }: ModalProps) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync, mutation } = useCustomMutation<Review>();

  const submit = async () => {
    const { reason } = await form.validateFields();
    setError(null);
    try {
      const res = await mutateAsync({ url: `${apiUrl}/reviews/${review.id}/${decision}`, method: "post", values: { reason: reason.trim() }, errorNotification: false });
      void message.success(t(decision === "approve" ? "reviews.approved" : "reviews.rejected", { id: review.id }));
      // The row shows its decision in place (it would vanish from a "pending" list if refetched now).
      onDecided(res.data);
      if (decision === "approve") {
        void invalidate({ resource: "members", invalidates: ["list", "detail", "many"], id: review.memberId });
        for (const resource of ["ledger-entries", "point-lots", "tier-changes"]) void invalidate({ resource, invalidates: ["list"] });
      }
      onClose();
    } catch (e) {
      const err = e as HttpError;
      setError(pointsErrorMessage(t, err));
      if (err.code === "REVIEW_DECIDED") void invalidate({ resource: "reviews", invalidates: ["list"] });
    }
  };

  const approve = decision === "approve";
  return (
    <Modal
      open
      title={t(approve ? "reviews.approveTitle" : "reviews.rejectTitle", { id: review.id })}
      onCancel={onClose}
      destroyOnHidden
      okText={t(approve ? "reviews.approve" : "reviews.reject")}
      okButtonProps={{ danger: !approve, loading: mutation.isPending }}
      cancelText={t("buttons.cancel")}
      onOk={() => void submit().catch(() => undefined)}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("reviews.fields.member")}>{memberLabel}</Descriptions.Item>
        <Descriptions.Item label={t("reviews.fields.amount")}>
          <PointsAmount value={review.amount} />
        </Descriptions.Item>
        <Descriptions.Item label={t("reviews.fields.reason")}>{review.reason || "—"}</Descriptions.Item>
      </Descriptions>
      <Alert type={approve ? "info" : "warning"} showIcon message={t(approve ? "reviews.approveText" : "reviews.rejectText")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("reviews.decisionReason")}
          rules={[
            { required: true, whitespace: true, message: t("reviews.reasonRequired") },
            { min: 2, message: t("reviews.reasonMin") },
            { max: 200 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid="decision-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="decision-error" />}
    </Modal>
  );
}

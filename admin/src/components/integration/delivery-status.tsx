import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate } from "@refinedev/core";
import { Button, Popconfirm, Tag, Tooltip } from "antd";
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, RedoOutlined } from "@ant-design/icons";
import type { Delivery, DeliveryStatus } from "./types";

const LOOK: Record<DeliveryStatus, { color: string; icon: React.ReactNode }> = {
  pending: { color: "processing", icon: <ClockCircleOutlined /> },
  delivered: { color: "success", icon: <CheckCircleOutlined /> },
  dead: { color: "error", icon: <CloseCircleOutlined /> },
};

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const t = useTranslate();
  return (
    <Tag color={LOOK[status].color} icon={LOOK[status].icon} data-testid="delivery-status">
      {t(`deliveries.status.${status}`)}
    </Tag>
  );
}

/**
 * Puts a delivery back in the queue to go out now (also a delivered or given-up one), after a
 * confirmation; hidden from roles without "deliveries retry".
 */
export function RetryDeliveryButton({ delivery, size = "small", withText = false }: { delivery: Delivery; size?: "small" | "middle"; withText?: boolean }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { data: can } = useCan({ resource: "deliveries", action: "retry" });
  const { mutate, mutation } = useCustomMutation<Delivery>();
  if (!can?.can) return null;
  const retry = () =>
    mutate(
      {
        url: `${apiUrl}/deliveries/${delivery.id}/retry`,
        method: "post",
        values: {},
        successNotification: { type: "success", message: t("deliveries.retry.done", { id: delivery.id }), description: t("deliveries.retry.doneText") },
      },
      { onSuccess: () => invalidate({ resource: "deliveries", id: delivery.id, invalidates: ["list", "detail"] }) },
    );
  return (
    <Popconfirm
      title={t("deliveries.retry.confirm", { id: delivery.id })}
      description={delivery.status === "delivered" ? t("deliveries.retry.confirmDelivered") : t("deliveries.retry.confirmText")}
      okText={t("deliveries.retry.button")}
      onConfirm={retry}
    >
      <Tooltip title={withText ? undefined : t("deliveries.retry.button")}>
        <Button size={size} icon={<RedoOutlined />} loading={mutation.isPending} aria-label={t("deliveries.retry.button")} data-testid="retry-delivery">
          {withText ? t("deliveries.retry.button") : null}
        </Button>
      </Tooltip>
    </Popconfirm>
  );
}

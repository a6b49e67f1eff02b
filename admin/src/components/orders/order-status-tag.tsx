import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";
import type { OrderStatus } from "./types";

/** One colour per stage: waiting (orange), moving (blue), done (green), closed (grey/red). */
export const STATUS_COLORS: Record<OrderStatus, string> = {
  pending_payment: "gold",
  paid: "cyan",
  awaiting_shipment: "orange",
  shipped: "blue",
  completed: "green",
  fulfilling: "geekblue",
  fulfillment_failed: "red",
  refunded: "purple",
  cancelled: "default",
  returned: "magenta",
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const t = useTranslate();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

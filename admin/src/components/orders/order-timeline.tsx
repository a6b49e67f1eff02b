import { useTranslate } from "@refinedev/core";
import { Empty, Space, Steps, Timeline, Typography } from "antd";
import { formatTime } from "../../providers/preferences";
import { carrierLabel } from "./carriers";
import { STATUS_COLORS } from "./order-status-tag";
import type { OrderDetail, OrderStatus, TimelineEvent } from "./types";

const DOT: Record<string, string> = { green: "green", red: "red", default: "gray", gold: "#d4b106", orange: "#fa8c16", cyan: "#13c2c2", blue: "blue", geekblue: "#2f54eb", purple: "#722ed1", magenta: "#eb2f96" };

/** Who moved the order, in words: "member:12", "staff:operator", "supplier:3/wang", "system:payment-timeout" … */
export function useActorLabel() {
  const t = useTranslate();
  return (actor: string) => {
    const [kind, rest = ""] = actor.split(/:(.*)/s, 2);
    switch (kind) {
      case "member":
        return t("orders.actors.member", { id: rest });
      case "staff":
        return t("orders.actors.staff", { name: rest });
      case "supplier":
        return t("orders.actors.supplier", { name: rest.split("/")[1] ?? rest });
      case "system":
        return rest ? t(`orders.actors.system_${rest}`, t("orders.actors.systemWhy", { why: rest })) : t("orders.actors.system");
      case "supplier-endpoint":
        return t("orders.actors.endpoint");
      case "payment":
        return t("orders.actors.payment", { provider: rest });
      default:
        return actor;
    }
  };
}

/** The notes the system writes itself (in English), said in the console's language. */
const KNOWN_NOTES: Record<string, string> = {
  "not paid within 15 minutes": "paymentTimeout",
  "completed automatically": "autoComplete",
  "automatic refund after failed fulfilment": "autoRefund",
  "cancelled by the member": "memberCancelled",
  received: "received",
  defect: "defect",
  other: "other",
};

function useNoteText() {
  const t = useTranslate();
  return (e: TimelineEvent) => {
    if (e.toStatus === "shipped") {
      // "<carrier> <tracking number>": the carrier may have spaces, a tracking number never does.
      const at = e.note.lastIndexOf(" ");
      if (at > 0) return t("orders.timeline.shippedWith", { carrier: carrierLabel(t, e.note.slice(0, at)), trackingNo: e.note.slice(at + 1) });
    }
    const known = KNOWN_NOTES[e.note];
    return known ? t(`orders.timeline.notes.${known}`, e.note) : e.note;
  };
}

/** Every transition of the order, oldest first: status, who, why and when. */
export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useTranslate();
  const who = useActorLabel();
  const noteOf = useNoteText();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("orders.timeline.empty")} />;
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e, i) => ({
        key: e.id,
        color: DOT[STATUS_COLORS[e.toStatus]] ?? "blue",
        children: (
          <Space direction="vertical" size={0} data-testid="timeline-item" data-status={e.toStatus}>
            <Typography.Text strong={i === events.length - 1}>
              {e.fromStatus ? t("orders.timeline.moved", { to: t(`orders.status.${e.toStatus}`) }) : t("orders.timeline.created", { to: t(`orders.status.${e.toStatus}`) })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(e.createdAt, true)} · {who(e.actor)}
            </Typography.Text>
            {e.note && <Typography.Text data-testid="timeline-note">{noteOf(e)}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

const CLOSED: OrderStatus[] = ["cancelled", "refunded", "returned", "fulfillment_failed"];

/** The order's path through the state machine at a glance, with the closing step in red when it left the path. */
export function OrderSteps({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  const path: OrderStatus[] = [
    ...(order.cashTotal > 0 ? (["pending_payment"] as const) : []),
    "paid",
    ...(order.product.type === "physical" ? (["awaiting_shipment", "shipped"] as const) : order.product.type === "virtual" ? (["fulfilling"] as const) : []),
    "completed",
  ];
  const when = new Map<OrderStatus, string>();
  for (const e of order.timeline) when.set(e.toStatus, e.createdAt);
  const reached = path.reduce((last, s, i) => (when.has(s) ? i : last), 0);
  const closed = CLOSED.includes(order.status);
  const steps = closed ? [...path.slice(0, reached + 1), order.status] : path;
  const current = closed ? steps.length - 1 : reached;
  return (
    <Steps
      size="small"
      current={current}
      status={closed ? "error" : order.status === "completed" ? "finish" : "process"}
      items={steps.map((s) => ({ title: t(`orders.status.${s}`), description: when.has(s) ? formatTime(when.get(s)) : undefined }))}
    />
  );
}

import type { OutboxHandler } from "./outbox";
import { deliverWebhook } from "./webhook-handler";

/** How each kind of outbox item is delivered. Later areas add theirs (e.g. supplier fulfilment). */
export const outboxHandlers: Record<string, OutboxHandler> = {
  webhook: deliverWebhook,
};

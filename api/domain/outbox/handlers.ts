import type { AppContext } from "../../context";
import { deliverFulfilment, FULFILMENT_MAX_ATTEMPTS, onFulfilmentOutcome } from "../fulfilment/fulfilment";
import { deliverPaymentRefund, deliverSandboxCallback } from "../payments/payments";
import { deliverDue, type OutboxHandler } from "./outbox";
import { deliverWebhook } from "./webhook-handler";

/** How each kind of outbox item is delivered. */
export const outboxHandlers: Record<string, OutboxHandler> = {
  webhook: deliverWebhook,
  fulfilment: deliverFulfilment,
  "sandbox-callback": deliverSandboxCallback,
  "payment-refund": deliverPaymentRefund,
};

/** One pass over what is due, with each kind's attempt limit and what happens when it is done. */
export function runOutbox(ctx: AppContext, opts: { kinds?: string[]; limit?: number } = {}) {
  return deliverDue(ctx, outboxHandlers, {
    ...opts,
    maxAttempts: { fulfilment: FULFILMENT_MAX_ATTEMPTS },
    onOutcome: { fulfilment: onFulfilmentOutcome(ctx) },
  });
}

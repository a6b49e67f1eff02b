import { createHmac } from "node:crypto";
import { sameSignature } from "../../lib/signing";
import { unauthorized } from "../../lib/errors";

/**
 * The built-in sandbox payment gateway. It behaves like a real one: the member pays on a hosted page,
 * the gateway notifies the merchant asynchronously with a signed callback (and, like real gateways,
 * may notify more than once, or late), and the merchant must verify and de-duplicate.
 */
export interface CallbackNotice {
  reference: string;
  providerTxnId: string;
  status: "succeeded" | "failed";
  amountCents: number;
  at: string;
}

export const SANDBOX = "sandbox";
export const CALLBACK_PATH = "/api/payments/sandbox/callback";
const WINDOW_MS = 10 * 60_000;

export class SandboxGateway {
  readonly secret: string;

  constructor(serverKey: Buffer) {
    this.secret = createHmac("sha256", serverKey).update("sandbox-payment-gateway").digest("hex");
  }

  checkoutUrl(reference: string) {
    return `/sandbox-pay/${encodeURIComponent(reference)}`;
  }

  /** What the gateway sends: body and headers of the notify call. */
  signCallback(notice: CallbackNotice, now: Date) {
    const body = JSON.stringify(notice);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = createHmac("sha256", this.secret).update(`${timestamp}.${body}`).digest("hex");
    return { body, headers: { "content-type": "application/json", "X-Sandbox-Timestamp": timestamp, "X-Sandbox-Signature": signature } };
  }

  /** Verifies a notify call; a forged, altered or stale one is a 401. */
  verifyCallback(rawBody: string, timestamp: string | undefined, signature: string | undefined, now: Date): CallbackNotice {
    if (!timestamp || !signature) throw unauthorized("SIGNATURE_MISSING", "The gateway signature headers are missing");
    if (!/^\d{9,11}$/.test(timestamp) || Math.abs(now.getTime() - Number(timestamp) * 1000) > WINDOW_MS)
      throw unauthorized("TIMESTAMP_OUT_OF_RANGE", "The notification's timestamp is too far off");
    const expected = createHmac("sha256", this.secret).update(`${timestamp}.${rawBody}`).digest("hex");
    if (!sameSignature(signature, expected)) throw unauthorized("SIGNATURE_INVALID", "The gateway signature does not match");
    let notice: CallbackNotice;
    try {
      notice = JSON.parse(rawBody) as CallbackNotice;
    } catch {
      throw unauthorized("SIGNATURE_INVALID", "The notification is not well formed");
    }
    if (!notice || typeof notice !== "object" || !notice.reference || !["succeeded", "failed"].includes(notice.status) || !Number.isInteger(notice.amountCents))
      throw unauthorized("SIGNATURE_INVALID", "The notification is not well formed");
    return notice;
  }
}

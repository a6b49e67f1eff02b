export interface HostApp {
  id: number;
  key: string;
  name: string;
  /** The secret's last four characters. */
  secretHint: string;
  status: "active" | "disabled";
  webhookUrl: string;
  secretRotatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Create and rotate answer with the secret, this once. */
export interface HostAppWithSecret extends HostApp {
  secret: string;
}

export type DeliveryStatus = "pending" | "delivered" | "dead";
export const DELIVERY_STATUSES: DeliveryStatus[] = ["pending", "delivered", "dead"];

export interface Delivery {
  id: number;
  kind: string;
  topic: string;
  appId: number | null;
  dedupeKey: string | null;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface DeliveryAttempt {
  id: number;
  attempt: number;
  url: string;
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
  responseSnippet: string | null;
  createdAt: string;
}

export interface DeliveryDetail extends Delivery {
  attemptLog: DeliveryAttempt[];
}

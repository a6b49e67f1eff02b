import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The host-app signature (README, "Host integration"): hex HMAC-SHA256 with the app secret over
 *   METHOD \n path-with-query \n timestamp \n nonce \n hex SHA-256 of the raw body
 * Webhooks Pointmall sends are signed the same way.
 */
export function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string | Uint8Array): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, bodyHash].join("\n");
}

export const hmacHex = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("hex");

export function signRequest(secret: string, method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string | Uint8Array): string {
  return hmacHex(secret, canonicalRequest(method, pathWithQuery, timestamp, nonce, body));
}

/** SSO links: the other query parameters sorted by name, as k=v joined by &, then HMAC-SHA256. */
export function ssoCanonical(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "signature")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

export const signSso = (secret: string, params: Record<string, string>) => hmacHex(secret, ssoCanonical(params));

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  if (!/^[0-9a-f]+$/i.test(a) || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase(), "hex"), Buffer.from(b.toLowerCase(), "hex"));
}

/** Headers for a signed call: what a host sends us and what our webhooks send to hosts. */
export function signedHeaders(key: string, secret: string, method: string, pathWithQuery: string, body: string, now: Date, nonce: string) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    "X-Pointmall-Key": key,
    "X-Pointmall-Timestamp": timestamp,
    "X-Pointmall-Nonce": nonce,
    "X-Pointmall-Signature": signRequest(secret, method, pathWithQuery, timestamp, nonce, body),
  };
}

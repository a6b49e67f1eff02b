import { createHash, randomBytes } from "node:crypto";

/** An opaque bearer token for a cookie: 32 random bytes, base64url. */
export const newToken = () => randomBytes(32).toString("base64url");

export const sha256Hex = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

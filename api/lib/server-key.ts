import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The server key (encrypts app secrets and coupon codes): POINTMALL_SECRET_KEY (64 hex characters or
 * base64 of 32 bytes) when set; otherwise a key generated once into the data folder (mode 0600).
 */
export function loadServerKey(fromEnv: string | undefined, dataDir: string): { key: Buffer; source: string } {
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, "hex") : Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("POINTMALL_SECRET_KEY must be 32 bytes (64 hex characters or base64)");
    return { key, source: "POINTMALL_SECRET_KEY" };
  }
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
  return { key, source: file };
}

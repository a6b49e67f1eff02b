import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encryption at rest for secrets the server must read back in clear (app secrets for HMAC checks,
 * coupon codes shown to their buyer): AES-256-GCM under the server key, "v1.iv.tag.ciphertext".
 */
export class SecretBox {
  private readonly macKeys = new Map<string, Buffer>();

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("The secret key must be 32 bytes");
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
  }

  open(sealed: string): string {
    const [v, iv, tag, ct] = sealed.split(".");
    if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("not a sealed value");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  }

  /**
   * A keyed hash (hex HMAC-SHA256 under a key derived from the server key for `purpose`): finds equal
   * values among sealed ones (duplicate coupon codes) without opening them, and tells nothing without the key.
   */
  mac(purpose: string, value: string): string {
    let key = this.macKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync("sha256", this.key, Buffer.alloc(0), `pointmall:${purpose}`, 32));
      this.macKeys.set(purpose, key);
    }
    return createHmac("sha256", key).update(value, "utf8").digest("hex");
  }
}

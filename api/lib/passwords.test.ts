import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, OWASP_SCRYPT, verifyPassword, type ScryptCost } from "./passwords";

/** Cheap parameters: the format and the round trip do not depend on the cost. */
const FAST_SCRYPT: ScryptCost = { N: 1024, r: 8, p: 1 };

describe("hashPassword", () => {
  it("encodes the algorithm, its cost parameters, the salt and the key", async () => {
    const hash = await hashPassword("correct-horse", FAST_SCRYPT);
    const [alg, n, r, p, salt, key] = hash.split("$");
    expect(alg).toBe("scrypt");
    expect([Number(n), Number(r), Number(p)]).toEqual([FAST_SCRYPT.N, FAST_SCRYPT.r, FAST_SCRYPT.p]);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
  });

  it("salts every hash, so the same password hashes differently twice", async () => {
    const a = await hashPassword("correct-horse", FAST_SCRYPT);
    const b = await hashPassword("correct-horse", FAST_SCRYPT);
    expect(a).not.toBe(b);
  });

  it("never contains the password", async () => {
    expect(await hashPassword("correct-horse", FAST_SCRYPT)).not.toContain("correct-horse");
  });

  it("defaults to the OWASP cost (N=2^17, r=8, p=1)", () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
  });
});

describe("verifyPassword", () => {
  it("accepts the password a hash was made from", async () => {
    const hash = await hashPassword("correct-horse", FAST_SCRYPT);
    expect(await verifyPassword("correct-horse", hash)).toBe(true);
  });

  it("refuses a wrong password", async () => {
    const hash = await hashPassword("correct-horse", FAST_SCRYPT);
    expect(await verifyPassword("correct-horsE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("verifies with the parameters stored in the hash, so the cost can be raised later", async () => {
    const older = await hashPassword("correct-horse", { N: 2048, r: 8, p: 1 });
    expect(older.split("$")[1]).toBe("2048");
    expect(await verifyPassword("correct-horse", older)).toBe(true);
  });

  it("handles passwords beyond ASCII", async () => {
    const hash = await hashPassword("积分商城-密码🔑", FAST_SCRYPT);
    expect(await verifyPassword("积分商城-密码🔑", hash)).toBe(true);
    expect(await verifyPassword("积分商城-密码", hash)).toBe(false);
  });

  it("refuses a hash of another algorithm or a truncated hash", async () => {
    expect(await verifyPassword("correct-horse", "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword("correct-horse", "scrypt$1024$8$1")).toBe(false);
    expect(await verifyPassword("correct-horse", "")).toBe(false);
  });
});

describe("dummyHash", () => {
  it("is a real scrypt hash that no ordinary password matches", async () => {
    const hash = await dummyHash(FAST_SCRYPT);
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct-horse", hash)).toBe(false);
  });
});

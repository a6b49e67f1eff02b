import { randomBytes, randomInt } from "node:crypto";

/** Randomness is a dependency: draws use the system CSPRNG; tests pass a seeded generator. */
export interface Rng {
  /** A uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  bytes(n: number): Buffer;
}

export const cryptoRng: Rng = {
  int: (maxExclusive) => randomInt(maxExclusive),
  bytes: (n) => randomBytes(n),
};

/** Deterministic generator (xoshiro128**) for reproducible tests and simulations. Not for production draws. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0 || 1;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  const next = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  for (let i = 0; i < 16; i++) next();
  return {
    int(maxExclusive) {
      if (maxExclusive <= 0) throw new RangeError("maxExclusive must be positive");
      // Rejection sampling keeps the result unbiased.
      const limit = Math.floor(0x1_0000_0000 / maxExclusive) * maxExclusive;
      let x = next();
      while (x >= limit) x = next();
      return x % maxExclusive;
    },
    bytes(n) {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i++) out[i] = next() & 0xff;
      return out;
    },
  };
}

function rotl(x: number, k: number) {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string = "info"): Logger {
  return pino({
    level,
    base: undefined,
    // Secrets and coupon codes must never reach a log line.
    redact: {
      paths: ["password", "*.password", "secret", "*.secret", "couponCode", "*.couponCode", "req.headers.cookie", "headers.cookie"],
      censor: "[redacted]",
    },
  });
}

export const silentLogger: Logger = pino({ level: "silent" });

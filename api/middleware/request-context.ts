import type { MiddlewareHandler } from "hono";
import { randomUUID } from "node:crypto";
import type { AppEnv } from "../context";
import type { Logger } from "../lib/logger";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * A logger that becomes `logger.child(bindings)` the first time it is used. Most requests log
 * nothing of their own (the request line is written only at info), and pino's child() (bindings
 * serialised, redaction prepared) cost more than the rest of this middleware.
 */
function lazyChild(logger: Logger, bindings: Record<string, string>): Logger {
  let child: Logger | undefined;
  return new Proxy(logger, {
    get(_, prop) {
      child ??= logger.child(bindings);
      const value = Reflect.get(child, prop, child);
      return typeof value === "function" ? value.bind(child) : value;
    },
  });
}

/** The caller's X-Request-Id (the header's value) when it is sane, a fresh id otherwise. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export interface RequestLine {
  method: string;
  path: string;
  status: number;
  /** performance.now() when the request came in. */
  started: number;
  /** When `log` is not the request's child logger already. */
  reqId?: string;
}

/** The one line per request (at info): method, path, status and milliseconds, with the request id. */
export function logRequest(log: Logger, r: RequestLine) {
  if (!log.isLevelEnabled("info")) return;
  const line = { method: r.method, path: r.path, status: r.status, ms: Math.round((performance.now() - r.started) * 10) / 10 };
  log.info(r.reqId === undefined ? line : { reqId: r.reqId, ...line }, "request");
}

/** Gives every request an id (the caller's X-Request-Id when sane) and a child logger that carries it. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    const log = lazyChild(logger, { reqId: requestId });
    c.set("log", log);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    // The root logger answers the level: asking the child would make it.
    if (logger.isLevelEnabled("info")) logRequest(log, { method: c.req.method, path: c.req.path, status: c.res.status, started });
  };
}

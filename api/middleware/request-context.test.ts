import { Hono } from "hono";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../context";
import { requestContext } from "./request-context";

/** A pino logger writing JSON lines into an array. */
function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: undefined }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

function app(logger: pino.Logger) {
  const a = new Hono<AppEnv>();
  a.use("*", requestContext(logger));
  a.get("/quiet", (c) => c.text("ok"));
  a.get("/talks", (c) => {
    c.get("log").warn({ step: 1 }, "something to say");
    return c.text("ok");
  });
  return a;
}

describe("requestContext", () => {
  it("answers with the caller's X-Request-Id when it is sane, and a fresh one otherwise", async () => {
    const a = app(capture().logger);
    expect((await a.request("/quiet", { headers: { "x-request-id": "abc-12345" } })).headers.get("x-request-id")).toBe("abc-12345");
    expect((await a.request("/quiet", { headers: { "x-request-id": "bad id\n" } })).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes one request line with the request id, method, path, status and time", async () => {
    const { logger, lines } = capture();
    await app(logger).request("/quiet", { headers: { "x-request-id": "abc-12345" } });
    expect(lines).toEqual([expect.objectContaining({ msg: "request", reqId: "abc-12345", method: "GET", path: "/quiet", status: 200, ms: expect.any(Number) })]);
  });

  it("gives handlers a logger that carries the request id", async () => {
    const { logger, lines } = capture("warn");
    await app(logger).request("/talks", { headers: { "x-request-id": "abc-12345" } });
    expect(lines).toEqual([expect.objectContaining({ msg: "something to say", reqId: "abc-12345", step: 1, level: 40 })]);
  });

  it("makes the child logger only when something logs", async () => {
    const { logger } = capture("warn");
    const child = vi.spyOn(logger, "child");
    const a = app(logger);
    await a.request("/quiet");
    expect(child).not.toHaveBeenCalled();
    await a.request("/talks");
    expect(child).toHaveBeenCalledTimes(1);
  });
});

import { serve } from "@hono/node-server";
import { Hono } from "hono";

/** The ceiling: Hono's hello world on the same Node, measured in the same run as every scenario. */
const app = new Hono().get("/", (c) => c.text("Hello Hono!"));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info) => {
  process.send?.({ port: info.port });
});

import { resolve, join } from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  POINTMALL_DATA: z.string().default("./data"),
  POINTMALL_DB: z.string().optional(),
  POINTMALL_DIST: z.string().default("./dist"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  POINTMALL_ALLOWED_ORIGINS: z.string().default(""),
  POINTMALL_COOKIE_SECURE: bool.optional(),
  POINTMALL_ADMIN_USERNAME: z.string().min(3).optional(),
  POINTMALL_ADMIN_PASSWORD: z.string().min(12, "POINTMALL_ADMIN_PASSWORD needs at least 12 characters").optional(),
  POINTMALL_JOBS: bool.default(true),
  POINTMALL_SECRET_KEY: z.string().optional(),
});

export type Env = ReturnType<typeof loadEnv>;

/** The only reader of process.env: parsed once, with a clear message when something is off. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.POINTMALL_DATA);
  const production = e.NODE_ENV === "production";
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: e.POINTMALL_DB ? resolve(e.POINTMALL_DB) : join(dataDir, "pointmall.db"),
    distDir: resolve(e.POINTMALL_DIST),
    logLevel: e.LOG_LEVEL,
    allowedOrigins: e.POINTMALL_ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
    cookieSecure: e.POINTMALL_COOKIE_SECURE ?? production,
    firstAdmin: e.POINTMALL_ADMIN_USERNAME && e.POINTMALL_ADMIN_PASSWORD ? { username: e.POINTMALL_ADMIN_USERNAME, password: e.POINTMALL_ADMIN_PASSWORD } : undefined,
    jobs: e.POINTMALL_JOBS,
    secretKey: e.POINTMALL_SECRET_KEY,
  };
}

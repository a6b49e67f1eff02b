import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";

/**
 * The one error shape: { message, code, details? }. Refine shows `message` as is;
 * `details.fields` maps field paths ("prizes.2.oddsPpm") to messages so forms can mark them.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (message = "You are not allowed to do this", details?: unknown) =>
  new AppError(403, "FORBIDDEN", message, details);
/** Also used for records outside the caller's scope: never reveal that they exist. */
export const notFound = (resource: string, id?: unknown) =>
  new AppError(404, "NOT_FOUND", id === undefined ? `${resource} not found` : `${resource} ${String(id)} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (message: string, fields: Record<string, string>, code = "VALIDATION_FAILED") =>
  new AppError(422, code, message, { fields });
export const tooMany = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError(429, code, message, { retryAfterSeconds }, { "Retry-After": String(retryAfterSeconds) });

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Where a request's input failed validation: body problems are 422, query/path problems 400. */
export function validationError(error: ZodError, target: string): AppError {
  const fields = zodFields(error);
  const list = Object.entries(fields)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
  if (target === "json" || target === "form") return new AppError(422, "VALIDATION_FAILED", `Invalid input (${list})`, { fields });
  return new AppError(400, "INVALID_" + target.toUpperCase(), `Invalid ${target} (${list})`, { fields });
}

interface SqliteLikeError {
  code?: string;
  message: string;
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err, "json");
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return badRequest("BAD_JSON", "The request body is not valid JSON");
    return new AppError(err.status as ContentfulStatusCode, "HTTP_" + err.status, err.message || "Request failed");
  }
  const e = err as SqliteLikeError;
  // A safety net only: handlers check their own conflicts first and say so more clearly.
  if (e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
    return conflict("DUPLICATE", "A record with the same unique value already exists");
  if (e?.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return unprocessable("A referenced record does not exist", {}, "REFERENCE_MISSING");
  if (e?.code === "SQLITE_BUSY") return new AppError(503, "BUSY", "The server is busy, try again", undefined, { "Retry-After": "1" });
  return null;
}

export function errorBody(e: AppError) {
  return e.details === undefined ? { message: e.message, code: e.code } : { message: e.message, code: e.code, details: e.details };
}

export function respondError(c: Context, e: AppError) {
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
  return c.json(errorBody(e), e.status);
}

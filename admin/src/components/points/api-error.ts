import type { HttpError } from "@refinedev/core";

type Translate = (key: string, options?: unknown, defaultMessage?: string) => string;

/**
 * The API's messages are English; the codes the points screens expect get a sentence in the
 * console's language (numbers supplied by the screen, which knows them), anything else is shown
 * as the server said it.
 */
export function pointsErrorMessage(t: Translate, error: HttpError, known: { limit?: string | null; required?: string } = {}): string {
  switch (error.code) {
    case "ADJUST_LIMIT_EXCEEDED":
      return known.limit != null ? t("members.errors.ADJUST_LIMIT_EXCEEDED", { limit: known.limit }) : error.message;
    case "INSUFFICIENT_POINTS":
      // Not the balance we knew: it has just changed under us (the screen reloads it).
      return known.required != null ? t("members.errors.INSUFFICIENT_POINTS", { required: known.required }) : error.message;
    case "REVIEW_DECIDED":
      return t("reviews.errors.REVIEW_DECIDED");
    case "BUSINESS_ID_REUSED":
      return t("members.errors.BUSINESS_ID_REUSED");
    default:
      return error.message;
  }
}

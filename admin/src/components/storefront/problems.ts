import type { HttpError } from "@refinedev/core";
import type { ApiProblem } from "./types";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The API's validation messages are English; those the page editor meets often get a sentence in the
 * console's language, anything else is shown as the server said it.
 */
const KNOWN: [RegExp, string, (m: RegExpExecArray) => Record<string, unknown>][] = [
  [/^Choose at least one product$/, "chooseProducts", () => ({})],
  [/^Choose a category$/, "chooseCategory", () => ({})],
  [/^Enter a tag$/, "enterTag", () => ({})],
  [/^Choose a slot$/, "chooseSlot", () => ({})],
  [/^No slot has this code$/, "noSlot", () => ({})],
  [/^No such category$/, "noCategory", () => ({})],
  [/^No product (\d+)$/, "noProductN", (m) => ({ id: m[1] })],
  [/^No such product$/, "noProduct", () => ({})],
  [/^No such campaign$/, "noCampaign", () => ({})],
  [/^No campaign (\d+)$/, "noCampaignN", (m) => ({ id: m[1] })],
  [/^Campaign (\d+) is not a flash sale$/, "notFlashSale", (m) => ({ id: m[1] })],
  [/^No page at this path$/, "noPage", () => ({})],
  [/^Choose a product$/, "chooseProduct", () => ({})],
  [/^Choose a campaign$/, "chooseCampaign", () => ({})],
  [/^Required in at least one language$/, "textRequired", () => ({})],
  [/^Add at least one icon$/, "addIcon", () => ({})],
  [/^Choose at least one flash sale$/, "chooseFlashSale", () => ({})],
  [/^Listed twice$/, "listedTwice", () => ({})],
  [/^An uploaded image/, "imageRequired", () => ({})],
  [/^An http\(s\) URL, or a path/, "urlInvalid", () => ({})],
  [/^A page path/, "pagePathInvalid", () => ({})],
  [/^the draft is empty$/, "draftEmpty", () => ({})],
  [/^Must be after the start$/, "endAfterStart", () => ({})],
  [/^A festival theme needs a start$/, "festivalStart", () => ({})],
  [/^A festival theme needs an end$/, "festivalEnd", () => ({})],
  [/^A colour as #rrggbb$/, "colour", () => ({})],
  [/^taken/, "taken", () => ({})],
  // zod's message for a missing field ("Invalid input: expected number, received undefined").
  [/expected \w+, received (undefined|null)$/, "required", () => ({})],
];

export function localizeProblem(message: string, t: Translate): string {
  for (const [re, key, args] of KNOWN) {
    const m = re.exec(message);
    if (m) return t(`storefront.problems.${key}`, args(m));
  }
  return message;
}

/** The one error shape as the console's HTTP client hands it over (fields of a 422 included). */
export function apiProblem(e: unknown): ApiProblem {
  const err = e as HttpError;
  const fields = (err?.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
  return { message: err?.message ?? String(e), code: err?.code as string | undefined, fields };
}

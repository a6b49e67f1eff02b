import axios, { type AxiosError } from "axios";
import type { HttpError } from "@refinedev/core";

export const API_URL = "/api/admin";

interface ApiErrorBody {
  message?: string;
  code?: string;
  details?: { fields?: Record<string, string> };
}

/**
 * The console's HTTP client: same-origin cookies, and API errors turned into Refine's HttpError
 * with the server's message (shown as is) and field errors mapped onto form fields.
 */
export const http = axios.create({ withCredentials: true, headers: { "X-Requested-With": "pointmall-admin" } });

http.interceptors.response.use(
  (r) => r,
  (error: AxiosError<ApiErrorBody>) => {
    const body = error.response?.data;
    const fields = body?.details?.fields;
    const httpError: HttpError = {
      message: body?.message ?? error.message,
      statusCode: error.response?.status ?? 0,
      code: body?.code,
      details: body?.details,
      errors: fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])) : undefined,
    };
    return Promise.reject(httpError);
  },
);

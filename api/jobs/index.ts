import { HOUR } from "../lib/clock";
import { purgeExpiredSessions } from "../lib/staff-auth";
import type { Job } from "./scheduler";

/** Every periodic job the server runs. Later areas add theirs here. */
export const jobs: Job[] = [
  { name: "purge-staff-sessions", everyMs: HOUR, run: (ctx) => purgeExpiredSessions(ctx.db, ctx.clock.now()) },
];

import type { AppContext } from "../context";

export interface Job {
  name: string;
  everyMs: number;
  /** Runs to completion synchronously or asynchronously; errors are logged, the schedule goes on. */
  run(ctx: AppContext): unknown | Promise<unknown>;
}

/** In-process schedule for the server's periodic work (session purge, expiry sweep, outbox delivery ...). */
export function startScheduler(ctx: AppContext, jobs: Job[]) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  for (const job of jobs) {
    const tick = async () => {
      if (running.has(job.name)) return;
      running.add(job.name);
      try {
        await job.run(ctx);
      } catch (err) {
        ctx.logger.error({ err, job: job.name }, "scheduled job failed");
      } finally {
        running.delete(job.name);
      }
    };
    const t = setInterval(tick, job.everyMs);
    t.unref();
    timers.push(t);
  }
  return { stop: () => timers.forEach(clearInterval) };
}

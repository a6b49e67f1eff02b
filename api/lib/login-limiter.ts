/**
 * Failed logins per IP in a sliding window, in memory: one process serves the mall, and a restart
 * forgetting an attacker's count is acceptable because accounts also lock in the database.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  private recent(ip: string, now: number): number[] {
    const list = (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(ip, list);
    else this.failures.delete(ip);
    return list;
  }

  /** Seconds until this IP may try again, or 0 when it may try now. */
  retryAfter(ip: string, now: number): number {
    const list = this.recent(ip, now);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000));
  }

  fail(ip: string, now: number) {
    const list = this.recent(ip, now);
    list.push(now);
    this.failures.set(ip, list);
  }

  succeed(ip: string) {
    this.failures.delete(ip);
  }
}

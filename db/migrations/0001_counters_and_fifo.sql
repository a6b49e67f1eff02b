CREATE TABLE `point_event_days` (
	`member_id` integer NOT NULL,
	`type` text NOT NULL,
	`day` text NOT NULL,
	`points` integer NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`member_id`, `type`, `day`)
);
--> statement-breakpoint
DROP INDEX `ledger_member_rule_time_idx`;--> statement-breakpoint
DROP INDEX `point_events_member_type_idx`;--> statement-breakpoint
DROP INDEX `orders_pay_by_idx`;--> statement-breakpoint
DROP INDEX `orders_auto_complete_idx`;--> statement-breakpoint
CREATE INDEX `orders_pay_by_idx` ON `orders` (`pay_by`) WHERE "orders"."status" = 'pending_payment';--> statement-breakpoint
CREATE INDEX `orders_auto_complete_idx` ON `orders` (`auto_complete_at`) WHERE "orders"."status" = 'shipped';--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express an index on an expression): a member's open lots in
-- spending order, expiring first and never-expiring last (8640000000000000 is NEVER_MS in db/schema/points.ts).
CREATE INDEX `lots_member_fifo_idx` ON `point_lots` (`member_id`, coalesce(`expires_at`, 8640000000000000), `id`) WHERE `remaining` > 0 AND `expired_at` IS NULL;--> statement-breakpoint
-- The per-day counters from the events already received (mall days in Asia/Shanghai, UTC+8).
INSERT INTO `point_event_days` (`member_id`, `type`, `day`, `points`, `events`)
  SELECT `member_id`, `type`, strftime('%Y-%m-%d', `occurred_at` / 1000 + 8 * 3600, 'unixepoch'), sum(`points`), count(*)
  FROM `point_events` WHERE `outcome` IN ('granted', 'capped') GROUP BY 1, 2, 3;

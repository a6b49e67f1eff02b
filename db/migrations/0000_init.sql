CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`is_platform` integer DEFAULT false NOT NULL,
	`settlement` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_code_unique` ON `suppliers` (`code`);--> statement-breakpoint
CREATE INDEX `suppliers_status_idx` ON `suppliers` (`status`);--> statement-breakpoint
CREATE TABLE `casbin_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ptype` text NOT NULL,
	`v0` text DEFAULT '' NOT NULL,
	`v1` text DEFAULT '' NOT NULL,
	`v2` text DEFAULT '' NOT NULL,
	`v3` text DEFAULT '' NOT NULL,
	`v4` text DEFAULT '' NOT NULL,
	`v5` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `casbin_rules_line_uq` ON `casbin_rules` (`ptype`,`v0`,`v1`,`v2`,`v3`,`v4`,`v5`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_user_idx` ON `staff_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`supplier_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`last_login_at` integer,
	`password_changed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_uq` ON `staff_users` (`username`);--> statement-breakpoint
CREATE INDEX `staff_users_supplier_idx` ON `staff_users` (`supplier_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`resource_id` text,
	`before` text,
	`after` text,
	`ip` text DEFAULT '' NOT NULL,
	`request_id` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_resource_idx` ON `audit_log` (`resource`,`resource_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `app_nonces` (
	`app_id` integer NOT NULL,
	`nonce` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`app_id`, `nonce`)
);
--> statement-breakpoint
CREATE INDEX `app_nonces_expires_idx` ON `app_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `apps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`secret_enc` text NOT NULL,
	`secret_hint` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`webhook_url` text DEFAULT '' NOT NULL,
	`secret_rotated_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `apps_key_uq` ON `apps` (`key`);--> statement-breakpoint
CREATE TABLE `member_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_sessions_member_idx` ON `member_sessions` (`member_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`nickname` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`tier` text DEFAULT 'normal' NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`last_seen_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_app_external_uq` ON `members` (`app_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `members_tier_idx` ON `members` (`tier`);--> statement-breakpoint
CREATE INDEX `members_balance_idx` ON `members` (`balance`);--> statement-breakpoint
CREATE INDEX `members_created_idx` ON `members` (`created_at`);--> statement-breakpoint
CREATE TABLE `tier_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`from_tier` text NOT NULL,
	`to_tier` text NOT NULL,
	`earned_12m` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tier_changes_member_idx` ON `tier_changes` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`type` text NOT NULL,
	`amount` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`business_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text DEFAULT '' NOT NULL,
	`rule_id` integer,
	`rule_version` integer,
	`ref_entry_id` integer,
	`order_id` integer,
	`campaign_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_app_business_uq` ON `ledger_entries` (`app_id`,`business_id`);--> statement-breakpoint
CREATE INDEX `ledger_member_idx` ON `ledger_entries` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_member_type_time_idx` ON `ledger_entries` (`member_id`,`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_member_rule_time_idx` ON `ledger_entries` (`member_id`,`rule_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_created_idx` ON `ledger_entries` (`created_at`);--> statement-breakpoint
CREATE TABLE `lot_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`restored` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lot_alloc_entry_idx` ON `lot_allocations` (`entry_id`);--> statement-breakpoint
CREATE TABLE `point_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` integer NOT NULL,
	`business_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`member_id` integer NOT NULL,
	`type` text NOT NULL,
	`amount` integer,
	`occurred_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`points` integer NOT NULL,
	`rule_id` integer,
	`rule_version` integer,
	`entry_id` integer,
	`review_id` integer,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `point_events_app_business_uq` ON `point_events` (`app_id`,`business_id`);--> statement-breakpoint
CREATE INDEX `point_events_member_type_idx` ON `point_events` (`member_id`,`type`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `point_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`remaining` integer NOT NULL,
	`earned_at` integer NOT NULL,
	`expires_at` integer,
	`expired_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lots_member_open_idx` ON `point_lots` (`member_id`,`remaining`,`expires_at`);--> statement-breakpoint
CREATE INDEX `lots_expiry_idx` ON `point_lots` (`expires_at`,`remaining`);--> statement-breakpoint
CREATE TABLE `point_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`source` text NOT NULL,
	`entry_type` text NOT NULL,
	`amount` integer NOT NULL,
	`business_id` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`event_type` text,
	`rule_id` integer,
	`rule_version` integer,
	`requested_by` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`entry_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `point_reviews_status_idx` ON `point_reviews` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `point_reviews_business_uq` ON `point_reviews` (`app_id`,`business_id`);--> statement-breakpoint
CREATE TABLE `earning_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_type` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`current_version` integer NOT NULL,
	`canary_version` integer,
	`canary_percent` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `earning_rules_event_uq` ON `earning_rules` (`event_type`);--> statement-breakpoint
CREATE TABLE `rule_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer NOT NULL,
	`version` integer NOT NULL,
	`config` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`rule_id`) REFERENCES `earning_rules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_rule_version_uq` ON `rule_versions` (`rule_id`,`version`);--> statement-breakpoint
CREATE INDEX `rule_versions_rule_idx` ON `rule_versions` (`rule_id`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`attempt` integer NOT NULL,
	`url` text NOT NULL,
	`status_code` integer,
	`ok` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`error` text,
	`response_snippet` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_outbox_idx` ON `delivery_attempts` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audience` text NOT NULL,
	`member_id` integer,
	`staff_scope` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`read_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`kind`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_member_idx` ON `notifications` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`app_id` integer,
	`dedupe_key` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`kind`,`dedupe_key`);
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
	`api_secret_enc` text,
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
CREATE INDEX `ledger_member_type_time_idx` ON `ledger_entries` (`member_id`,`type`,`created_at`,`amount`);--> statement-breakpoint
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
CREATE INDEX `point_events_member_type_idx` ON `point_events` (`member_id`,`type`,`occurred_at`,`outcome`,`points`);--> statement-breakpoint
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
CREATE INDEX `lots_open_expiry_idx` ON `point_lots` (`expires_at`,`member_id`) WHERE "point_lots"."remaining" > 0 and "point_lots"."expired_at" is null;--> statement-breakpoint
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
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`kind`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`icon` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `coupon_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`code_enc` text NOT NULL,
	`code_hash` text NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`order_id` integer,
	`import_id` integer,
	`revealed_at` integer,
	`assigned_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_codes_product_hash_uq` ON `coupon_codes` (`product_id`,`code_hash`);--> statement-breakpoint
CREATE INDEX `coupon_codes_available_idx` ON `coupon_codes` (`product_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`target_id` integer,
	`supplier_id` integer,
	`status` text DEFAULT 'running' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`succeeded` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`supplier_id` integer NOT NULL,
	`category_id` integer,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`images` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`points_price` integer NOT NULL,
	`cash_price` integer DEFAULT 0 NOT NULL,
	`cost_cents` integer DEFAULT 0 NOT NULL,
	`stock` integer DEFAULT 0 NOT NULL,
	`low_stock_threshold` integer DEFAULT 0 NOT NULL,
	`per_member_limit` integer DEFAULT 0 NOT NULL,
	`min_tier` text DEFAULT '' NOT NULL,
	`sale_start` integer,
	`sale_end` integer,
	`fulfilment` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`reject_reason` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`submitted_at` integer,
	`sold` integer DEFAULT 0 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `products_supplier_idx` ON `products` (`supplier_id`,`status`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`,`status`);--> statement-breakpoint
CREATE INDEX `products_status_idx` ON `products` (`status`,`sort_order`);--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`path` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer,
	`height` integer,
	`uploaded_by` text NOT NULL,
	`supplier_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uploads_sha_uq` ON `uploads` (`sha256`);--> statement-breakpoint
CREATE TABLE `member_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`region` text NOT NULL,
	`detail` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_addresses_member_idx` ON `member_addresses` (`member_id`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_no` text NOT NULL,
	`app_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`product` text NOT NULL,
	`quantity` integer NOT NULL,
	`points_total` integer NOT NULL,
	`cash_total` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`source` text DEFAULT 'catalog' NOT NULL,
	`campaign_id` integer,
	`address` text,
	`recipient` text,
	`carrier` text,
	`tracking_no` text,
	`coupon_code_id` integer,
	`spend_entry_id` integer,
	`refund_entry_id` integer,
	`pay_by` integer,
	`paid_at` integer,
	`shipped_at` integer,
	`completed_at` integer,
	`auto_complete_at` integer,
	`closed_at` integer,
	`close_reason` text,
	`return_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_no_uq` ON `orders` (`order_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_member_key_uq` ON `orders` (`member_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_member_idx` ON `orders` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_member_product_idx` ON `orders` (`member_id`,`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `orders_supplier_status_idx` ON `orders` (`supplier_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_pay_by_idx` ON `orders` (`status`,`pay_by`);--> statement-breakpoint
CREATE INDEX `orders_auto_complete_idx` ON `orders` (`status`,`auto_complete_at`);--> statement-breakpoint
CREATE INDEX `orders_product_idx` ON `orders` (`product_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`provider` text NOT NULL,
	`reference` text NOT NULL,
	`provider_txn_id` text,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`callbacks` integer DEFAULT 0 NOT NULL,
	`paid_at` integer,
	`refunded_at` integer,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_reference_uq` ON `payments` (`reference`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
CREATE TABLE `auction_bids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`hold_entry_id` integer NOT NULL,
	`release_entry_id` integer,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auction_bids_campaign_idx` ON `auction_bids` (`campaign_id`,`amount`);--> statement-breakpoint
CREATE UNIQUE INDEX `auction_bids_key_uq` ON `auction_bids` (`campaign_id`,`member_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `campaign_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`cost` integer DEFAULT 0 NOT NULL,
	`spend_entry_id` integer,
	`prize_id` integer,
	`outcome` text NOT NULL,
	`points_awarded` integer DEFAULT 0 NOT NULL,
	`ledger_entry_id` integer,
	`order_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_entries_key_uq` ON `campaign_entries` (`campaign_id`,`member_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `campaign_entries_member_day_idx` ON `campaign_entries` (`campaign_id`,`member_id`,`day`);--> statement-breakpoint
CREATE INDEX `campaign_entries_prize_day_idx` ON `campaign_entries` (`campaign_id`,`prize_id`,`day`);--> statement-breakpoint
CREATE INDEX `campaign_entries_campaign_idx` ON `campaign_entries` (`campaign_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `campaign_prizes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`product_id` integer,
	`odds_ppm` integer DEFAULT 0 NOT NULL,
	`stock` integer,
	`initial_stock` integer,
	`daily_release` integer DEFAULT 0 NOT NULL,
	`value_cents` integer DEFAULT 0 NOT NULL,
	`is_fallback` integer DEFAULT false NOT NULL,
	`color` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_prizes_campaign_idx` ON `campaign_prizes` (`campaign_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `campaign_visits` (
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_visits_uq` ON `campaign_visits` (`campaign_id`,`member_id`,`day`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template` text NOT NULL,
	`title` text NOT NULL,
	`rules` text NOT NULL,
	`image` text DEFAULT '' NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`tiers` text DEFAULT '[]' NOT NULL,
	`new_member_days` integer DEFAULT 0 NOT NULL,
	`entry_cost` integer DEFAULT 0 NOT NULL,
	`per_day_limit` integer DEFAULT 0 NOT NULL,
	`total_limit` integer DEFAULT 0 NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`reserved_stock` integer DEFAULT 0 NOT NULL,
	`stock_left` integer DEFAULT 0 NOT NULL,
	`current_price` integer,
	`leader_member_id` integer,
	`settled_at` integer,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`,`start_at`);--> statement-breakpoint
CREATE INDEX `campaigns_window_idx` ON `campaigns` (`start_at`,`end_at`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`question_ids` text NOT NULL,
	`deadline` integer NOT NULL,
	`answers` text,
	`score` integer,
	`passed` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_member_idx` ON `quiz_attempts` (`campaign_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `quiz_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`text` text NOT NULL,
	`kind` text NOT NULL,
	`options` text NOT NULL,
	`correct` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_questions_campaign_idx` ON `quiz_questions` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `sign_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL,
	`streak` integer NOT NULL,
	`points` integer NOT NULL,
	`made_up` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_ins_member_day_uq` ON `sign_ins` (`campaign_id`,`member_id`,`day`);--> statement-breakpoint
CREATE TABLE `page_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`version` integer NOT NULL,
	`blocks` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`publish_at` integer,
	`published_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `page_versions_uq` ON `page_versions` (`page_id`,`version`);--> statement-breakpoint
CREATE INDEX `page_versions_due_idx` ON `page_versions` (`publish_at`,`published_at`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`title` text NOT NULL,
	`draft` text DEFAULT '[]' NOT NULL,
	`published_version_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_path_uq` ON `pages` (`path`);--> statement-breakpoint
CREATE TABLE `slot_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`title` text NOT NULL,
	`image` text NOT NULL,
	`link` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`start_at` integer,
	`end_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `slot_items_slot_idx` ON `slot_items` (`slot_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slots_code_uq` ON `slots` (`code`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`primary_color` text NOT NULL,
	`background` text NOT NULL,
	`logo_url` text DEFAULT '' NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`start_at` integer,
	`end_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

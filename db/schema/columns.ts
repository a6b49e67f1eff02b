import { integer } from "drizzle-orm/sqlite-core";

/** Times are stored as UTC epoch milliseconds and surface as Date objects. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const createdAt = () => timestamp("created_at").notNull();
export const updatedAt = () => timestamp("updated_at").notNull();

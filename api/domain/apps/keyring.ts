import { eq, lt, sql } from "drizzle-orm";
import { prepared } from "../../../db/prepared";
import type { DbOrTx } from "../../../db/client";
import { appNonces, apps } from "../../../db/schema";
import type { SecretBox } from "../../lib/secret-box";

export interface AppKey {
  id: number;
  key: string;
  name: string;
  status: "active" | "disabled";
  secret: string;
  webhookUrl: string;
}

/**
 * Host apps by key with their secrets opened, cached in memory (every signed request needs one) and
 * dropped when an app changes.
 */
export class Keyring {
  private byKey = new Map<string, AppKey | null>();
  private byId = new Map<number, AppKey | null>();

  constructor(private readonly db: DbOrTx, private readonly box: SecretBox) {}

  private open(row: typeof apps.$inferSelect | undefined): AppKey | null {
    if (!row) return null;
    return { id: row.id, key: row.key, name: row.name, status: row.status, secret: this.box.open(row.secretEnc), webhookUrl: row.webhookUrl };
  }

  byAppKey(key: string): AppKey | null {
    if (!this.byKey.has(key)) this.byKey.set(key, this.open(this.db.select().from(apps).where(eq(apps.key, key)).get()));
    return this.byKey.get(key)!;
  }

  byAppId(id: number): AppKey | null {
    if (!this.byId.has(id)) this.byId.set(id, this.open(this.db.select().from(apps).where(eq(apps.id, id)).get()));
    return this.byId.get(id)!;
  }

  invalidate() {
    this.byKey.clear();
    this.byId.clear();
  }
}

/** Records a nonce; false when this app used it before (a replay). */
export function claimNonce(tx: DbOrTx, appId: number, nonce: string, expiresAt: Date): boolean {
  const insert = prepared(tx, "nonces.claim", (db) =>
    db.insert(appNonces).values({ appId: sql.placeholder("appId"), nonce: sql.placeholder("nonce"), expiresAt: sql.placeholder("expiresAt") }).onConflictDoNothing().prepare(),
  );
  return insert.run({ appId, nonce, expiresAt }).changes === 1;
}

export function purgeNonces(tx: DbOrTx, now: Date): number {
  return tx.delete(appNonces).where(lt(appNonces.expiresAt, now)).run().changes;
}


import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../../../db/client";
import { apps } from "../../../db/schema";
import type { SecretBox } from "../../lib/secret-box";
import { conflict, notFound } from "../../lib/errors";

export type AppRow = typeof apps.$inferSelect;
export const newAppSecret = () => randomBytes(24).toString("base64url");

/** Registers a host app. The secret is returned once, here, and stored only encrypted. */
export function registerApp(tx: DbOrTx, box: SecretBox, input: { key: string; name: string; webhookUrl?: string; secret?: string }, now: Date): { app: AppRow; secret: string } {
  if (tx.select({ id: apps.id }).from(apps).where(eq(apps.key, input.key)).get())
    throw conflict("APP_KEY_TAKEN", `The app key ${input.key} is taken`, { fields: { key: "already taken" } });
  const secret = input.secret ?? newAppSecret();
  const app = tx
    .insert(apps)
    .values({ key: input.key, name: input.name, webhookUrl: input.webhookUrl ?? "", secretEnc: box.seal(secret), secretHint: secret.slice(-4), createdAt: now, updatedAt: now })
    .returning()
    .get();
  return { app, secret };
}

/** A new secret, returned once; the old one stops working at once. */
export function rotateAppSecret(tx: DbOrTx, box: SecretBox, id: number, now: Date): { app: AppRow; secret: string } {
  if (!tx.select({ id: apps.id }).from(apps).where(eq(apps.id, id)).get()) throw notFound("App", id);
  const secret = newAppSecret();
  const app = tx
    .update(apps)
    .set({ secretEnc: box.seal(secret), secretHint: secret.slice(-4), secretRotatedAt: now, updatedAt: now })
    .where(eq(apps.id, id))
    .returning()
    .get();
  return { app, secret };
}

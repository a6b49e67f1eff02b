import { useTranslate } from "@refinedev/core";
import { Badge, Typography } from "antd";
import type { HostApp } from "./types";

export function AppStatusBadge({ status }: { status: HostApp["status"] }) {
  const t = useTranslate();
  return <Badge status={status === "active" ? "success" : "default"} text={t(`apps.status.${status}`)} />;
}

/** "••••abcd": enough to tell secrets apart, never the secret. */
export function SecretHint({ hint }: { hint: string }) {
  return (
    <Typography.Text code data-testid="secret-hint">
      ••••{hint}
    </Typography.Text>
  );
}

import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate } from "@refinedev/core";
import { Button, Popconfirm } from "antd";
import { KeyOutlined } from "@ant-design/icons";
import { useState } from "react";
import { SecretModal } from "./secret-modal";
import type { HostApp, HostAppWithSecret } from "./types";

/** A new secret after a confirmation (the old one stops working at once), then shown once. */
export function RotateSecretButton({ app }: { app: HostApp }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { data: can } = useCan({ resource: "apps", action: "rotate-secret" });
  const { mutate, mutation } = useCustomMutation<HostAppWithSecret>();
  const [secret, setSecret] = useState<string | null>(null);
  if (!can?.can) return null;

  const rotate = () =>
    mutate(
      { url: `${apiUrl}/apps/${app.id}/rotate-secret`, method: "post", values: {}, successNotification: false },
      {
        onSuccess: ({ data }) => {
          setSecret(data.secret);
          invalidate({ resource: "apps", id: app.id, invalidates: ["detail", "list"] });
        },
      },
    );

  return (
    <>
      <Popconfirm
        title={t("apps.rotate.confirm", { name: app.name })}
        description={t("apps.rotate.confirmText")}
        okText={t("apps.rotate.button")}
        okButtonProps={{ danger: true }}
        onConfirm={rotate}
      >
        <Button danger icon={<KeyOutlined />} loading={mutation.isPending} data-testid="rotate-secret">
          {t("apps.rotate.button")}
        </Button>
      </Popconfirm>
      <SecretModal open={secret !== null} appKey={app.key} secret={secret} title={t("apps.rotate.newTitle", { name: app.name })} onClose={() => setSecret(null)} />
    </>
  );
}

import { useApiUrl, useCustomMutation, useTranslate } from "@refinedev/core";
import { Alert, Button, Modal, Popconfirm, Typography } from "antd";
import { KeyOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { StaffUser } from "./constants";

/** Generates a temporary password on the server and shows it once; the user's sessions end. */
export function ResetPasswordButton({ user }: { user: StaffUser }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { mutate, mutation } = useCustomMutation<{ temporaryPassword: string }>();
  const [shown, setShown] = useState<string | null>(null);

  const reset = () =>
    mutate(
      { url: `${apiUrl}/staff-users/${user.id}/reset-password`, method: "post", values: {}, successNotification: false },
      { onSuccess: ({ data }) => setShown(data.temporaryPassword) },
    );

  return (
    <>
      <Popconfirm
        title={t("staff-users.confirmReset", { name: user.displayName })}
        description={t("staff-users.confirmResetText")}
        okText={t("staff-users.resetPassword")}
        onConfirm={reset}
      >
        <Button size="small" icon={<KeyOutlined />} loading={mutation.isPending} aria-label={t("staff-users.resetPassword")} />
      </Popconfirm>
      <Modal open={shown !== null} title={t("staff-users.tempPasswordTitle")} onOk={() => setShown(null)} onCancel={() => setShown(null)} cancelButtonProps={{ style: { display: "none" } }}>
        <Alert type="warning" showIcon message={t("staff-users.tempPasswordOnce")} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: shown ?? "" }} code style={{ fontSize: 18 }} data-testid="temporary-password">
          {shown}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

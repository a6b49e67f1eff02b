import { useState } from "react";
import { useTranslate } from "@refinedev/core";
import { Alert, DatePicker, Form, Input, Modal, Radio, Typography, type ButtonProps } from "antd";
import dayjs from "dayjs";
import { shanghaiNow, shanghaiTimeItem, toPickerValue } from "../campaigns/shanghai-time";

export interface PublishInput {
  note: string;
  /** An ISO instant in the future, or null: now. */
  publishAt: string | null;
}

interface Props {
  open: boolean;
  /** The editor has changes not saved yet: they are saved as the draft first. */
  unsaved: boolean;
  /** The page already waits for a scheduled publish at this time. */
  scheduledAt: string | null;
  busy: boolean;
  error?: string | null;
  onCancel: () => void;
  onPublish: (input: PublishInput) => void;
}

/** Publish the draft now, or at a date and time (Asia/Shanghai), with a note for the version history. */
export function PublishModal({ open, unsaved, scheduledAt, busy, error, onCancel, onPublish }: Props) {
  const t = useTranslate();
  const [form] = Form.useForm<{ note: string; when: "now" | "later"; publishAt: string | null }>();
  const [when, setWhen] = useState<"now" | "later">("now");

  const submit = async () => {
    const v = await form.validateFields();
    onPublish({ note: v.note?.trim() ?? "", publishAt: v.when === "later" ? v.publishAt : null });
  };

  return (
    <Modal
      open={open}
      title={t("storefront.publish.title")}
      onCancel={onCancel}
      onOk={() => void submit().catch(() => undefined)}
      okText={t(when === "later" ? "storefront.publish.schedule" : "storefront.publish.now")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "confirm-publish" } as ButtonProps}
      destroyOnHidden
      afterOpenChange={(visible) => {
        // Reset once closed: resetting on open (after its animation) would wipe a note typed quickly.
        if (!visible) {
          form.resetFields();
          setWhen("now");
        }
      }}
    >
      {unsaved && <Alert type="info" showIcon message={t("storefront.publish.savesFirst")} style={{ marginBottom: 16 }} />}
      {scheduledAt && <Alert type="warning" showIcon message={t("storefront.publish.alreadyScheduled", { time: toPickerValue(scheduledAt)?.format("YYYY-MM-DD HH:mm") })} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="publish" initialValues={{ note: "", when: "now", publishAt: null }}>
        <Form.Item name="note" label={t("storefront.publish.note")} extra={t("storefront.publish.noteHint")} rules={[{ max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount placeholder={t("storefront.publish.notePlaceholder")} />
        </Form.Item>
        <Form.Item name="when" label={t("storefront.publish.when")}>
          <Radio.Group
            onChange={(e) => setWhen(e.target.value)}
            options={[
              { value: "now", label: t("storefront.publish.whenNow") },
              { value: "later", label: t("storefront.publish.whenLater") },
            ]}
          />
        </Form.Item>
        {when === "later" && (
          <Form.Item
            name="publishAt"
            label={t("storefront.publish.at")}
            extra={t("storefront.publish.tzHint")}
            rules={[
              { required: true, message: t("storefront.publish.atRequired") },
              {
                validator: async (_, v: string | null) => {
                  if (v && new Date(v).getTime() <= Date.now()) throw new Error(t("storefront.publish.atFuture"));
                },
              },
            ]}
            {...shanghaiTimeItem}
          >
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              defaultPickerValue={shanghaiNow()}
              disabledDate={(d) => d.isBefore(shanghaiNow().startOf("day"))}
              style={{ width: 240 }}
              data-testid="publish-at"
            />
          </Form.Item>
        )}
      </Form>
      {when === "now" && <Typography.Paragraph type="secondary">{t("storefront.publish.nowHint")}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon message={error} data-testid="publish-error" />}
    </Modal>
  );
}

/** "in 3 hours" for a scheduled time. */
export const fromNow = (iso: string) => dayjs(iso).fromNow();

import { useState } from "react";
import { useTranslate } from "@refinedev/core";
import { App, Image, Upload, type UploadFile } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { API_URL } from "../../providers/http";

const TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];
const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGES = 9;

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

const fileOf = (url: string, i: number): UploadFile => ({ uid: `${i}-${url.slice(-24)}`, name: url.split("/").pop() ?? `image-${i + 1}`, status: "done", url });

/**
 * Product pictures: uploaded to /api/admin/uploads one by one (the server checks type and size
 * again), kept in order as URLs; the first one is the main picture.
 */
export function ImageUpload({ value = [], onChange, disabled }: Props) {
  const t = useTranslate();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const fileList = [...value.map(fileOf), ...uploading];

  return (
    <>
      <Upload
        name="file"
        action={`${API_URL}/uploads`}
        withCredentials
        headers={{ "X-Requested-With": "pointmall-admin" }}
        accept={TYPES.join(",")}
        listType="picture-card"
        multiple
        disabled={disabled}
        fileList={fileList}
        beforeUpload={(file) => {
          if (!TYPES.includes(file.type)) {
            void message.error(t("products.images.wrongType", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_BYTES) {
            void message.error(t("products.images.tooLarge", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (value.length + uploading.length >= MAX_IMAGES) {
            void message.warning(t("products.images.tooMany", { max: MAX_IMAGES }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        onChange={({ file }) => {
          if (file.status === "uploading") setUploading((u) => [...u.filter((f) => f.uid !== file.uid), file]);
          else setUploading((u) => u.filter((f) => f.uid !== file.uid));
          if (file.status === "done") {
            const url = (file.response as { url?: string } | undefined)?.url;
            if (url) onChange?.([...value.filter((v) => v !== url), url]);
          }
          if (file.status === "error") {
            const body = file.response as { message?: string } | undefined;
            void message.error(body?.message ?? t("products.images.failed", { name: file.name }));
          }
        }}
        onRemove={(file) => {
          if (file.url) onChange?.(value.filter((v) => v !== file.url));
          return true;
        }}
        onPreview={(file) => setPreview(file.url ?? file.thumbUrl ?? null)}
        data-testid="image-upload"
      >
        {fileList.length < MAX_IMAGES && !disabled && (
          <button type="button" style={{ border: 0, background: "none", cursor: "pointer" }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t("products.images.add")}</div>
          </button>
        )}
      </Upload>
      {preview && <Image style={{ display: "none" }} src={preview} preview={{ visible: true, onVisibleChange: (v) => !v && setPreview(null) }} />}
    </>
  );
}

import { useState } from "react";
import { useApiUrl, useCan, useCustom, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Button, Card, Col, Empty, Input, Modal, Progress, Result, Row, Space, Statistic, Table, Typography, Upload } from "antd";
import { CloudUploadOutlined, FileTextOutlined, InboxOutlined } from "@ant-design/icons";
import type { CodeStats, ImportJob, Product } from "./types";

const MAX_FILE = 5 * 1024 * 1024;

/** Lines that would be codes (the header "code" and blank lines left out), for the count before importing. */
export function countCodeLines(csv: string): number {
  const lines = csv.split(/\r\n|\n|\r/).map((l) => l.split(",")[0].trim().replace(/^"|"$/g, ""));
  const data = lines.filter(Boolean);
  return data.length && data[0].toLowerCase() === "code" ? data.length - 1 : data.length;
}

/** The code pool of a coupon product: how many codes are left and assigned, and the CSV import. */
export function CouponPool({ product }: { product: Pick<Product, "id" | "stock"> }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { data: canImport } = useCan({ resource: "products", action: "import" });
  const [open, setOpen] = useState(false);
  const { result, query } = useCustom<CodeStats>({ url: `${apiUrl}/products/${product.id}/codes/stats`, method: "get", queryOptions: { staleTime: 0 } });
  const stats = query.data ? (result.data as CodeStats) : undefined;

  const refresh = () => {
    void query.refetch();
    void invalidate({ resource: "products", invalidates: ["detail", "list"], id: product.id });
  };

  return (
    <Card
      size="small"
      title={t("products.codes.title")}
      extra={
        canImport?.can && (
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setOpen(true)} data-testid="import-codes">
            {t("products.codes.import")}
          </Button>
        )
      }
      data-testid="code-pool"
    >
      <Row gutter={24}>
        <Col span={12}>
          <Statistic title={t("products.codes.available")} value={stats?.available ?? "—"} loading={query.isLoading} valueStyle={{ color: stats && stats.available === 0 ? "#cf1322" : undefined }} />
        </Col>
        <Col span={12}>
          <Statistic title={t("products.codes.assigned")} value={stats?.assigned ?? "—"} loading={query.isLoading} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("products.codes.hint")}
      </Typography.Paragraph>
      {open && (
        <ImportModal
          productId={product.id}
          onClose={() => {
            setOpen(false);
            refresh();
          }}
        />
      )}
    </Card>
  );
}

function ImportModal({ productId, onClose }: { productId: number; onClose: () => void }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync, mutation } = useCustomMutation<ImportJob>();
  const { result, query } = useCustom<ImportJob>({
    url: `${apiUrl}/import-jobs/${jobId}`,
    method: "get",
    queryOptions: {
      enabled: jobId != null,
      // Poll while the server works through the file in chunks.
      refetchInterval: (q) => ((q.state.data as { data?: ImportJob } | undefined)?.data?.status === "running" || !q.state.data ? 400 : false),
    },
  });
  const job = query.data ? (result.data as ImportJob) : undefined;
  const lines = countCodeLines(csv);
  const running = jobId != null && (!job || job.status === "running");

  const start = async () => {
    setError(null);
    try {
      const res = await mutateAsync({ url: `${apiUrl}/products/${productId}/codes/import`, method: "post", values: { csv }, errorNotification: false });
      setJobId(res.data.id);
    } catch (e) {
      setError((e as HttpError).message);
    }
  };

  const percent = job && job.total ? Math.floor((job.processed / job.total) * 100) : 0;

  return (
    <Modal
      open
      width={640}
      title={t("products.codes.importTitle")}
      onCancel={running ? undefined : onClose}
      closable={!running}
      maskClosable={false}
      destroyOnHidden
      footer={
        jobId == null ? (
          <Space>
            <Button onClick={onClose}>{t("buttons.cancel")}</Button>
            <Button type="primary" disabled={lines === 0} loading={mutation.isPending} onClick={() => void start()} data-testid="start-import">
              {t("products.codes.start", { count: lines })}
            </Button>
          </Space>
        ) : (
          <Button type="primary" disabled={running} onClick={onClose} data-testid="close-import">
            {t("products.codes.done")}
          </Button>
        )
      }
    >
      {jobId == null && (
        <>
          <Upload.Dragger
            accept=".csv,.txt,text/csv,text/plain"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_FILE) {
                setError(t("products.codes.fileTooLarge"));
                return Upload.LIST_IGNORE;
              }
              // Read in the browser and sent as text: the file itself is never stored.
              void file.text().then((text) => {
                setCsv(text);
                setFileName(file.name);
                setError(null);
              });
              return false;
            }}
            data-testid="codes-file"
          >
            <p className="ant-upload-drag-icon">{fileName ? <FileTextOutlined /> : <InboxOutlined />}</p>
            <p className="ant-upload-text">{fileName ?? t("products.codes.dropFile")}</p>
            <p className="ant-upload-hint">{t("products.codes.fileHint")}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ margin: "12px 0 6px" }}>
            {t("products.codes.orPaste")}
          </Typography.Paragraph>
          <Input.TextArea
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setFileName(null);
            }}
            autoSize={{ minRows: 4, maxRows: 10 }}
            placeholder={"code\nSBX-7Q2M-K9PL\nSBX-3JH8-PX2C"}
            style={{ fontFamily: "ui-monospace, monospace" }}
            data-testid="codes-text"
          />
          <Typography.Text type="secondary" style={{ display: "block", marginTop: 6 }}>
            {t("products.codes.lines", { count: lines })}
          </Typography.Text>
        </>
      )}
      {jobId != null && (
        <div data-testid="import-progress">
          <Progress percent={job?.status === "done" ? 100 : percent} status={job?.status === "failed" ? "exception" : running ? "active" : "success"} />
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t("products.codes.progress", { processed: job?.processed ?? 0, total: job?.total ?? lines })}
          </Typography.Paragraph>
          {job && job.status !== "running" && (
            <>
              <Result
                style={{ padding: "8px 0" }}
                status={job.status === "failed" ? "error" : job.failed ? "warning" : "success"}
                title={t(job.status === "failed" ? "products.codes.failedTitle" : "products.codes.doneTitle", { succeeded: job.succeeded })}
                subTitle={job.failed ? t("products.codes.refused", { count: job.failed }) : undefined}
              />
              {job.errors.length > 0 && (
                <Table
                  size="small"
                  rowKey={(e) => `${e.row}-${e.message}`}
                  dataSource={job.errors}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  columns={[
                    { dataIndex: "row", title: t("products.codes.row"), width: 80, render: (r: number) => (r > 0 ? r : "—") },
                    { dataIndex: "message", title: t("products.codes.problem"), render: (m: string) => t(`products.codes.errors.${m.replace(/ \d+$/, "").replace(/ /g, "_")}`, { defaultValue: m, n: m.match(/\d+$/)?.[0] }) },
                  ]}
                  data-testid="import-errors"
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                />
              )}
            </>
          )}
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

import { useEffect, useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useOne, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Button, Input, Modal, Progress, Result, Space, Statistic, Table, Typography, Upload } from "antd";
import { InboxOutlined, UploadOutlined } from "@ant-design/icons";
import type { ImportJob } from "./types";

const EXAMPLE = "orderNo,carrier,trackingNo\nPM202601150000001,SF,SF1234567890\nPM202601150000002,JD,JDVA00012345";
/** The console polls a running job this often. */
const POLL_MS = 500;

/** "Bulk ship" above the order list: for roles with orders/bulk-ship. */
export function BulkShipButton({ onFinished }: { onFinished?: () => void }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "orders", action: "bulk-ship" });
  const [open, setOpen] = useState(false);
  if (!can?.can) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="bulk-ship">
        {t("orders.bulk.button")}
      </Button>
      {open && (
        <BulkShipModal
          onClose={() => {
            setOpen(false);
            onFinished?.();
          }}
        />
      )}
    </>
  );
}

function BulkShipModal({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync, mutation } = useCustomMutation<{ jobId: number; total: number }>();

  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== "" && !/^order/i.test(l.trim())).length;

  const start = async () => {
    setError(null);
    try {
      const res = await mutateAsync({ url: `${apiUrl}/orders/bulk-ship`, method: "post", values: { csv }, successNotification: false, errorNotification: false });
      setJobId(res.data.jobId);
    } catch (e) {
      setError((e as HttpError).message);
    }
  };

  const { result: job, query } = useOne<ImportJob>({
    resource: "import-jobs",
    id: jobId ?? 0,
    queryOptions: {
      enabled: jobId != null,
      // Every half second while it runs; the list refreshes once it is done.
      refetchInterval: (q) => (q.state.data?.data.status === "running" ? POLL_MS : false),
    },
    errorNotification: false,
  });
  const finished = job != null && job.status !== "running";
  useEffect(() => {
    if (finished) void invalidate({ resource: "orders", invalidates: ["list"] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);

  return (
    <Modal
      open
      width={680}
      title={t("orders.bulk.title")}
      onCancel={onClose}
      maskClosable={jobId == null}
      destroyOnHidden
      footer={
        jobId == null ? (
          <Space>
            <Button onClick={onClose}>{t("buttons.cancel")}</Button>
            <Button type="primary" disabled={lines === 0} loading={mutation.isPending} onClick={() => void start()} data-testid="bulk-submit">
              {t("orders.bulk.submit", { count: lines })}
            </Button>
          </Space>
        ) : (
          <Button type="primary" onClick={onClose} disabled={!finished} data-testid="bulk-close">
            {t("orders.bulk.close")}
          </Button>
        )
      }
    >
      {jobId == null ? (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t("orders.bulk.help")}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,text/csv,text/plain"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              // Read in the browser and sent as text: nothing is uploaded until "Ship".
              void file.text().then((text) => {
                setCsv(text);
                setFileName(file.name);
              });
              return false;
            }}
            data-testid="bulk-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{fileName ? t("orders.bulk.fileChosen", { name: fileName }) : t("orders.bulk.drop")}</p>
          </Upload.Dragger>
          <Input.TextArea
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            rows={7}
            placeholder={EXAMPLE}
            style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" }}
            aria-label={t("orders.bulk.paste")}
            data-testid="bulk-csv"
          />
          <Typography.Text type="secondary">{t("orders.bulk.rows", { count: lines })}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} data-testid="bulk-error" />}
        </Space>
      ) : (
        <BulkProgress job={job} loading={query.isLoading} />
      )}
    </Modal>
  );
}

function BulkProgress({ job, loading }: { job: ImportJob | undefined; loading: boolean }) {
  const t = useTranslate();
  if (!job || loading) return <Progress percent={0} status="active" />;
  const percent = job.total ? Math.floor((job.processed / job.total) * 100) : 100;
  const running = job.status === "running";
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle" data-testid="bulk-progress" data-status={job.status}>
      <Progress
        percent={percent}
        status={running ? "active" : job.status === "failed" ? "exception" : job.failed > 0 ? "normal" : "success"}
        format={() => `${job.processed}/${job.total}`}
      />
      <Space size="large">
        <Statistic title={t("orders.bulk.succeeded")} value={job.succeeded} valueStyle={{ color: "#389e0d" }} />
        <Statistic title={t("orders.bulk.failed")} value={job.failed} valueStyle={job.failed ? { color: "#cf1322" } : undefined} />
      </Space>
      {job.status === "failed" && <Result status="error" title={t("orders.bulk.jobFailed")} />}
      {!running && job.errors.length > 0 && (
        <>
          <Typography.Text strong>{t("orders.bulk.errors")}</Typography.Text>
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.message}`}
            dataSource={job.errors}
            pagination={job.errors.length > 8 ? { pageSize: 8, size: "small" } : false}
            data-testid="bulk-errors"
            columns={[
              { dataIndex: "row", title: t("orders.bulk.row"), width: 72 },
              { dataIndex: "message", title: t("orders.bulk.message") },
            ]}
          />
        </>
      )}
      {!running && job.failed === 0 && job.status === "done" && <Alert type="success" showIcon message={t("orders.bulk.allShipped", { count: job.succeeded })} />}
    </Space>
  );
}

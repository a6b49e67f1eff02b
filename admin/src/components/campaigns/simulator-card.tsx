import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Button, Card, Col, InputNumber, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { ExperimentOutlined } from "@ant-design/icons";
import { useLocalText } from "../catalog/product-bits";
import { formatCents, formatCount } from "./money";
import { formatPercent } from "./odds";
import { ProblemList } from "./lifecycle-actions";
import type { CampaignDetail, Simulation } from "./types";

const SimulatorChart = lazy(() => import("./simulator-chart"));
const PRESETS = [10_000, 100_000, 1_000_000];

/** A progress bar that moves while the server draws (the request has no progress of its own): it aims at the expected time. */
function useFakeProgress(active: boolean, expectedMs: number) {
  const [percent, setPercent] = useState(0);
  const started = useRef(0);
  useEffect(() => {
    if (!active) {
      setPercent(0);
      return;
    }
    started.current = performance.now();
    const id = window.setInterval(() => {
      const x = (performance.now() - started.current) / expectedMs;
      setPercent(Math.min(96, Math.round(100 * (1 - Math.exp(-2 * x)))));
    }, 80);
    return () => window.clearInterval(id);
  }, [active, expectedMs]);
  return percent;
}

/**
 * Draws N times on the server with the real picker over the pool as it stands, then shows expected
 * against observed shares, the chi-square test in plain words, and what an entry costs and brings in.
 */
export function SimulatorCard({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const text = useLocalText();
  const apiUrl = useApiUrl();
  const { data: can } = useCan({ resource: "campaigns", action: "simulate" });
  const [draws, setDraws] = useState(100_000);
  const [result, setResult] = useState<Simulation | null>(null);
  const [problem, setProblem] = useState<HttpError | null>(null);
  const { mutate, mutation } = useCustomMutation<Simulation>();
  const running = mutation.isPending;
  const percent = useFakeProgress(running, 400 + (draws / 1_000_000) * 1500);

  const run = () => {
    setProblem(null);
    mutate(
      { url: `${apiUrl}/campaigns/${campaign.id}/simulate`, method: "post", values: { draws }, successNotification: false, errorNotification: false },
      { onSuccess: (res) => setResult(res.data), onError: (err: HttpError) => setProblem(err) },
    );
  };

  const verdict = result && (
    <Alert
      data-testid="simulator-verdict"
      data-verdict={result.verdict}
      type={result.verdict === "fair" ? "success" : result.verdict === "suspicious" ? "error" : "info"}
      showIcon
      message={t(`campaigns.simulator.verdict.${result.verdict}`, { p: result.chiSquare.pValue == null ? "—" : result.chiSquare.pValue < 0.0001 ? result.chiSquare.pValue.toExponential(2) : result.chiSquare.pValue.toFixed(4) })}
      description={t(`campaigns.simulator.verdictText.${result.verdict}`, {
        draws: formatCount(result.draws),
        chi: result.chiSquare.statistic == null ? "—" : result.chiSquare.statistic.toFixed(2),
        df: result.chiSquare.df,
      })}
    />
  );

  return (
    <Card size="small" title={<Space><ExperimentOutlined />{t("campaigns.simulator.title")}</Space>} data-testid="simulator-card">
      <Typography.Paragraph type="secondary">{t("campaigns.simulator.intro")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber
          min={1}
          max={1_000_000}
          precision={0}
          value={draws}
          onChange={(v) => setDraws(v ?? 1)}
          formatter={(v) => `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}
          parser={(v) => Number((v ?? "").replace(/,/g, ""))}
          addonBefore={t("campaigns.simulator.draws")}
          style={{ width: 220 }}
          data-testid="simulator-draws"
        />
        <Segmented size="small" value={PRESETS.includes(draws) ? draws : undefined} options={PRESETS.map((n) => ({ value: n, label: formatCount(n) }))} onChange={(v) => setDraws(Number(v))} />
        <Button type="primary" icon={<ExperimentOutlined />} onClick={run} loading={running} disabled={can?.can === false} data-testid="run-simulation">
          {t("campaigns.simulator.run")}
        </Button>
      </Space>
      {running && (
        <div data-testid="simulator-progress" style={{ marginBottom: 16 }}>
          <Progress percent={percent} status="active" strokeColor="#e4393c" />
          <Typography.Text type="secondary">{t("campaigns.simulator.running", { draws: formatCount(draws) })}</Typography.Text>
        </div>
      )}
      {problem && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={problem.message}
          description={(problem.details as { fields?: Record<string, string> } | undefined)?.fields ? <ProblemList problems={(problem.details as { fields: Record<string, string> }).fields} /> : undefined}
        />
      )}
      {!result && !running && !problem && <Typography.Text type="secondary">{t("campaigns.simulator.empty")}</Typography.Text>}
      {result && !running && (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          {verdict}
          <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: 260 }} />}>
            <SimulatorChart result={result} />
          </Suspense>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t("campaigns.simulator.costPerEntry")} value={formatCents(result.costPerEntryCents)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t("campaigns.simulator.pointsPerEntry")} value={`${formatCount(result.pointsPerEntry)} (${formatCents(result.pointsValuePerEntryCents)})`} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t("campaigns.simulator.marginPerEntry")} value={formatCents(result.marginPerEntryCents)} valueStyle={{ color: result.marginPerEntryCents >= 0 ? "#389e0d" : "#cf1322" }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t("campaigns.simulator.totalCost", { draws: formatCount(result.draws) })} value={formatCents(result.totalCostCents)} />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={result.prizes}
            data-testid="simulator-table"
            columns={[
              { title: t("campaigns.fields.prize"), render: (_, p, i) => <Space>{`${i + 1}. ${text(p.name)}`}{p.isFallback && <Tag>{t("campaigns.pool.fallbackTag")}</Tag>}</Space> },
              { title: t("campaigns.simulator.expected"), align: "right", render: (_, p) => formatPercent(p.expectedPpm) },
              { title: t("campaigns.simulator.observed"), align: "right", render: (_, p) => formatPercent(p.observedPpm) },
              { title: t("campaigns.simulator.count"), align: "right", render: (_, p) => `${formatCount(p.observed)} / ${formatCount(p.expected, 1)}` },
              { title: t("campaigns.simulator.ranOut"), align: "right", render: (_, p) => (p.exhaustedAfter == null ? "—" : t("campaigns.simulator.afterDraws", { n: formatCount(p.exhaustedAfter) })) },
              { title: t("campaigns.simulator.cost"), align: "right", render: (_, p) => formatCents(p.costCents) },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("campaigns.simulator.took", { ms: result.elapsedMs })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

import { useEffect, useRef, useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { formatNumber, localName, useLocale, useT } from "../../i18n";
import { EntryFacts, formatDuration, newKey, useBlocker, useCampaignErrorText, useCountdown } from "./shared";
import type { QuizQuestion, ScreenProps } from "./types";

interface Attempt {
  attemptId: number;
  deadline: string;
  questions: QuizQuestion[];
}
interface QuizResult {
  attemptId: number;
  score: number;
  passed: boolean;
  timedOut: boolean;
  passMark: number;
  review: { id: number; correct: string[]; chosen: string[] }[];
  pointsAwarded: number;
  orderId: number | null;
}

/** One attempt in progress: a question at a time, a countdown from the server's deadline, hand in at the end (or when time is up). */
function Questions({ attempt, onSubmit, busy }: { attempt: Attempt; onSubmit(answers: Record<string, string[]>): void; busy: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const [i, setI] = useState(0);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const left = useCountdown(attempt.deadline);
  const submitted = useRef(false);
  const heading = useRef<HTMLLegendElement>(null);
  const submit = () => {
    if (submitted.current) return;
    submitted.current = true;
    onSubmit(answers);
  };
  useEffect(() => {
    if (left === 0) submit();
  });
  useEffect(() => heading.current?.focus(), [i]);
  const q = attempt.questions[i];
  const chosen = answers[String(q.id)] ?? [];
  const toggle = (optionId: string) =>
    setAnswers((a) => ({
      ...a,
      [String(q.id)]: q.kind === "single" ? [optionId] : chosen.includes(optionId) ? chosen.filter((x) => x !== optionId) : [...chosen, optionId],
    }));
  const last = i === attempt.questions.length - 1;
  return (
    <div className="quiz" data-testid="quiz-questions">
      <div className="row-between small">
        <span>{t("quiz.question", { i: i + 1, n: attempt.questions.length })}</span>
        <span className={left < 15_000 ? "countdown urgent" : "countdown"} role="timer" aria-live="off" data-testid="quiz-timer">
          {t("quiz.timeLeft", { t: formatDuration(left, locale) })}
        </span>
      </div>
      <fieldset className="quiz-question" key={q.id}>
        <legend tabIndex={-1} ref={heading}>
          {localName(q.text, locale)} <span className="tag">{q.kind === "multiple" ? t("quiz.multiple") : t("quiz.single")}</span>
        </legend>
        {q.options.map((o) => (
          <label key={o.id} className={chosen.includes(o.id) ? "quiz-option active" : "quiz-option"}>
            <input type={q.kind === "single" ? "radio" : "checkbox"} name={`q-${q.id}`} checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} />
            <span>{localName(o.text, locale)}</span>
          </label>
        ))}
      </fieldset>
      <div className="quiz-nav">
        <button className="ghost-button" onClick={() => setI(i - 1)} disabled={i === 0}>
          {t("quiz.prev")}
        </button>
        {last ? (
          <button className="primary-button" onClick={submit} disabled={busy}>
            {t("quiz.submit")}
          </button>
        ) : (
          <button className="primary-button" onClick={() => setI(i + 1)}>
            {t("quiz.next")}
          </button>
        )}
      </div>
    </div>
  );
}

function Review({ attempt, result }: { attempt: Attempt; result: QuizResult }) {
  const t = useT();
  const { locale } = useLocale();
  const byId = new Map(attempt.questions.map((q) => [q.id, q]));
  const names = (q: QuizQuestion, ids: string[]) => (ids.length ? ids.map((id) => localName(q.options.find((o) => o.id === id)?.text ?? {}, locale)).join("、") : t("quiz.none"));
  return (
    <div className="stack" data-testid="quiz-result">
      <div className={result.passed ? "notice success" : "notice"} role="status">
        <h3 className="notice-title">{result.passed ? t("quiz.passed") : result.timedOut ? t("quiz.timedOut") : t("quiz.failed")}</h3>
        <p>{t("quiz.score", { score: result.score, n: attempt.questions.length })}</p>
        {result.pointsAwarded > 0 && <p className="accent">{t("result.points", { n: formatNumber(result.pointsAwarded, locale) })}</p>}
      </div>
      <h3 className="card-title">{t("quiz.review")}</h3>
      <ol className="quiz-review">
        {result.review.map((r) => {
          const q = byId.get(r.id);
          if (!q) return null;
          const right = r.correct.length === r.chosen.length && r.correct.every((c) => r.chosen.includes(c));
          return (
            <li key={r.id} className={right ? "right" : "wrong"}>
              <div>{localName(q.text, locale)}</div>
              <div className="small">{t("quiz.yourAnswer", { a: names(q, r.chosen) })}</div>
              {!right && <div className="small accent">{t("quiz.rightAnswer", { a: names(q, r.correct) })}</div>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The quiz: start (the entry cost is charged), answer against the clock, see the score and the right answers. */
export function QuizScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useCampaignErrorText();
  const cfg = campaign.quiz!;
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef(newKey());
  const blocker = useBlocker(campaign);
  const open = cfg.openAttempt;
  const reward = campaign.prizes?.find((p) => !p.isFallback);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await api<Attempt>(`/campaigns/${campaign.id}/quiz/start`, { method: "POST", headers: { "Idempotency-Key": key.current } });
      key.current = newKey();
      setResult(null);
      setAttempt(a);
    } catch (e) {
      if ((e as ApiError).status !== 0) key.current = newKey();
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (answers: Record<string, string[]>) => {
    if (!attempt) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api<QuizResult>(`/campaigns/${campaign.id}/quiz/${attempt.attemptId}/answer`, { method: "POST", json: { answers } }));
      reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="quiz-title">
      <h2 id="quiz-title" className="card-title">
        {t("template.quiz")}
      </h2>
      {attempt && !result ? (
        <Questions attempt={attempt} onSubmit={submit} busy={busy} />
      ) : (
        <div className="stack">
          {attempt && result && <Review attempt={attempt} result={result} />}
          <p>{t("quiz.intro", { n: cfg.questionsPerEntry, pass: cfg.passMark, sec: cfg.timeLimitSec })}</p>
          <p className="accent">{cfg.rewardPoints > 0 ? t("quiz.reward", { n: formatNumber(cfg.rewardPoints, locale) }) : reward ? t("quiz.rewardPrize", { name: localName(reward.name, locale) }) : null}</p>
          <EntryFacts campaign={campaign} />
          {open && !attempt ? (
            <button className="primary-button wide" onClick={() => setAttempt(open)}>
              {t("quiz.resume")}
            </button>
          ) : (
            <button className="primary-button wide" onClick={start} disabled={busy || !!blocker}>
              {t("quiz.start")}
            </button>
          )}
        </div>
      )}
      {error && (
        <div className="notice error" role="alert" data-testid="campaign-error">
          {errorText(error)}
        </div>
      )}
    </section>
  );
}

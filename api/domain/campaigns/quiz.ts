import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaignEntries, quizAttempts, quizQuestions } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, notFound } from "../../lib/errors";
import { mallDay } from "../points/calendar";
import { activeMember, assertEligible, chargeEntry, eligibility, givePrize, grantPoints, loadCampaign, prizesOf } from "./campaigns";

export interface QuizConfig {
  questionsPerEntry: number;
  timeLimitSec: number;
  /** Questions to get right to pass. */
  passMark: number;
  /** The reward for passing: points, or the campaign's first non-fallback prize when rewardPoints is 0. */
  rewardPoints: number;
}

export const quizConfig = (c: { config: Record<string, unknown> }): QuizConfig => ({ questionsPerEntry: 5, timeLimitSec: 120, passMark: 4, rewardPoints: 0, ...(c.config as Partial<QuizConfig>) });

/** Answers are checked on the server; a member sees questions and options, never which are right. */
const publicQuestion = (q: typeof quizQuestions.$inferSelect) => ({ id: q.id, text: q.text, kind: q.kind, options: q.options });

/** Starts an attempt: eligibility, the entry cost, N questions drawn at random, a deadline. */
export function startQuiz(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, key: string, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "quiz") throw conflict("WRONG_TEMPLATE", "This campaign is not a quiz");
  const member = activeMember(tx, memberId);
  const prior = tx.select().from(campaignEntries).where(and(eq(campaignEntries.campaignId, c.id), eq(campaignEntries.memberId, member.id), eq(campaignEntries.idempotencyKey, key))).get();
  let attempt = prior ? tx.select().from(quizAttempts).where(eq(quizAttempts.entryId, prior.id)).get() : undefined;
  if (!attempt) {
    assertEligible(eligibility(tx, c, member, now));
    const cfg = quizConfig(c);
    const bank = tx.select().from(quizQuestions).where(eq(quizQuestions.campaignId, c.id)).all();
    if (bank.length < cfg.questionsPerEntry) throw conflict("QUIZ_NOT_READY", "This quiz does not have enough questions");
    // A partial Fisher–Yates shuffle with the cryptographic RNG picks the questions.
    const ids = bank.map((q) => q.id);
    for (let i = 0; i < cfg.questionsPerEntry; i++) {
      const j = i + ctx.rng.int(ids.length - i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    const spendEntryId = chargeEntry(tx, ctx, c, member, key, now);
    const entry = tx
      .insert(campaignEntries)
      .values({ campaignId: c.id, memberId: member.id, day: mallDay(now), idempotencyKey: key, cost: c.entryCost, spendEntryId, outcome: "started", createdAt: now })
      .returning()
      .get();
    attempt = tx
      .insert(quizAttempts)
      .values({ campaignId: c.id, memberId: member.id, entryId: entry.id, questionIds: ids.slice(0, cfg.questionsPerEntry), deadline: new Date(now.getTime() + cfg.timeLimitSec * 1000), createdAt: now })
      .returning()
      .get();
  }
  const questions = tx.select().from(quizQuestions).where(inArray(quizQuestions.id, attempt.questionIds)).all();
  const byId = new Map(questions.map((q) => [q.id, q]));
  return { attemptId: attempt.id, deadline: attempt.deadline.toISOString(), questions: attempt.questionIds.map((id) => publicQuestion(byId.get(id)!)), finished: attempt.finishedAt != null };
}

const GRACE_MS = 5000;

/** Marks an attempt: exactly the right options per question; passing grants the reward. Once only. */
export function answerQuiz(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, attemptId: number, answers: Record<string, string[]>, now: Date) {
  const attempt = tx.select().from(quizAttempts).where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.campaignId, campaignId), eq(quizAttempts.memberId, memberId))).get();
  if (!attempt) throw notFound("Quiz attempt", attemptId);
  const c = loadCampaign(tx, campaignId);
  const cfg = quizConfig(c);
  const questions = tx.select().from(quizQuestions).where(inArray(quizQuestions.id, attempt.questionIds)).all();
  const review = () =>
    questions.map((q) => ({ id: q.id, correct: q.correct, chosen: attempt.answers?.[String(q.id)] ?? answers[String(q.id)] ?? [] }));
  if (attempt.finishedAt) return { attemptId, score: attempt.score ?? 0, passed: !!attempt.passed, timedOut: false, review: review(), pointsAwarded: 0, orderId: null, replayed: true };

  const timedOut = now.getTime() > attempt.deadline.getTime() + GRACE_MS;
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");
  const score = timedOut ? 0 : questions.filter((q) => same(answers[String(q.id)] ?? [], q.correct)).length;
  const passed = !timedOut && score >= cfg.passMark;
  let pointsAwarded = 0;
  let orderId: number | null = null;
  let ledgerEntryId: number | null = null;
  let prizeId: number | null = null;
  if (passed) {
    const member = activeMember(tx, memberId);
    const key = `quiz-${attempt.id}`;
    if (cfg.rewardPoints > 0) {
      ledgerEntryId = grantPoints(tx, ctx, c, member, cfg.rewardPoints, `pm:campaign:${c.id}:${member.id}:${key}:prize`, `campaign ${c.id} quiz passed`, now);
      pointsAwarded = cfg.rewardPoints;
    } else {
      const prizes = prizesOf(tx, c.id);
      const reward = prizes.find((p) => !p.isFallback);
      const fallback = prizes.find((p) => p.isFallback) ?? reward;
      if (reward && fallback) {
        const outcome = givePrize(tx, ctx, c, member, reward, fallback, key, now);
        pointsAwarded = outcome.pointsAwarded;
        orderId = outcome.orderId;
        ledgerEntryId = outcome.ledgerEntryId;
        prizeId = outcome.prize.id;
      }
    }
  }
  tx.update(quizAttempts).set({ answers, score, passed, finishedAt: now }).where(eq(quizAttempts.id, attempt.id)).run();
  tx.update(campaignEntries)
    .set({ outcome: passed ? "passed" : "failed", pointsAwarded, orderId, ledgerEntryId, prizeId, detail: { score, of: questions.length, timedOut } })
    .where(eq(campaignEntries.id, attempt.entryId))
    .run();
  return { attemptId, score, passed, timedOut, review: questions.map((q) => ({ id: q.id, correct: q.correct, chosen: answers[String(q.id)] ?? [] })), pointsAwarded, orderId, replayed: false };
}

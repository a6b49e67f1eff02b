import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignEntries, ledgerEntries, quizQuestions } from "../../../db/schema";
import { balanceOf, createCampaign, idem, shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp } from "../../test/harness";
import { ledgerViolations } from "../points/ledger";

const SEC = 1000;

/** A bank of 6 (two multiple choice); 4 drawn per entry, 3 to pass, 100 points for passing, 10 to enter, 60 s. */
async function setup() {
  const t = await buildTestApp();
  const app = registerTestApp(t);
  const c = createCampaign(t.db, t.clock.now(), {
    template: "quiz",
    entryCost: 10,
    perDayLimit: 3,
    config: { questionsPerEntry: 4, timeLimitSec: 60, passMark: 3, rewardPoints: 100 },
    questions: [
      { text: "积分会过期吗", options: ["会", "不会"], correct: ["a"] },
      { text: "哪些是虚拟商品", options: ["话费", "耳机", "视频会员", "雨伞"], correct: ["a", "c"] },
      { text: "签到第 7 天有奖励吗", options: ["有", "没有"], correct: ["a"] },
      { text: "哪些可以兑换", options: ["实物", "电子券", "虚拟商品"], correct: ["a", "b", "c"] },
      { text: "客服电话", options: ["95555", "10086"], correct: ["b"] },
      { text: "补签要花积分吗", options: ["要", "不要"], correct: ["a"] },
    ],
  });
  const member = await shopMember(t, app, "u-quiz", { points: 1000 });
  const start = (key?: string) => member.client.post(`/api/shop/campaigns/${c.id}/quiz/start`, {}, idem(key));
  const answer = (attemptId: number, answers: Record<string, string[]>) => member.client.post(`/api/shop/campaigns/${c.id}/quiz/${attemptId}/answer`, { answers });
  /** The right answers of an attempt's questions, read from the database as only the server can. */
  const key = (ids: number[]) => Object.fromEntries(t.db.select().from(quizQuestions).where(inArray(quizQuestions.id, ids)).all().map((q) => [String(q.id), q.correct]));
  return { t, c, member, start, answer, key };
}

describe("POST /api/shop/campaigns/:id/quiz/start", () => {
  it("sends the questions and options, never which answers are right", async () => {
    const s = await setup();
    const res = await s.start();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.questions).toHaveLength(4);
    expect(new Set(res.body.questions.map((q: { id: number }) => q.id)).size).toBe(4);
    expect(res.body.deadline).toBe(new Date(s.t.clock.now().getTime() + 60 * SEC).toISOString());
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/correct/i);
    for (const q of res.body.questions) expect(Object.keys(q).sort()).toEqual(["id", "kind", "options", "text"]);
    // Nor does the campaign's page, which offers the open attempt again after a reload.
    const detail = await s.member.client.get(`/api/shop/campaigns/${s.c.id}`);
    expect(detail.body.quiz.openAttempt.attemptId).toBe(res.body.attemptId);
    expect(JSON.stringify(detail.body)).not.toMatch(/correct/i);
  });

  it("charges the entry cost once per attempt; a retry with the same key is the same attempt", async () => {
    const s = await setup();
    const a = await s.start("quiz-key-0001");
    const b = await s.start("quiz-key-0001");
    expect(b.status).toBe(200);
    expect(b.body.attemptId).toBe(a.body.attemptId);
    expect(b.body.questions).toEqual(a.body.questions);
    expect(balanceOf(s.t.db, s.member.member.id)).toBe(990);
  });

  it("keeps to the daily limit", async () => {
    const s = await setup();
    for (let i = 0; i < 3; i++) expect((await s.start()).status).toBe(201);
    const fourth = await s.start();
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: "LIMIT_REACHED", details: { chancesLeftToday: 0 } });
  });
});

describe("POST /api/shop/campaigns/:id/quiz/:attemptId/answer", () => {
  it("passes with the right answers, grants the reward once, and shows the right answers afterwards", async () => {
    const s = await setup();
    const { attemptId, questions } = (await s.start()).body;
    const right = s.key(questions.map((q: { id: number }) => q.id));
    // Option order does not matter.
    const answers = Object.fromEntries(Object.entries(right).map(([id, opts]) => [id, [...opts].reverse()]));
    const res = await s.answer(attemptId, answers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ score: 4, passed: true, timedOut: false, passMark: 3, pointsAwarded: 100, replayed: false });
    expect(Object.fromEntries(res.body.review.map((r: { id: number; correct: string[] }) => [String(r.id), r.correct]))).toEqual(right);
    expect(balanceOf(s.t.db, s.member.member.id)).toBe(1000 - 10 + 100);

    const again = await s.answer(attemptId, answers);
    expect(again.body).toMatchObject({ passed: true, replayed: true, pointsAwarded: 0 });
    expect(balanceOf(s.t.db, s.member.member.id)).toBe(1090);
    const earns = s.t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, s.member.member.id), eq(ledgerEntries.campaignId, s.c.id), eq(ledgerEntries.type, "earn"))).all();
    expect(earns.map((e) => e.amount)).toEqual([100]);
    expect(s.t.db.select().from(campaignEntries).where(eq(campaignEntries.campaignId, s.c.id)).get()).toMatchObject({ outcome: "passed", pointsAwarded: 100, cost: 10 });
    expect(ledgerViolations(s.t.db)).toEqual([]);
  });

  it("a multiple-choice question needs exactly the right set: a subset or a superset is wrong", async () => {
    const s = await setup();
    // Draw until an attempt includes a multiple-choice question (the draw is random).
    let attempt;
    for (;;) {
      attempt = (await s.start()).body;
      if (attempt.questions.some((q: { kind: string }) => q.kind === "multiple")) break;
    }
    const right = s.key(attempt.questions.map((q: { id: number }) => q.id));
    const multi = attempt.questions.filter((q: { kind: string }) => q.kind === "multiple").map((q: { id: number }) => String(q.id));
    const answers: Record<string, string[]> = { ...right };
    for (const id of multi) {
      const options: string[] = attempt.questions.find((q: { id: number }) => String(q.id) === id).options.map((o: { id: string }) => o.id);
      // One more option than is right (a superset) where there is one to add, else one fewer (a subset).
      answers[id] = right[id].length < options.length ? [...right[id], options.find((o) => !right[id].includes(o))!] : right[id].slice(1);
    }
    const res = await s.answer(attempt.attemptId, answers);
    expect(res.body.score).toBe(4 - multi.length);
    const review = new Map(res.body.review.map((r: { id: number; chosen: string[] }) => [String(r.id), r.chosen]));
    for (const id of multi) expect(review.get(id)).toEqual(answers[id]);
  });

  it("fails below the pass mark, with no reward", async () => {
    const s = await setup();
    const { attemptId, questions } = (await s.start()).body;
    const right = s.key(questions.map((q: { id: number }) => q.id));
    const ids = Object.keys(right);
    const answers = { [ids[0]]: right[ids[0]], [ids[1]]: right[ids[1]], [ids[2]]: ["z"] };
    const res = await s.answer(attemptId, answers);
    expect(res.body).toMatchObject({ score: 2, passed: false, pointsAwarded: 0 });
    expect(balanceOf(s.t.db, s.member.member.id)).toBe(990);
  });

  it("an attempt handed in after its deadline (and a few seconds' grace) fails, even with the right answers", async () => {
    const s = await setup();
    const { attemptId, questions } = (await s.start()).body;
    const right = s.key(questions.map((q: { id: number }) => q.id));
    s.t.clock.advance(66 * SEC);
    const res = await s.answer(attemptId, right);
    expect(res.body).toMatchObject({ timedOut: true, passed: false, score: 0, pointsAwarded: 0 });
    expect(balanceOf(s.t.db, s.member.member.id)).toBe(990);
    // Its page no longer offers the attempt.
    expect((await s.member.client.get(`/api/shop/campaigns/${s.c.id}`)).body.quiz.openAttempt).toBeNull();
  });

  it("within the grace after the deadline still counts", async () => {
    const s = await setup();
    const { attemptId, questions } = (await s.start()).body;
    s.t.clock.advance(63 * SEC);
    const res = await s.answer(attemptId, s.key(questions.map((q: { id: number }) => q.id)));
    expect(res.body).toMatchObject({ timedOut: false, passed: true });
  });

  it("another member cannot hand in someone's attempt", async () => {
    const s = await setup();
    const { attemptId } = (await s.start()).body;
    const other = await shopMember(s.t, registerTestApp(s.t, { key: "second-host" }), "u-other");
    const res = await other.client.post(`/api/shop/campaigns/${s.c.id}/quiz/${attemptId}/answer`, { answers: {} });
    expect(res.status).toBe(404);
  });
});

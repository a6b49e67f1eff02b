import { createRoute, z } from "@hono/zod-openapi";
import { RuleConfigSchema } from "../../domain/points/rule-engine";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";

const Config = RuleConfigSchema.openapi("RuleConfig", {
  example: { award: { kind: "purchaseRatio", points: 1, perCents: 1000, minCents: 0 }, dailyCap: 5000, totalCap: null, useTierMultiplier: true },
});

export const RuleVersionSchema = z.object({ version: z.number(), config: z.unknown(), note: z.string(), createdBy: z.string(), createdAt: IsoDate }).openapi("RuleVersion");

export const RuleSchema = z
  .object({
    id: z.number(),
    eventType: z.string(),
    name: z.string(),
    status: z.enum(["active", "inactive"]),
    currentVersion: z.number(),
    canaryVersion: z.number().nullable(),
    canaryPercent: z.number(),
    /** The config of the current version (lists show it). */
    config: z.unknown(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Rule");

export const RuleDetailSchema = RuleSchema.extend({ versions: z.array(RuleVersionSchema) }).openapi("RuleDetail");

export const CreateRuleBody = z
  .object({
    eventType: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, "lower-case letters, digits and _"),
    name: z.string().trim().min(1).max(100),
    config: Config,
    note: z.string().max(200).optional(),
  })
  .strict();

/** name/status change the rule; a config makes a new version (a canary when canaryPercent is 1–99). */
export const UpdateRuleBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    status: z.enum(["active", "inactive"]).optional(),
    config: Config.optional(),
    canaryPercent: z.number().int().min(0).max(100).optional(),
    note: z.string().max(200).optional(),
  })
  .strict();

const tags = ["Earning rules"];
export const listRules = createRoute({ method: "get", path: "/rules", tags, request: { query: ListQuerySchema }, responses: { 200: json(z.array(RuleSchema)), ...errorResponses } });
export const getRule = createRoute({ method: "get", path: "/rules/{id}", tags, request: { params: IdParam }, responses: { 200: json(RuleDetailSchema), ...errorResponses } });
export const createRuleRoute = createRoute({ method: "post", path: "/rules", tags, request: { body: jsonBody(CreateRuleBody) }, responses: { 201: json(RuleDetailSchema, "Created"), ...errorResponses } });
export const updateRule = createRoute({
  method: "patch",
  path: "/rules/{id}",
  tags,
  summary: "Rename, (de)activate, change the canary share, or save a new version (as a canary on N% of members)",
  request: { params: IdParam, body: jsonBody(UpdateRuleBody) },
  responses: { 200: json(RuleDetailSchema), ...errorResponses },
});
export const promoteRule = createRoute({ method: "post", path: "/rules/{id}/promote", tags, summary: "The canary version becomes current for everyone", request: { params: IdParam }, responses: { 200: json(RuleDetailSchema), ...errorResponses } });
export const rollbackRule = createRoute({
  method: "post",
  path: "/rules/{id}/rollback",
  tags,
  summary: "Drop the canary; without one, go back to the previous version",
  request: { params: IdParam },
  responses: { 200: json(RuleDetailSchema), ...errorResponses },
});
export const ruleApplies = createRoute({
  method: "get",
  path: "/rules/{id}/applies",
  tags,
  summary: "Which version applies to a member (by Pointmall id or the host's member id)",
  request: { params: IdParam, query: z.object({ memberId: z.string().min(1).max(64) }) },
  responses: { 200: json(z.object({ memberId: z.number(), externalId: z.string(), version: z.number(), canary: z.boolean(), bucket: z.number() })), ...errorResponses },
});

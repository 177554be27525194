import { z } from 'zod';
import { IdSchema, ListQuerySchema, RecordListFilters, requiredText, text, TimestampSchema, VersionSchema, BulkRecordActionSchema, MinorUnitsParam } from './common';
import { TagsSchema } from './customers';
import { CompletenessSchema } from './completeness';
import { CustomValuesInputSchema } from './custom-fields';
import { DateSchema } from './followups';
import { STAGE_OUTCOMES } from './pipelines';

export const OPPORTUNITY_SOURCES = ['referral', 'website', 'exhibition', 'cold_call', 'partner', 'advertising', 'existing_customer', 'other'] as const;
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const;

/**
 * Amounts are integers in the currency's minor unit (分 for CNY), never floats: 12,345.67 元 is 1234567.
 * The bound keeps every amount and every sum of a million of them exact in a JS number and an int8.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_00; // one trillion in major units
export const AmountMinorSchema = z.number().int().min(0).max(MAX_AMOUNT_MINOR);

import { DEAL_TEAM_ACCESS, DEAL_TEAM_ROLES } from './deal-team';

export { DEAL_TEAM_ACCESS, DEAL_TEAM_ROLES };

export const DealTeamMemberSchema = z.object({
  userId: IdSchema,
  role: z.enum(DEAL_TEAM_ROLES),
  access: z.enum(DEAL_TEAM_ACCESS),
  addedAt: TimestampSchema,
});
export type DealTeamMember = z.infer<typeof DealTeamMemberSchema>;

/** Fields an admin may hide from a role (RESTRICTABLE_FIELDS in field-access.ts) are optional: absent when hidden. */
export const OpportunitySchema = z.object({
  id: IdSchema,
  name: z.string(),
  customerId: IdSchema,
  customerName: z.string(),
  contactId: IdSchema.nullable(),
  pipelineId: IdSchema,
  stageId: IdSchema,
  /** Follows the stage: open until it reaches won or lost. */
  status: z.enum(STAGE_OUTCOMES),
  amount: AmountMinorSchema.optional(),
  currency: z.enum(CURRENCIES),
  /** Win probability, 0–100: the stage's unless the owner set one (`probabilityOverridden`). */
  probability: z.number().int().min(0).max(100).optional(),
  probabilityOverridden: z.boolean(),
  expectedCloseOn: DateSchema.nullable().optional(),
  source: z.enum(OPPORTUNITY_SOURCES).nullable().optional(),
  tags: z.array(z.string()),
  ownerId: IdSchema.nullable(),
  departmentId: IdSchema.nullable(),
  team: z.array(DealTeamMemberSchema),
  stageEnteredAt: TimestampSchema,
  closedAt: TimestampSchema.nullable(),
  lastFollowUpAt: TimestampSchema.nullable(),
  nextFollowUpOn: DateSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
  version: z.number().int(),
  completeness: CompletenessSchema,
  /** Custom field values by field key (see /api/fields). */
  custom: z.record(z.string(), z.unknown()),
  /** Lost deals: the pipeline's loss reason key and the competitor who won, if known. */
  lossReason: z.string().nullable(),
  competitor: z.string().nullable(),
  /** What the caller may do to this deal (single reads only), by the same policy the server enforces. */
  can: z.object({ edit: z.boolean(), delete: z.boolean(), transfer: z.boolean(), manageTeam: z.boolean() }).optional(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

const opportunityFields = {
  name: requiredText(100),
  contactId: IdSchema.nullable(),
  amount: AmountMinorSchema,
  currency: z.enum(CURRENCIES),
  probability: z.number().int().min(0).max(100).nullable(),
  expectedCloseOn: DateSchema.nullable(),
  source: z.enum(OPPORTUNITY_SOURCES).nullable(),
  tags: TagsSchema,
};

export const TeamMemberInputSchema = z.object({
  userId: IdSchema,
  role: z.enum(DEAL_TEAM_ROLES),
  access: z.enum(DEAL_TEAM_ACCESS).default('read'),
});
export type TeamMemberInput = z.infer<typeof TeamMemberInputSchema>;

export const CreateOpportunitySchema = z.object({
  name: opportunityFields.name,
  customerId: IdSchema,
  contactId: opportunityFields.contactId.optional(),
  /** Defaults to the workspace's default pipeline, and the stage to its first open stage. */
  pipelineId: IdSchema.optional(),
  stageId: IdSchema.optional(),
  amount: opportunityFields.amount.default(0),
  /** Defaults to the workspace's currency. */
  currency: opportunityFields.currency.optional(),
  probability: opportunityFields.probability.optional(),
  expectedCloseOn: opportunityFields.expectedCloseOn.optional(),
  source: opportunityFields.source.optional(),
  tags: opportunityFields.tags.default([]),
  /** Defaults to the caller; assigning someone else needs the transfer permission. */
  ownerId: IdSchema.optional(),
  team: z.array(TeamMemberInputSchema).max(30).default([]),
  custom: CustomValuesInputSchema.optional(),
});
export type CreateOpportunity = z.infer<typeof CreateOpportunitySchema>;

export const UpdateOpportunitySchema = z.object({
  version: VersionSchema,
  name: opportunityFields.name.optional(),
  contactId: opportunityFields.contactId.optional(),
  amount: opportunityFields.amount.optional(),
  currency: opportunityFields.currency.optional(),
  /** A number overrides the stage's probability until the next stage change; null returns to the stage's. */
  probability: opportunityFields.probability.optional(),
  expectedCloseOn: opportunityFields.expectedCloseOn.optional(),
  source: opportunityFields.source.optional(),
  tags: opportunityFields.tags.optional(),
  custom: CustomValuesInputSchema.optional(),
});
export type UpdateOpportunity = z.infer<typeof UpdateOpportunitySchema>;

/**
 * Moves a deal to another stage of its pipeline. The target stage's gate checks the move (stage-gates.ts);
 * `values` fills what the gate asks for in the same change, so one request fixes and moves.
 */
export const MoveOpportunitySchema = z.object({
  version: VersionSchema,
  stageId: IdSchema,
  values: UpdateOpportunitySchema.omit({ version: true, name: true, probability: true }).optional(),
  /** Why the deal moves back or re-opens (the pipeline may require it). */
  reason: text(500).optional(),
  /** Entering a lost stage: a key of the pipeline's loss reasons, and optionally who won instead. */
  lossReason: z.string().max(40).optional(),
  competitor: text(100).optional(),
});
export type MoveOpportunity = z.infer<typeof MoveOpportunitySchema>;

export const TransferOpportunitySchema = z.object({
  version: VersionSchema,
  toUserId: IdSchema,
  note: text(500).optional(),
});
export type TransferOpportunity = z.infer<typeof TransferOpportunitySchema>;

export const OPPORTUNITY_SORTS = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', '-amount', 'amount', 'name', '-name'] as const;

export const OpportunityListQuerySchema = ListQuerySchema.extend({
  /** Matches the start of the name (width and case folded). Full search is /api/search. */
  q: text(100).optional(),
  customerId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  pipelineId: IdSchema.optional(),
  stageId: IdSchema.optional(),
  status: z.enum(STAGE_OUTCOMES).optional(),
  /** Amount range in minor units, inclusive. */
  amountMin: MinorUnitsParam.optional(),
  amountMax: MinorUnitsParam.optional(),
  closeFrom: DateSchema.optional(),
  closeTo: DateSchema.optional(),
  ...RecordListFilters,
  sort: z.enum(OPPORTUNITY_SORTS).default('-updatedAt'),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuerySchema>;

/** Bulk actions on deals: the common ones, and moving many deals to one stage (each through its own gate). */
export const BulkOpportunityActionSchema = z.discriminatedUnion('action', [
  ...BulkRecordActionSchema.options,
  z.object({
    action: z.literal('move'),
    ids: z.array(IdSchema).min(1).max(200),
    stageId: IdSchema,
    reason: text(500).optional(),
    lossReason: z.string().max(40).optional(),
  }),
]);
export type BulkOpportunityAction = z.infer<typeof BulkOpportunityActionSchema>;

/** A name folded for prefix matching and sorting: width, case and spaces ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Minor units to a display string in major units, e.g. 1234567 → "12,345.67". Exact: no float maths. */
export function formatAmount(minor: number, currency: string, locale = 'zh-CN'): string {
  const digits = currency === 'JPY' ? 0 : 2;
  const major = Math.trunc(minor / 10 ** digits);
  const fraction = digits ? String(minor % 10 ** digits).padStart(digits, '0') : '';
  const grouped = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(major);
  return fraction ? `${grouped}.${fraction}` : grouped;
}

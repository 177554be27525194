import { z } from 'zod';
import { EmailSchema, IdSchema, PasswordSchema, requiredText, TimestampSchema } from './common';
import { LOCALES } from './locale';
import { DUPLICATE_POLICIES } from './customers';
import { FollowUpRulesSchema } from './followups';
import { KeyFieldsSchema } from './completeness';
import { DEFAULT_FILE_CATEGORIES, FileCategorySchema } from './files';
import { EMPTY_FIELD_RULES, FieldRulesSchema } from './field-access';

export const LocaleSchema = z.enum(LOCALES);

export const WorkspaceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
  locale: LocaleSchema,
  createdAt: TimestampSchema,
  version: z.number().int(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** First-run setup: the workspace and its first administrator. */
export const SetupRequestSchema = z.object({
  workspaceName: requiredText(100),
  adminName: requiredText(60),
  email: EmailSchema,
  password: PasswordSchema,
  locale: LocaleSchema.default('zh-CN'),
});
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

export const SetupStatusSchema = z.object({ setupRequired: z.boolean() });

/** What an administrator tunes for the whole workspace. Every field has a default, so old rows parse. */
export const WorkspaceSettingsSchema = z.object({
  duplicatePolicy: z.enum(DUPLICATE_POLICIES).default('warn'),
  recycleDays: z.number().int().min(1).max(365).default(30),
  followUps: FollowUpRulesSchema.default({ minContentLength: 10, requireNextStep: true }),
  /** The fields that make a record complete (资料完整率), per record type. */
  keyFields: KeyFieldsSchema.default({ customer: ['uscc', 'industry', 'province', 'city', 'phone', 'level'], contact: ['title', 'mobile', 'email', 'decisionRole'], opportunity: ['contactId', 'amount', 'expectedCloseOn'] }),
  /** What files are filed under (报价单, 合同…); stage gates can require a category. */
  fileCategories: z
    .array(FileCategorySchema)
    .min(1)
    .max(50)
    .refine((list) => new Set(list.map((c) => c.key)).size === list.length, { message: 'category keys must differ' })
    .default(DEFAULT_FILE_CATEGORIES),
  /** Fields hidden from or read-only for roles (字段权限). */
  fieldRules: FieldRulesSchema.default(EMPTY_FIELD_RULES),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

type SettingsShape = typeof WorkspaceSettingsSchema.shape;

/**
 * A change to some settings: the keys sent, nothing else. Not `.partial()`: zod still fills a default
 * for a missing key there, and saving one setting would reset all the others.
 */
export const UpdateWorkspaceSettingsSchema = z.object(
  Object.fromEntries(Object.entries(WorkspaceSettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
    [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>>;
  },
);

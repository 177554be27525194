import { z } from 'zod';
import { IdSchema, ListQuerySchema, RecordListFilters, text, TimestampSchema, VersionSchema, requiredText } from './common';
import { normalizePhone } from './phone';
import { isValidUscc, normalizeUscc } from './uscc';
import { webDomain } from './duplicates';
import { CompletenessSchema } from './completeness';
import { CustomValuesInputSchema } from './custom-fields';

export const CUSTOMER_TYPES = ['company', 'individual'] as const;
export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'lost'] as const;
export const CUSTOMER_LEVELS = ['A', 'B', 'C', 'D'] as const;
export const CUSTOMER_SOURCES = ['referral', 'website', 'exhibition', 'cold_call', 'partner', 'advertising', 'other'] as const;

const optionalText = (max: number) => text(max).transform((s) => (s === '' ? null : s)).nullable();

/** 统一社会信用代码, normalised; empty means none. The check character is verified (GB 32100). */
export const UsccSchema = text(40)
  .transform(normalizeUscc)
  .refine((s) => s === '' || isValidUscc(s), { message: 'invalid 统一社会信用代码', params: { reason: 'uscc' } })
  .transform((s) => (s === '' ? null : s));

/** A phone as typed; stored normalised (11-digit mobiles, 0-prefixed landlines, E.164 abroad). */
export const PhoneSchema = text(40).transform((s, ctx) => {
    if (s.trim() === '') return null;
    const parsed = normalizePhone(s);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'invalid phone number', params: { reason: 'phone' } });
      return z.NEVER;
    }
    return parsed.normalized;
  });

export const WebsiteSchema = text(300).transform((s, ctx) => {
    const trimmed = s.trim();
    if (trimmed === '') return null;
    if (!webDomain(trimmed) || trimmed.includes('@') || /\s/.test(trimmed)) {
      ctx.addIssue({ code: 'custom', message: 'invalid website', params: { reason: 'website' } });
      return z.NEVER;
    }
    return /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  });

export const TagsSchema = z
  .array(requiredText(20))
  .max(20)
  .transform((tags) => [...new Set(tags)]);

/** Fields an admin may hide from a role (RESTRICTABLE_FIELDS in field-access.ts) are optional: absent when hidden. */
export const CustomerSchema = z.object({
  id: IdSchema,
  name: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  uscc: z.string().nullable().optional(),
  industry: z.string().nullable().optional(),
  province: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  website: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  source: z.enum(CUSTOMER_SOURCES).nullable().optional(),
  level: z.enum(CUSTOMER_LEVELS).nullable().optional(),
  status: z.enum(CUSTOMER_STATUSES),
  tags: z.array(z.string()),
  ownerId: IdSchema.nullable(),
  departmentId: IdSchema.nullable(),
  lastFollowUpAt: TimestampSchema.nullable(),
  /** YYYY-MM-DD; in the past means the follow-up is overdue. */
  nextFollowUpOn: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
  version: z.number().int(),
  completeness: CompletenessSchema,
  /** Custom field values by field key (see /api/fields). */
  custom: z.record(z.string(), z.unknown()),
});
export type Customer = z.infer<typeof CustomerSchema>;

const customerFields = {
  name: requiredText(100),
  type: z.enum(CUSTOMER_TYPES),
  uscc: UsccSchema.nullable(),
  industry: optionalText(60),
  province: optionalText(30),
  city: optionalText(30),
  address: optionalText(200),
  website: WebsiteSchema.nullable(),
  phone: PhoneSchema.nullable(),
  source: z.enum(CUSTOMER_SOURCES).nullable(),
  level: z.enum(CUSTOMER_LEVELS).nullable(),
  status: z.enum(CUSTOMER_STATUSES),
  tags: TagsSchema,
};

export const CreateCustomerSchema = z.object({
  ...customerFields,
  type: customerFields.type.default('company'),
  status: customerFields.status.default('prospect'),
  tags: customerFields.tags.default([]),
  uscc: customerFields.uscc.optional(),
  industry: customerFields.industry.optional(),
  province: customerFields.province.optional(),
  city: customerFields.city.optional(),
  address: customerFields.address.optional(),
  website: customerFields.website.optional(),
  phone: customerFields.phone.optional(),
  source: customerFields.source.optional(),
  level: customerFields.level.optional(),
  /** Defaults to the caller; assigning someone else needs the transfer permission. */
  ownerId: IdSchema.optional(),
  custom: CustomValuesInputSchema.optional(),
  /** Set after the user has seen the duplicate warning and chosen to go on (workspace policy "warn"). */
  acknowledgeDuplicates: z.boolean().default(false),
});
export type CreateCustomer = z.infer<typeof CreateCustomerSchema>;

export const UpdateCustomerSchema = z.object({
  version: VersionSchema,
  name: customerFields.name.optional(),
  type: customerFields.type.optional(),
  uscc: customerFields.uscc.optional(),
  industry: customerFields.industry.optional(),
  province: customerFields.province.optional(),
  city: customerFields.city.optional(),
  address: customerFields.address.optional(),
  website: customerFields.website.optional(),
  phone: customerFields.phone.optional(),
  source: customerFields.source.optional(),
  level: customerFields.level.optional(),
  status: customerFields.status.optional(),
  tags: customerFields.tags.optional(),
  custom: CustomValuesInputSchema.optional(),
  acknowledgeDuplicates: z.boolean().default(false),
});
export type UpdateCustomer = z.infer<typeof UpdateCustomerSchema>;

export const CUSTOMER_SORTS = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'name', '-name'] as const;

export const CustomerListQuerySchema = ListQuerySchema.extend({
  /** Matches the start of the name (any legal form, width or case). Full search is /api/search. */
  q: text(100).optional(),
  ownerId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  level: z.enum(CUSTOMER_LEVELS).optional(),
  ...RecordListFilters,
  sort: z.enum(CUSTOMER_SORTS).default('-updatedAt'),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

export const TransferCustomerSchema = z.object({
  version: VersionSchema,
  toUserId: IdSchema,
  note: text(500).optional(),
  /** Hand over the customer's open deals and its contacts too (the usual case when a rep leaves). */
  moveOpenOpportunities: z.boolean().default(true),
  moveContacts: z.boolean().default(true),
});
export type TransferCustomer = z.infer<typeof TransferCustomerSchema>;

/**
 * Merges a duplicate into this customer (the survivor): the duplicate's contacts, deals, follow-ups and
 * comments move over, empty fields are filled from it, tags and custom values are combined, and its
 * history shows on the survivor's timeline. Both versions are checked so nobody merges a stale view.
 */
export const MergeCustomerSchema = z.object({
  version: VersionSchema,
  duplicateId: IdSchema,
  duplicateVersion: VersionSchema,
});
export type MergeCustomer = z.infer<typeof MergeCustomerSchema>;

/** Workspace choice for a duplicate: tell the user and let them confirm, or refuse. */
export const DUPLICATE_POLICIES = ['warn', 'block'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

export const DUPLICATE_KEYS = ['name', 'uscc', 'phone', 'domain', 'mobile', 'email'] as const;

export const DuplicateCheckRequestSchema = z.object({
  /** Customers are checked by name, USCC, phone and web domain; contacts by mobile and e-mail. */
  entity: z.enum(['customer', 'contact']).default('customer'),
  name: text(400).optional(),
  uscc: text(40).optional(),
  phone: text(40).optional(),
  website: text(300).optional(),
  mobile: text(40).optional(),
  email: text(254).optional(),
  /** The record being edited, which is not its own duplicate. */
  excludeId: IdSchema.optional(),
});
export type DuplicateCheckRequest = z.infer<typeof DuplicateCheckRequestSchema>;

/**
 * A customer that looks like the one being entered. When the caller may not read it, only the masked
 * name, the owner and its protection state are told, so a rep knows whom to ask without seeing the record.
 */
export const DuplicateMatchSchema = z.object({
  id: IdSchema.nullable(),
  name: z.string(),
  matchedOn: z.array(z.enum(DUPLICATE_KEYS)),
  visible: z.boolean(),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  protected: z.boolean(),
  /** For "ask the owner" (POST /api/duplicates/ask-owner): an opaque reference, set when someone else owns it. */
  askRef: z.string().nullable(),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

export const DuplicateCheckResultSchema = z.object({
  policy: z.enum(DUPLICATE_POLICIES),
  matches: z.array(DuplicateMatchSchema),
});

/** Masks a name for someone who may not see the record: keeps the first and last character. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 6))}${chars[chars.length - 1]}`;
}

export { BulkRecordActionSchema as BulkCustomerActionSchema, type BulkRecordAction as BulkCustomerAction, BulkResultSchema, type BulkResult } from './common';

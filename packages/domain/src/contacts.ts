import { z } from 'zod';
import { EmailSchema, IdSchema, ListQuerySchema, RecordListFilters, requiredText, text, TimestampSchema, VersionSchema } from './common';
import { normalizeMobile } from './phone';
import { PhoneSchema, TagsSchema } from './customers';
import { CompletenessSchema } from './completeness';
import { CustomValuesInputSchema } from './custom-fields';

/** Their part in the buying decision (决策角色). */
export const DECISION_ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'champion', 'other'] as const;

/** A mobile as typed: Chinese mobiles become 11 digits, others E.164; a landline is refused here. */
export const MobileSchema = text(40).transform((s, ctx) => {
  if (s === '') return null;
  const mobile = normalizeMobile(s);
  if (!mobile) {
    ctx.addIssue({ code: 'custom', message: 'invalid mobile number', params: { reason: 'mobile' } });
    return z.NEVER;
  }
  return mobile;
});

const optionalEmail = z.union([z.literal('').transform(() => null), EmailSchema]);

/** Fields an admin may hide from a role (RESTRICTABLE_FIELDS in field-access.ts) are optional: absent when hidden. */
export const ContactSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  customerName: z.string(),
  name: z.string(),
  title: z.string().nullable().optional(),
  mobile: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  wechat: z.string().nullable().optional(),
  decisionRole: z.enum(DECISION_ROLES).nullable().optional(),
  tags: z.array(z.string()),
  /** The customer's owner when the contact was added; who may see a contact follows its customer. */
  ownerId: IdSchema.nullable(),
  lastFollowUpAt: TimestampSchema.nullable(),
  nextFollowUpOn: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
  version: z.number().int(),
  completeness: CompletenessSchema,
  /** Custom field values by field key (see /api/fields). */
  custom: z.record(z.string(), z.unknown()),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CreateContactSchema = z.object({
  customerId: IdSchema,
  name: requiredText(60),
  title: text(60).optional(),
  mobile: MobileSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  email: optionalEmail.nullable().optional(),
  wechat: text(60).optional(),
  decisionRole: z.enum(DECISION_ROLES).nullable().optional(),
  tags: TagsSchema.default([]),
  custom: CustomValuesInputSchema.optional(),
  acknowledgeDuplicates: z.boolean().default(false),
});
export type CreateContact = z.infer<typeof CreateContactSchema>;

export const UpdateContactSchema = z.object({
  version: VersionSchema,
  name: requiredText(60).optional(),
  title: text(60).optional(),
  mobile: MobileSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  email: optionalEmail.nullable().optional(),
  wechat: text(60).optional(),
  decisionRole: z.enum(DECISION_ROLES).nullable().optional(),
  tags: TagsSchema.optional(),
  custom: CustomValuesInputSchema.optional(),
  acknowledgeDuplicates: z.boolean().default(false),
});
export type UpdateContact = z.infer<typeof UpdateContactSchema>;

export const CONTACT_SORTS = ['-updatedAt', 'updatedAt', 'name', '-name'] as const;

export const ContactListQuerySchema = ListQuerySchema.extend({
  customerId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  /** The customer's department (who may see a contact follows its customer). */
  departmentId: IdSchema.optional(),
  q: text(60).optional(),
  decisionRole: z.enum(DECISION_ROLES).optional(),
  ...RecordListFilters,
  sort: z.enum(CONTACT_SORTS).default('-updatedAt'),
});
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;

/** Hands a contact to a colleague as its owner. Who may see it still follows its customer. */
export const TransferContactSchema = z.object({
  version: VersionSchema,
  toUserId: IdSchema,
  note: text(500).optional(),
});
export type TransferContact = z.infer<typeof TransferContactSchema>;

export { BulkRecordActionSchema as BulkContactActionSchema, type BulkRecordAction as BulkContactAction } from './common';

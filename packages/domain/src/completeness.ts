import { z } from 'zod';

/**
 * 资料完整率: the share of a record's key fields that are filled in, and which are missing. The workspace
 * chooses the key fields per record type; empty strings and empty lists count as missing.
 */
export const CompletenessSchema = z.object({
  percent: z.number().int().min(0).max(100),
  missing: z.array(z.string()),
});
export type Completeness = z.infer<typeof CompletenessSchema>;

export const CUSTOMER_KEY_FIELD_CHOICES = ['uscc', 'industry', 'province', 'city', 'address', 'website', 'phone', 'source', 'level', 'tags'] as const;
export const CONTACT_KEY_FIELD_CHOICES = ['title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags'] as const;

export const OPPORTUNITY_KEY_FIELD_CHOICES = ['contactId', 'amount', 'expectedCloseOn', 'source', 'tags'] as const;

export const KeyFieldsSchema = z.object({
  customer: z.array(z.enum(CUSTOMER_KEY_FIELD_CHOICES)).max(CUSTOMER_KEY_FIELD_CHOICES.length).default(['uscc', 'industry', 'province', 'city', 'phone', 'level']),
  contact: z.array(z.enum(CONTACT_KEY_FIELD_CHOICES)).max(CONTACT_KEY_FIELD_CHOICES.length).default(['title', 'mobile', 'email', 'decisionRole']),
  opportunity: z.array(z.enum(OPPORTUNITY_KEY_FIELD_CHOICES)).max(OPPORTUNITY_KEY_FIELD_CHOICES.length).default(['contactId', 'amount', 'expectedCloseOn']),
});
export type KeyFields = z.infer<typeof KeyFieldsSchema>;

function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function completenessOf(record: Record<string, unknown>, keyFields: readonly string[]): Completeness {
  if (keyFields.length === 0) return { percent: 100, missing: [] };
  const missing = keyFields.filter((field) => !filled(record[field]));
  return { percent: Math.round(((keyFields.length - missing.length) / keyFields.length) * 100), missing };
}

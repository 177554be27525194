import { z } from 'zod';
import { EmailSchema, IdSchema, requiredText, text, TimestampSchema, VersionSchema } from './common';
import type { FieldError } from './errors';
import { normalizePhone } from './phone';

/**
 * Custom fields (自定义字段, 零代码): an admin adds fields to a record type from the UI. Values live in the
 * record's `custom` object under the field's key, are validated here for the API and the forms alike,
 * and are filtered, searched and returned like built-in fields.
 */
export const CUSTOM_FIELD_ENTITIES = ['customer', 'contact', 'opportunity', 'followup'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'datetime', 'select', 'multiselect', 'user', 'phone', 'email', 'url'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Types whose values are text a person might search for. */
export const SEARCHABLE_FIELD_TYPES: readonly CustomFieldType[] = ['text', 'textarea', 'phone', 'email', 'url'];

export const FieldOptionSchema = z.object({
  value: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  labelZh: requiredText(40),
  labelEn: requiredText(40),
});
export type FieldOption = z.infer<typeof FieldOptionSchema>;

/** An option as stored and returned (responses carry no input transforms). */
const StoredOptionSchema = z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() });

/** API name of a field: what the `custom` object and filters use; fixed once created. */
export const FieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'lowercase letters, digits and _; starts with a letter' });

export const CustomFieldSchema = z.object({
  id: IdSchema,
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(StoredOptionSchema),
  /** Order on the form and in the detail view. */
  position: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const CreateCustomFieldSchema = z
  .object({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: FieldKeySchema,
    labelZh: requiredText(40),
    labelEn: requiredText(40),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(FieldOptionSchema).max(100).default([]),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .superRefine((field, ctx) => {
    const choice = field.type === 'select' || field.type === 'multiselect';
    if (choice && field.options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs options', params: { reason: 'options_required' } });
    if (new Set(field.options.map((o) => o.value)).size !== field.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must differ', params: { reason: 'options_unique' } });
  });
export type CreateCustomField = z.infer<typeof CreateCustomFieldSchema>;

/** Key, type and record type are fixed: stored values depend on them. Labels, options, order and "required" may change. */
export const UpdateCustomFieldSchema = z.object({
  version: VersionSchema,
  labelZh: requiredText(40).optional(),
  labelEn: requiredText(40).optional(),
  required: z.boolean().optional(),
  options: z.array(FieldOptionSchema).max(100).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type UpdateCustomField = z.infer<typeof UpdateCustomFieldSchema>;

/** What a client sends: field key → value (null clears it). Checked against the definitions on the server. */
export const CustomValuesInputSchema = z.record(z.string().max(40), z.unknown());
export type CustomValues = Record<string, unknown>;

const MAX_NUMBER = 1e15;

/** The zod schema of one field's value (non-null). Money is integer minor units like built-in amounts. */
export function customValueSchema(field: Pick<CustomField, 'type' | 'options'>): z.ZodType {
  const values = field.options.map((o) => o.value);
  switch (field.type) {
    case 'text':
      return requiredText(200);
    case 'textarea':
      return requiredText(5000);
    case 'number':
      return z.number().finite().min(-MAX_NUMBER).max(MAX_NUMBER);
    case 'money':
      return z.number().int().min(-MAX_NUMBER).max(MAX_NUMBER);
    case 'date':
      return z.iso.date();
    case 'datetime':
      return z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
    case 'select':
      return z.string().refine((v) => values.includes(v), { message: 'not one of the options', params: { reason: 'option' } });
    case 'multiselect':
      return z
        .array(z.string().refine((v) => values.includes(v), { message: 'not one of the options', params: { reason: 'option' } }))
        .max(100)
        .transform((list) => [...new Set(list)]);
    case 'user':
      return IdSchema;
    case 'phone':
      return text(40).transform((s, ctx) => {
        const parsed = normalizePhone(s);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: 'invalid phone number', params: { reason: 'phone' } });
          return z.NEVER;
        }
        return parsed.normalized;
      });
    case 'email':
      return EmailSchema;
    case 'url':
      return text(500).pipe(z.url({ protocol: /^https?$/ }));
  }
}

/** A stable, localisable code for a value's first problem: our refinements' reason, else a coarse kind. */
function issueCode(issue: z.core.$ZodIssue | undefined): string {
  const reason = (issue as { params?: { reason?: string } } | undefined)?.params?.reason;
  if (reason) return reason;
  return issue?.code === 'too_big' ? 'too_big' : 'invalid_value';
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks a record's custom values against the definitions of its type. Unknown keys, wrong types and
 * (on create, or when cleared) missing required fields are each reported at `custom.<key>`. Returns the
 * normalised values to store; on update only the keys sent, merged by the caller.
 */
export function checkCustomValues(fields: readonly CustomField[], input: CustomValues | undefined, mode: 'create' | 'update'): { values: CustomValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: CustomValues = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(input ?? {})) {
    if (!byKey.has(key)) errors.push({ path: `custom.${key}`, code: 'unknown_field', message: 'unknown field' });
  }
  for (const field of fields) {
    const sent = input !== undefined && Object.hasOwn(input, field.key);
    const raw = sent ? input[field.key] : undefined;
    if (isEmpty(raw)) {
      if (field.required && (mode === 'create' || sent)) errors.push({ path: `custom.${field.key}`, code: 'required', message: 'required' });
      if (sent) values[field.key] = null;
      continue;
    }
    const parsed = customValueSchema(field).safeParse(raw);
    if (parsed.success) values[field.key] = parsed.data;
    else errors.push({ path: `custom.${field.key}`, code: issueCode(parsed.error.issues[0]), message: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  return { values, errors };
}

import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api';

/**
 * Forms validate with the same zod schema the server uses, so the rules live in one place (domain);
 * this file turns zod issues and server field errors into antd field errors, in the UI language.
 */

type Issue = z.core.$ZodIssue;
type FieldData = { name: (string | number)[]; errors: string[] };

/** A localised message for one zod issue (zod's own messages are English-only). */
export function issueMessage(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'array' ? t('validation.requiredSelect') : t('validation.required');
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? t('validation.required') : t('validation.tooShort', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? t('validation.requiredSelect') : t('validation.tooFew', { n });
      return t('validation.numberMin', { n });
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { n });
      return t('validation.numberMax', { n });
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation.date');
      return t('validation.invalid');
    case 'custom': {
      // Domain refinements name their rule in `params.reason` (see packages/domain).
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      if (reason === 'uscc') return t('validation.uscc');
      if (reason === 'phone') return t('validation.phone');
      if (reason === 'website') return t('validation.website');
      if (reason === 'mobile') return t('validation.mobile');
      if (reason === 'option') return t('validation.option');
      return t('validation.invalidChars');
    }
    default:
      return t('validation.invalid');
  }
}

/**
 * Form field name for an API/zod path: our forms are flat, so `roleIds.0` belongs to `roleIds`; custom
 * fields are the one nested object (`custom.<key>`, a form field per key).
 */
export function fieldName(path: readonly PropertyKey[]): (string | number)[] {
  const first = path[0];
  if (first === 'custom' && path[1] !== undefined) return ['custom', String(path[1])];
  return [typeof first === 'number' ? first : String(first ?? '')];
}

function mergeFields(entries: { name: (string | number)[]; message: string }[]): FieldData[] {
  const byName = new Map<string, FieldData>();
  for (const { name, message } of entries) {
    const key = name.join('.');
    const field = byName.get(key) ?? { name, errors: [] };
    if (!field.errors.includes(message)) field.errors.push(message);
    byName.set(key, field);
  }
  return [...byName.values()];
}

/**
 * Parses `values` with `schema`; on failure marks the failing fields on the form and returns null.
 * Only fields the form has are marked; the rest would be invisible, so they are ignored here.
 */
export function validateForm<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, t: TFunction): z.infer<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fields = mergeFields(result.error.issues.map((issue) => ({ name: fieldName(issue.path), message: issueMessage(issue, t) })));
  form.setFields(fields);
  return null;
}

/**
 * Marks the field errors of a 422 problem on the form. Returns true when at least one field was marked,
 * so the caller shows the general message only when nothing more specific is on screen.
 */
export function applyServerFieldErrors(form: FormInstance, error: unknown, known: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.problem.fields?.length) return false;
  const entries = error.problem.fields
    .map((f) => ({ name: fieldName(f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))), message: f.message }))
    .filter((f) => known.includes(String(f.name[0])));
  if (!entries.length) return false;
  form.setFields(mergeFields(entries));
  return true;
}

/**
 * A field's error is about what was typed then: editing it clears the error until the next submit.
 * For a form's `onValuesChange`; custom fields change as one `custom` object, so each changed key is cleared.
 */
export function clearChangedErrors(form: FormInstance, changed: Record<string, unknown>): void {
  const names: (string | number)[][] = [];
  for (const [name, value] of Object.entries(changed)) {
    if (name === 'custom' && value && typeof value === 'object') for (const key of Object.keys(value)) names.push(['custom', key]);
    else names.push([name]);
  }
  form.setFields(names.map((name) => ({ name, errors: [] })));
}

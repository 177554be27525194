import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { customValueSchema, CustomFieldSchema, type CustomField, type CustomFieldEntity } from '@kairos/domain/custom-fields';
import type { Locale } from '@kairos/domain/locale';
import { request } from './api';
import { formatDate, formatDateTime } from './format';
import { issueMessage } from './forms';
import { amountInput, formatMoney, minorDigits, parseSignedAmount } from './money';
import { joinList } from './timeline';

/**
 * Custom fields (自定义字段) as every record screen uses them: the definitions of a record type, their
 * labels in the UI language, values as people read them, and the round trip between what a form holds
 * and what the API takes (validated with the domain's `customValueSchema`, the server's own rule).
 * The admin page that defines them is the custom-fields feature; this is the shared half.
 */

export const customFieldsKey = ['fields'] as const;
const FieldListSchema = z.object({ items: z.array(CustomFieldSchema) });
const sortedItems = (data: z.infer<typeof FieldListSchema>) => sortFields(data.items);

/** The live fields of a record type, in form order. Every member may read them; they change rarely. */
export function useCustomFields(entity: CustomFieldEntity, enabled = true) {
  return useQuery({
    queryKey: [...customFieldsKey, entity],
    queryFn: ({ signal }) => request('/api/fields', { query: { entity }, schema: FieldListSchema, signal }),
    select: sortedItems,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Form order: position, then creation (ties are possible when positions were never set). */
export function sortFields(fields: readonly CustomField[]): CustomField[] {
  return [...fields].sort((a, b) => a.position - b.position || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export function customFieldLabel(field: Pick<CustomField, 'labelZh' | 'labelEn'>, locale: Locale): string {
  return (locale === 'en' ? field.labelEn : field.labelZh) || field.labelZh || field.labelEn;
}

export function optionLabel(field: Pick<CustomField, 'options'>, value: unknown, locale: Locale): string {
  const option = field.options.find((o) => o.value === value);
  if (!option) return String(value);
  return (locale === 'en' ? option.labelEn : option.labelZh) || option.labelZh;
}

/** What a value is shown against: the reader's language, member names, the workspace's currency and timezone. */
export interface CustomValueContext {
  locale: Locale;
  names: ReadonlyMap<string, string>;
  currency: string;
  timeZone?: string;
  /** How an id of nobody we know is shown. */
  unknown: string;
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** A stored value as a person reads it ('' when there is none): money in yuan, choices and members by name. */
export function formatCustomValue(field: Pick<CustomField, 'type' | 'options'>, value: unknown, ctx: CustomValueContext): string {
  if (isEmptyValue(value)) return '';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value, ctx.currency, ctx.locale) : String(value);
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 6 }).format(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(`${value}T12:00:00Z`, ctx.locale, 'UTC') : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value, ctx.locale, ctx.timeZone) : String(value);
    case 'select':
      return optionLabel(field, value, ctx.locale);
    case 'multiselect':
      return Array.isArray(value) ? joinList(value.map((v) => optionLabel(field, v, ctx.locale)), ctx.locale) : String(value);
    case 'user':
      return typeof value === 'string' ? (ctx.names.get(value) ?? ctx.unknown) : String(value);
    default:
      return Array.isArray(value) ? joinList(value, ctx.locale) : String(value);
  }
}

/** What a form control of the field holds. */
export type CustomFormValue = string | number | string[] | Dayjs | null | undefined;
export type CustomFormValues = Record<string, CustomFormValue>;

const DATE = 'YYYY-MM-DD';

/** A stored value → what the field's form control shows (money in major units, dates as Dayjs). */
export function toFormValue(field: Pick<CustomField, 'type'>, value: unknown, currency: string): CustomFormValue {
  if (value === null || value === undefined) return field.type === 'multiselect' ? [] : undefined;
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? amountInput(value, currency) : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'date':
    case 'datetime':
      return typeof value === 'string' && dayjs(value).isValid() ? dayjs(value) : undefined;
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : [];
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** A record's stored values → the form's `custom` object, for the fields of its type. */
export function customFormValues(fields: readonly CustomField[], stored: Record<string, unknown> | undefined, currency: string): CustomFormValues {
  const values: CustomFormValues = {};
  for (const field of fields) values[field.key] = toFormValue(field, stored?.[field.key], currency);
  return values;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** What a form control holds → the API's value (undefined when empty), or why it cannot be one. */
function fromFormValue(field: Pick<CustomField, 'type'>, value: CustomFormValue, currency: string, t: TFunction): Converted {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  switch (field.type) {
    case 'money': {
      const parsed = parseSignedAmount(typeof value === 'number' ? String(value) : String(value as string), currency);
      if (!parsed.ok) {
        const message = parsed.reason === 'tooLarge' ? t('validation.moneyTooLarge') : minorDigits(currency) ? t('validation.money') : t('validation.moneyWhole');
        return { ok: false, message };
      }
      return { ok: true, value: parsed.minor ?? undefined };
    }
    case 'date':
      return { ok: true, value: dayjs.isDayjs(value) ? value.format(DATE) : undefined };
    case 'datetime':
      return { ok: true, value: dayjs.isDayjs(value) ? value.toISOString() : undefined };
    case 'multiselect':
      return { ok: true, value: Array.isArray(value) && value.length ? value : undefined };
    case 'number':
      return { ok: true, value: typeof value === 'number' ? value : undefined };
    default: {
      if (typeof value !== 'string') return { ok: true, value: undefined };
      return { ok: true, value: value.trim() === '' ? undefined : value };
    }
  }
}

/** A localised message for a value the field's schema refuses. */
function valueMessage(issue: z.core.$ZodIssue | undefined, t: TFunction): string {
  return issue ? issueMessage(issue, t) : t('validation.invalid');
}

export interface CustomFormCheck {
  /** The `custom` body to send (only changed keys on update; null clears), or undefined when there is nothing. */
  custom: Record<string, unknown> | undefined;
  /** Form fields to mark (`['custom', key]`), one entry per field, empty errors for the valid ones. */
  fields: { name: ['custom', string]; errors: string[] }[];
  ok: boolean;
}

/**
 * Checks what the form holds against the fields, as the server will: each value with the domain's
 * `customValueSchema`, required ones filled on create. On update only what changed is sent, and a
 * required field is refused only when it is being cleared, so a record saved before the field became
 * required can still be edited.
 */
export function checkCustomForm(
  fields: readonly CustomField[],
  form: CustomFormValues | undefined,
  mode: { mode: 'create' } | { mode: 'update'; stored: Record<string, unknown> },
  currency: string,
  t: TFunction,
): CustomFormCheck {
  const marks: CustomFormCheck['fields'] = [];
  const custom: Record<string, unknown> = {};
  let ok = true;
  for (const field of fields) {
    const fail = (message: string) => {
      ok = false;
      marks.push({ name: ['custom', field.key], errors: [message] });
    };
    const converted = fromFormValue(field, form?.[field.key], currency, t);
    if (!converted.ok) {
      fail(converted.message);
      continue;
    }
    const stored = mode.mode === 'update' ? mode.stored[field.key] : undefined;
    const had = !isEmptyValue(stored);
    if (converted.value === undefined) {
      if (field.required && (mode.mode === 'create' || had)) fail(field.type === 'multiselect' || field.type === 'select' || field.type === 'user' ? t('validation.requiredSelect') : t('validation.required'));
      else {
        marks.push({ name: ['custom', field.key], errors: [] });
        if (had) custom[field.key] = null;
      }
      continue;
    }
    const parsed = customValueSchema(field).safeParse(converted.value);
    if (!parsed.success) {
      fail(valueMessage(parsed.error.issues[0], t));
      continue;
    }
    marks.push({ name: ['custom', field.key], errors: [] });
    if (mode.mode === 'create' || JSON.stringify(parsed.data) !== JSON.stringify(stored)) custom[field.key] = parsed.data;
  }
  return { custom: Object.keys(custom).length ? custom : undefined, fields: marks, ok };
}

/** Types a list can be filtered by (an instant never equals what one would type). */
export function isFilterable(field: Pick<CustomField, 'type'>): boolean {
  return field.type !== 'datetime';
}

/**
 * A filter's `customValue` for what the filter control holds, normalised as values are stored (a phone
 * as digits, an e-mail in lower case, money in minor units); undefined while there is nothing usable.
 */
export function filterValue(field: Pick<CustomField, 'type' | 'options'>, raw: CustomFormValue, currency: string): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  switch (field.type) {
    case 'money': {
      const parsed = parseSignedAmount(String(raw as string | number), currency);
      return parsed.ok && parsed.minor !== null ? String(parsed.minor) : undefined;
    }
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;
    case 'date':
      return dayjs.isDayjs(raw) ? raw.format(DATE) : undefined;
    case 'select':
    case 'multiselect':
    case 'user':
      return typeof raw === 'string' && raw ? raw : undefined;
    default: {
      if (typeof raw !== 'string' || !raw.trim()) return undefined;
      const parsed = customValueSchema(field).safeParse(raw);
      return parsed.success && typeof parsed.data === 'string' ? parsed.data : raw.trim();
    }
  }
}

/**
 * The other way: what the filter control holds for a stored filter's `customValue` (a saved view's), so
 * `filterValue` gives the same value back. Money shows in major units, numbers as numbers, dates as Dayjs.
 */
export function filterRaw(field: Pick<CustomField, 'type'>, value: string, currency: string): CustomFormValue {
  switch (field.type) {
    case 'money':
      return /^-?\d+$/.test(value) ? amountInput(Number(value), currency) : value;
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid() ? dayjs(value) : undefined;
    default:
      return value;
  }
}

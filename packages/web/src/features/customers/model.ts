import type { TFunction } from 'i18next';
import { CUSTOMER_LEVELS, CUSTOMER_SOURCES, CUSTOMER_STATUSES, CUSTOMER_TYPES } from '@kairos/domain/customers';
import { describeFieldChanges, memberName, noteLine, plainValue, type ChangeEvent, type ValueContext } from '../../lib/timeline';

/** Pure rules of the customer screens (no React), so they can be unit-tested. */

const LABELLED_FIELDS = [
  'name',
  'type',
  'uscc',
  'industry',
  'province',
  'city',
  'address',
  'website',
  'phone',
  'source',
  'level',
  'status',
  'tags',
  'ownerId',
  'departmentId',
] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];

function isLabelled(field: string): field is LabelledField {
  return (LABELLED_FIELDS as readonly string[]).includes(field);
}

/** The field's name in the UI language; an unknown (future) field shows its API name. */
export function fieldLabel(field: string, t: TFunction): string {
  return isLabelled(field) ? t(`customers.field.${field}`) : field;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** A value from the history as a person reads it: enum labels translated, owners by name, lists joined. */
export function formatValue(field: string, value: unknown, ctx: ValueContext): string {
  const { t, locale } = ctx;
  if (field === 'type' && oneOf(CUSTOMER_TYPES, value)) return t(`customers.type.${value}`);
  if (field === 'status' && oneOf(CUSTOMER_STATUSES, value)) return t(`customers.status.${value}`);
  if (field === 'level' && oneOf(CUSTOMER_LEVELS, value)) return t(`customers.level.${value}`);
  if (field === 'source' && oneOf(CUSTOMER_SOURCES, value)) return t(`customers.source.${value}`);
  if (field === 'ownerId' && typeof value === 'string') return memberName(value, ctx);
  return plainValue(value, locale);
}

/**
 * The sentences for one change, to follow the actor's name: "changed Phone from … to …", "transferred the
 * customer to …", "created the customer". The department follows the owner, so it is not told separately.
 */
export function describeChange(event: ChangeEvent, ctx: ValueContext): string[] {
  const { t } = ctx;
  switch (event.action) {
    case 'create':
      return [t('customers.timeline.created')];
    case 'delete':
      return [t('customers.timeline.deleted')];
    case 'restore':
      return [t('customers.timeline.restored')];
    case 'transfer': {
      const owner = event.entries.find((e) => e.field === 'ownerId');
      const to = formatValue('ownerId', owner?.after, ctx) || t('timeline.unknown');
      const from = formatValue('ownerId', owner?.before, ctx);
      return [t('customers.timeline.transferred', { to }) + (from ? t('customers.timeline.transferredFrom', { from }) : ''), ...noteLine(event, ctx)];
    }
    case 'update':
      return describeFieldChanges(
        event,
        ctx,
        (field) => fieldLabel(field, t),
        (field, value) => formatValue(field, value, ctx),
        ['departmentId'],
      );
    default:
      return [t('timeline.other', { action: event.action })];
  }
}

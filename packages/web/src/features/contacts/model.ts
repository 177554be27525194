import type { TFunction } from 'i18next';
import { DECISION_ROLES } from '@kairos/domain/contacts';
import { describeFieldChanges, memberName, plainValue, type ChangeEvent, type ValueContext } from '../../lib/timeline';

/** Pure rules of the contact screens (no React), so they can be unit-tested. */

const LABELLED_FIELDS = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags', 'customerId'] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];

function isLabelled(field: string): field is LabelledField {
  return (LABELLED_FIELDS as readonly string[]).includes(field);
}

/** The field's name in the UI language; an unknown (future) field shows its API name. */
export function fieldLabel(field: string, t: TFunction): string {
  return isLabelled(field) ? t(`contacts.field.${field}`) : field;
}

/** A value from the history as a person reads it: the decision role translated, lists joined. */
export function formatValue(field: string, value: unknown, ctx: ValueContext): string {
  if (field === 'decisionRole' && typeof value === 'string' && (DECISION_ROLES as readonly string[]).includes(value)) return ctx.t(`contacts.role.${value as (typeof DECISION_ROLES)[number]}`);
  return plainValue(value, ctx.locale);
}

/** The sentences for one change to a contact, to follow the actor's name. */
export function describeChange(event: ChangeEvent, ctx: ValueContext): string[] {
  const { t } = ctx;
  switch (event.action) {
    case 'create':
      return [t('contacts.timeline.created')];
    case 'delete':
      return [t('contacts.timeline.deleted')];
    case 'restore':
      return [t('contacts.timeline.restored')];
    case 'transfer': {
      // Contacts move with their customer; the owner they follow is told, when it is known.
      const owner = event.entries.find((e) => e.field === 'ownerId');
      const to = memberName(owner?.after, ctx);
      return [to ? t('contacts.timeline.transferredTo', { to }) : t('contacts.timeline.transferred')];
    }
    case 'update':
      return describeFieldChanges(
        event,
        ctx,
        (field) => fieldLabel(field, t),
        (field, value) => formatValue(field, value, ctx),
      );
    default:
      return [t('timeline.other', { action: event.action })];
  }
}

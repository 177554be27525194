import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldEntity } from '@kairos/domain/custom-fields';
import { useSession } from '../lib/auth';
import { customFieldLabel, formatCustomValue, isEmptyValue, useCustomFields, type CustomValueContext } from '../lib/custom-fields';
import { useMemberNames } from '../lib/directory';
import { useLocale } from '../lib/i18n/i18n';
// Field-level access is asked of every record screen; the one hook that knows it lives with its feature.
import { useFieldAccess } from '../features/field-access/api';
import { customRuleField } from '../features/field-access/model';
import { Dash, HiddenValue } from './record-bits';

/** One custom value as shown on a record's page: links for web addresses, phones and e-mails. */
export function CustomValue({ field, value, ctx }: { field: CustomField; value: unknown; ctx: CustomValueContext }) {
  if (isEmptyValue(value)) return <Dash />;
  const text = formatCustomValue(field, value, ctx);
  if (field.type === 'url' && typeof value === 'string')
    return (
      <a href={value} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
        {value.replace(/^https?:\/\//, '')}
      </a>
    );
  if (field.type === 'phone' && typeof value === 'string') return <a href={`tel:${value}`}>{text}</a>;
  if (field.type === 'email' && typeof value === 'string')
    return (
      <a href={`mailto:${value}`} style={{ wordBreak: 'break-all' }}>
        {text}
      </a>
    );
  if (field.type === 'textarea') return <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
  return <>{text}</>;
}

/** The reader's context for custom values: language, member names, the workspace's currency and timezone. */
export function useCustomValueContext(): CustomValueContext {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const names = useMemberNames();
  return { locale, names, currency: me.workspace.currency, timeZone: me.workspace.timezone, unknown: t('timeline.unknown') };
}

/**
 * A record's custom fields as Descriptions items, in form order; long text takes a whole row. A field
 * hidden from the member's role (字段权限) keeps its place with the hidden marker instead of a value.
 */
export function useCustomFieldItems(entity: CustomFieldEntity, custom: Record<string, unknown>): NonNullable<DescriptionsProps['items']> {
  const fields = useCustomFields(entity);
  const ctx = useCustomValueContext();
  const access = useFieldAccess();
  return (fields.data ?? []).map((field) => {
    const hidden = access.isHidden(entity, customRuleField(field.key)) && custom[field.key] === undefined;
    return {
      key: `custom.${field.key}`,
      label: customFieldLabel(field, ctx.locale),
      children: hidden ? (
        <HiddenValue />
      ) : (
        <span data-testid={`custom-value-${field.key}`}>
          <CustomValue field={field} value={custom[field.key]} ctx={ctx} />
        </span>
      ),
      ...(!hidden && (field.type === 'textarea' || field.type === 'multiselect') ? { span: 'filled' as const } : {}),
    };
  });
}

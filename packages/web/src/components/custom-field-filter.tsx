import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@kairos/domain/custom-fields';
import { customFieldLabel, filterRaw, isFilterable, type CustomFormValue } from '../lib/custom-fields';
import { useLocale } from '../lib/i18n/i18n';
import { CustomFieldControl } from './custom-field-inputs';

/** What the custom-field filter holds: the field picked and the raw value of its control. */
export interface CustomFilterState {
  key?: string;
  raw?: CustomFormValue;
}

/** The filter's state for a stored `customKey` + `customValue` (a saved view's); nothing when the field is gone. */
export function customFilterOf(fields: readonly CustomField[], filters: { customKey?: string; customValue?: string }, currency: string): CustomFilterState {
  const field = fields.find((f) => f.key === filters.customKey);
  if (!field || !isFilterable(field) || filters.customValue === undefined) return {};
  return { key: field.key, raw: filterRaw(field.type === 'multiselect' ? { type: 'select' } : field, filters.customValue, currency) };
}

/**
 * A list filter on one custom field: pick the field, then a value in the control its type needs (a
 * choice from its options, a member, a date…). The list turns it into `customKey` + `customValue`.
 */
export function CustomFieldFilter({
  fields,
  currency,
  value,
  onChange,
  width,
}: {
  fields: readonly CustomField[];
  currency: string;
  value: CustomFilterState;
  onChange: (next: CustomFilterState) => void;
  /** The whole control's width ('100%' on phones). */
  width?: number | string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const filterable = fields.filter(isFilterable);
  if (!filterable.length) return null;
  const field = filterable.find((f) => f.key === value.key);
  return (
    <Space.Compact style={{ width: width ?? 320 }} data-testid="custom-filter">
      <Select
        allowClear
        placeholder={t('customFields.filterField')}
        value={field?.key}
        onChange={(key?: string) => onChange({ key, raw: undefined })}
        options={filterable.map((f) => ({ value: f.key, label: customFieldLabel(f, locale) }))}
        style={{ width: '45%' }}
        popupMatchSelectWidth={false}
        aria-label={t('customFields.filterField')}
        data-testid="custom-filter-field"
      />
      {field ? (
        <CustomFieldControl
          // A new control per field, so a value of one type never lands in another's control.
          key={field.key}
          field={field.type === 'multiselect' ? { ...field, type: 'select' } : field}
          currency={currency}
          value={value.raw}
          onChange={(raw) => onChange({ key: field.key, raw: raw as CustomFormValue })}
          placeholder={t('customFields.filterValue')}
          style={{ width: '55%' }}
          testId="custom-filter-value"
        />
      ) : (
        <Select disabled placeholder={t('customFields.filterValue')} style={{ width: '55%' }} aria-label={t('customFields.filterValue')} />
      )}
    </Space.Compact>
  );
}

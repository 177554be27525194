import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import { useEffect, useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@kairos/domain/custom-fields';
import { customFieldLabel, customFormValues, optionLabel } from '../lib/custom-fields';
import { memberOptions, useDirectory } from '../lib/directory';
import { useLocale } from '../lib/i18n/i18n';
import { currencySymbol, minorDigits } from '../lib/money';
import { useIsPhone } from '../lib/use-is-phone';
// Field-level access is asked of every record form; the one hook that knows it lives with its feature.
import { useFieldAccess } from '../features/field-access/api';
import { customRuleField } from '../features/field-access/model';
import { ReadOnlyMark } from './record-bits';

/** The right control for a custom field's type; `id` ties it to its label. */
export function CustomFieldControl({
  field,
  currency,
  id,
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  testId,
  disabled,
}: {
  field: CustomField;
  currency: string;
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** The control's style; full width unless given. */
  style?: CSSProperties;
  testId?: string;
  /** Shown but not to be changed (a field read-only for the member's role); else the form's own state. */
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const directory = useDirectory(field.type === 'user');
  const people = useMemo(() => memberOptions(directory.data), [directory.data]);
  const common = { id, value: value as never, onChange: onChange as never, style: style ?? { width: '100%' }, 'data-testid': testId, ...(disabled ? { disabled } : {}) };
  const choices = field.options.map((o) => ({ value: o.value, label: optionLabel(field, o.value, locale) }));
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea {...common} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} placeholder={placeholder} />;
    case 'number':
      return <InputNumber {...common} placeholder={placeholder} />;
    case 'money':
      return (
        <Input
          {...common}
          onChange={(e) => onChange?.(e.target.value)}
          prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{currencySymbol(currency)}</span>}
          inputMode="decimal"
          autoComplete="off"
          maxLength={24}
          allowClear={allowClear}
          placeholder={placeholder ?? (minorDigits(currency) ? t('customFields.moneyPlaceholder') : t('customFields.moneyPlaceholderWhole'))}
          style={{ fontVariantNumeric: 'tabular-nums', ...common.style }}
        />
      );
    case 'date':
      return <DatePicker {...common} placeholder={placeholder ?? t('followUps.pickDate')} inputReadOnly={isPhone} allowClear={allowClear} />;
    case 'datetime':
      return (
        <DatePicker
          {...common}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={placeholder ?? t('customFields.pickDateTime')}
          inputReadOnly={isPhone}
          allowClear={allowClear}
        />
      );
    case 'select':
      return <Select {...common} allowClear={allowClear} options={choices} placeholder={placeholder ?? t('customFields.pick')} popupMatchSelectWidth={false} />;
    case 'multiselect':
      return <Select {...common} mode="multiple" allowClear={allowClear} options={choices} placeholder={placeholder ?? t('customFields.pickMany')} />;
    case 'user':
      return (
        <Select
          {...common}
          allowClear={allowClear}
          options={people}
          showSearch={{ optionFilterProp: 'label' }}
          loading={directory.isPending}
          placeholder={placeholder ?? t('customFields.pickMember')}
          popupMatchSelectWidth={false}
        />
      );
    case 'phone':
      return <Input {...common} onChange={(e) => onChange?.(e.target.value)} inputMode="tel" autoComplete="off" maxLength={40} allowClear={allowClear} placeholder={placeholder ?? t('customFields.phonePlaceholder')} />;
    case 'email':
      return <Input {...common} onChange={(e) => onChange?.(e.target.value)} inputMode="email" autoComplete="off" maxLength={254} allowClear={allowClear} placeholder={placeholder ?? 'name@example.com'} />;
    case 'url':
      return <Input {...common} onChange={(e) => onChange?.(e.target.value)} inputMode="url" autoComplete="off" maxLength={500} allowClear={allowClear} placeholder={placeholder ?? 'https://'} />;
    default:
      return <Input {...common} onChange={(e) => onChange?.(e.target.value)} autoComplete="off" maxLength={200} allowClear={allowClear} placeholder={placeholder} />;
  }
}

/**
 * The form items of a record type's custom fields (零代码), under `custom.<key>` in the form, each with
 * the control its type needs. Values are checked on submit with `checkCustomForm` (the domain's rules)
 * and server errors at `custom.<key>` land on the same items. Field-level access (字段权限) applies by
 * itself: a field hidden from the member's role is left out, a read-only one is shown disabled with a lock.
 */
export function CustomFieldInputs({ fields, currency, title }: { fields: readonly CustomField[]; currency: string; title?: ReactNode }) {
  const locale = useLocale();
  const access = useFieldAccess();
  const shown = fields.filter((field) => !access.isHidden(field.entity, customRuleField(field.key)));
  if (!shown.length) return null;
  return (
    <div data-testid="custom-field-inputs">
      {title && <div className="kairos-form-section">{title}</div>}
      {shown.map((field) => {
        const locked = access.isReadOnly(field.entity, customRuleField(field.key));
        const label = customFieldLabel(field, locale);
        return (
          <Form.Item
            key={field.id}
            name={['custom', field.key]}
            label={
              locked ? (
                <span>
                  {label}
                  <ReadOnlyMark />
                </span>
              ) : (
                label
              )
            }
            // A field the member may not fill in is not theirs to require.
            required={field.required && !locked}
          >
            <CustomFieldControl field={field} currency={currency} testId={`custom-${field.key}`} disabled={locked} />
          </Form.Item>
        );
      })}
    </div>
  );
}

/** The custom fields the member may write (neither hidden nor read-only): the ones a form checks and sends. */
export function useWritableCustomFields(fields: readonly CustomField[]): CustomField[] {
  const access = useFieldAccess();
  return useMemo(() => fields.filter((field) => access.canWrite(field.entity, customRuleField(field.key))), [fields, access]);
}

/**
 * Fills the custom items of an open form from the record once the definitions are known (they may load
 * after the drawer opened); an item the person already touched is left as typed.
 */
export function useFillCustomValues(form: FormInstance, open: boolean, fields: readonly CustomField[] | undefined, stored: Record<string, unknown> | undefined, currency: string) {
  useEffect(() => {
    if (!open || !fields?.length) return;
    const values = customFormValues(fields, stored, currency);
    const untouched = Object.fromEntries(Object.entries(values).filter(([key]) => !form.isFieldTouched(['custom', key])));
    form.setFieldsValue({ custom: untouched } as never);
    // Once per opening and per set of definitions: a refetch of the record must not wipe what is typed.
  }, [open, fields, form]);
}

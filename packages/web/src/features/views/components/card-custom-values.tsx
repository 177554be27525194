import type { CustomField } from '@kairos/domain/custom-fields';
import { customFieldLabel, isEmptyValue } from '../../../lib/custom-fields';
import { CustomValue, useCustomValueContext } from '../../../components/custom-field-values';

/** On a phone's record card: the custom fields chosen as columns, "label: value", those with a value only. */
export function CardCustomValues({ fields, custom }: { fields: readonly CustomField[]; custom: Record<string, unknown> }) {
  const ctx = useCustomValueContext();
  const filled = fields.filter((f) => !isEmptyValue(custom[f.key]));
  if (!filled.length) return null;
  return (
    <div className="kairos-card-custom" data-testid="card-custom-values">
      {filled.map((field) => (
        <span key={field.key}>
          {customFieldLabel(field, ctx.locale)}
          {ctx.locale === 'en' ? ': ' : '：'}
          <CustomValue field={field} value={custom[field.key]} ctx={ctx} />
        </span>
      ))}
    </div>
  );
}

import type { CustomField, CustomFieldType, FieldOption } from '@kairos/domain/custom-fields';

/** Pure rules of the custom-fields admin page (no React), so they can be unit-tested. */

/** Types whose values are picked from a list of options. */
export function hasOptions(type: CustomFieldType | undefined): boolean {
  return type === 'select' || type === 'multiselect';
}

/** Words → a snake_case API name ("Tender No." → "tender_no"); '' when nothing usable is left (e.g. only 汉字). */
export function slugOf(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, max)
    .replace(/_+$/, '');
  return slug;
}

/** A field key suggested from its English label; the admin may change it until the field is created. */
export function suggestKey(labelEn: string | undefined): string {
  return slugOf(labelEn ?? '');
}

/**
 * The stored value of each option: kept for options that exist (records hold it), and for new ones
 * made from the English label (or the Chinese one), else `option_n`, never repeating another's.
 */
export function optionValues(options: readonly { value?: string; labelZh?: string; labelEn?: string }[]): string[] {
  const taken = new Set(options.map((o) => o.value).filter((v): v is string => !!v));
  return options.map((o, i) => {
    if (o.value) return o.value;
    const base = slugOf(o.labelEn ?? '') || slugOf(o.labelZh ?? '') || `option_${i + 1}`;
    let value = base;
    for (let n = 2; taken.has(value); n++) value = `${base}_${n}`;
    taken.add(value);
    return value;
  });
}

/** Options as the API takes them: labels trimmed, an empty English label taking the Chinese one. */
export function optionsBody(options: readonly { value?: string; labelZh?: string; labelEn?: string }[]): FieldOption[] {
  const values = optionValues(options);
  return options.map((o, i) => {
    const labelZh = (o.labelZh ?? '').trim();
    return { value: values[i] ?? '', labelZh, labelEn: (o.labelEn ?? '').trim() || labelZh };
  });
}

/** The position after every existing field's, so a new field goes last. */
export function nextPosition(fields: readonly Pick<CustomField, 'position'>[]): number {
  return Math.min(1000, fields.reduce((max, f) => Math.max(max, f.position + 1), 0));
}

/**
 * Moving one field up or down the form: the new order, numbered 0…n-1, and only the fields whose
 * position changes (each needs one PATCH). Nothing when the move goes past either end.
 */
export function reorder<F extends Pick<CustomField, 'id' | 'position'>>(fields: readonly F[], id: string, direction: -1 | 1): { field: F; position: number }[] {
  const index = fields.findIndex((f) => f.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= fields.length) return [];
  const order = [...fields];
  const [moved] = order.splice(index, 1);
  if (!moved) return [];
  order.splice(target, 0, moved);
  return order.map((field, position) => ({ field, position })).filter(({ field, position }) => field.position !== position);
}

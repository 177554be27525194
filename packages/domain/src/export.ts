import type { Locale } from './locale';

/**
 * CSV export. A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at its start)
 * is written with a leading apostrophe, so an exported customer named `=HYPERLINK(…)` stays text.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface ExportColumn<T> {
  key: string;
  label: Record<Locale, string>;
  value: (record: T) => unknown;
}

/** Minor units as a decimal string in major units (12345 → "123.45"), exactly. */
export function minorToDecimal(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${Math.trunc(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

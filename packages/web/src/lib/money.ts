import type { Locale } from '@kairos/domain/locale';
import { formatAmount, MAX_AMOUNT_MINOR, type CURRENCIES } from '@kairos/domain/opportunities';

/**
 * Money on screen: integer minor units (分) on the wire, major units (元) in inputs and text, converted
 * by string arithmetic so no float error creeps in. Deal amounts and custom money fields share it.
 */

export type Currency = (typeof CURRENCIES)[number];

const SYMBOLS: Record<Currency, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: 'JP¥', GBP: '£' };

/** Decimal places of the currency's minor unit (the domain's `formatAmount` agrees). */
export function minorDigits(currency: string): number {
  return currency === 'JPY' ? 0 : 2;
}

export function currencySymbol(currency: string): string {
  return (SYMBOLS as Record<string, string>)[currency] ?? `${currency} `;
}

/** An amount as people read it: ¥128,000.50 (a custom money field may be negative: -¥12.00). */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  if (minor < 0) return `-${formatMoney(-minor, currency, locale)}`;
  return `${currencySymbol(currency)}${formatAmount(minor, currency, locale)}`;
}

export type AmountParse = { ok: true; minor: number | null } | { ok: false; reason: 'invalid' | 'tooLarge' };

/**
 * What was typed in major units ("128,000.50", "１２.3") → integer minor units, by string arithmetic so no
 * float error creeps in ("12.3" → 1230, never 1229.9999). Empty is `null`. Group separators and spaces
 * are ignored; more decimals than the currency has are refused rather than rounded.
 */
export function parseAmount(input: string | null | undefined, currency: string): AmountParse {
  const text = (input ?? '').normalize('NFKC').replace(/[,\s_']/g, '');
  if (!text) return { ok: true, minor: null };
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, reason: 'invalid' };
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { ok: false, reason: 'invalid' };
  // Beyond 15 whole digits the number is over the limit anyway (and would stop being exact).
  if (whole.length > 15) return { ok: false, reason: 'tooLarge' };
  const minor = Number(whole) * 10 ** digits + (digits ? Number(fraction.padEnd(digits, '0')) : 0);
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, reason: 'tooLarge' };
  return { ok: true, minor };
}

/** Minor units → what the amount box shows for editing: "128000.50" (no grouping, so it parses back). */
export function amountInput(minor: number, currency: string): string {
  if (minor < 0) return `-${amountInput(-minor, currency)}`;
  const digits = minorDigits(currency);
  if (!digits) return String(minor);
  const whole = Math.trunc(minor / 10 ** digits);
  return `${whole}.${String(minor % 10 ** digits).padStart(digits, '0')}`;
}

/** As `parseAmount`, with a leading minus allowed (a custom money field may hold a discount or a refund). */
export function parseSignedAmount(input: string | null | undefined, currency: string): AmountParse {
  const text = (input ?? '').normalize('NFKC').trim();
  const negative = /^[-−]/.test(text);
  if (negative && !text.slice(1).trim()) return { ok: false, reason: 'invalid' };
  const parsed = parseAmount(negative ? text.slice(1) : text, currency);
  if (!parsed.ok || parsed.minor === null || !negative) return parsed;
  return { ok: true, minor: parsed.minor === 0 ? 0 : -parsed.minor };
}

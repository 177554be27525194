/**
 * Phone numbers as Chinese sales teams type them: `138 0013 8000`, `+86-138-0013-8000`, `0086 13800138000`,
 * `(010) 6552 9988`. Mobiles are stored as 11 digits; other countries in E.164 (`+4915112345678`).
 */
export type PhoneParse = { ok: true; normalized: string; kind: 'cn_mobile' | 'cn_landline' | 'international' } | { ok: false };

const CN_MOBILE = /^1[3-9]\d{9}$/;

export function normalizePhone(input: string): PhoneParse {
  const folded = input.normalize('NFKC').trim();
  if (!folded || folded.length > 40) return { ok: false };
  const international = folded.startsWith('+') || folded.startsWith('00');
  const digits = folded.replace(/[\s\-().]/g, '').replace(/^\+/, '').replace(/^00/, '');
  if (!/^\d+$/.test(digits)) return { ok: false };

  const national = international && digits.startsWith('86') ? digits.slice(2) : !international && digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if ((!international || digits.startsWith('86')) && CN_MOBILE.test(national)) return { ok: true, normalized: national, kind: 'cn_mobile' };
  // Landlines: area code 0xx or 0xxx, then 7-8 digits, optionally an extension we do not keep.
  if ((!international || digits.startsWith('86')) && /^0\d{9,11}$/.test(national.startsWith('0') ? national : `0${national}`) && (national.startsWith('0') || international)) {
    const withZero = national.startsWith('0') ? national : `0${national}`;
    return { ok: true, normalized: withZero, kind: 'cn_landline' };
  }
  if (international && !digits.startsWith('86') && /^[1-9]\d{6,14}$/.test(digits)) return { ok: true, normalized: `+${digits}`, kind: 'international' };
  return { ok: false };
}

/** A Chinese mobile number, or any number written in international form. */
export function normalizeMobile(input: string): string | null {
  const parsed = normalizePhone(input);
  return parsed.ok && parsed.kind !== 'cn_landline' ? parsed.normalized : null;
}

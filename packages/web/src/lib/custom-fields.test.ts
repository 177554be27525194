import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { CustomField } from '@kairos/domain/custom-fields';
import { checkCustomForm, customFormValues, filterRaw, filterValue, formatCustomValue, sortFields, type CustomValueContext } from './custom-fields';
import { formatMoney, parseSignedAmount } from './money';

// A `t` that shows which key was asked for, so assertions need no language.
const t = ((key: string) => key) as unknown as TFunction;
const ZHANG = '0190a000-0000-7000-8000-000000000001';

let seq = 0;
function field(over: Partial<CustomField> & Pick<CustomField, 'key' | 'type'>): CustomField {
  seq += 1;
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    entity: 'opportunity',
    labelZh: over.key,
    labelEn: over.key,
    required: false,
    options: [],
    position: seq,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

const CHANNEL = field({
  key: 'channel',
  type: 'select',
  labelZh: '渠道',
  labelEn: 'Channel',
  options: [
    { value: 'direct', labelZh: '直销', labelEn: 'Direct' },
    { value: 'partner', labelZh: '伙伴', labelEn: 'Partner' },
  ],
});
const TENDER = field({ key: 'tender_no', type: 'text', required: true });
const BUDGET = field({ key: 'budget', type: 'money' });
const SIGNED = field({ key: 'signed_on', type: 'date' });
const SITE = field({ key: 'site', type: 'url' });
const PHONE = field({ key: 'hotline', type: 'phone' });
const REGIONS = field({ key: 'regions', type: 'multiselect', options: CHANNEL.options });
const PRESALES = field({ key: 'presales', type: 'user' });
const FIELDS = [TENDER, CHANNEL, BUDGET, SIGNED, SITE];

const ctx: CustomValueContext = { locale: 'zh-CN', names: new Map([[ZHANG, '张伟']]), currency: 'CNY', timeZone: 'Asia/Shanghai', unknown: '未知成员' };

describe('custom field values on screen', () => {
  it('shows choices, money, dates and members as people read them', () => {
    expect(formatCustomValue(CHANNEL, 'partner', ctx)).toBe('伙伴');
    expect(formatCustomValue(CHANNEL, 'partner', { ...ctx, locale: 'en' })).toBe('Partner');
    expect(formatCustomValue(REGIONS, ['direct', 'partner'], ctx)).toBe('直销、伙伴');
    expect(formatCustomValue(BUDGET, 12_800_050, ctx)).toBe('¥128,000.50');
    expect(formatCustomValue(PRESALES, ZHANG, ctx)).toBe('张伟');
    expect(formatCustomValue(PRESALES, '0190a000-0000-7000-8000-0000000000ff', ctx)).toBe('未知成员');
    expect(formatCustomValue(SIGNED, '2025-03-08', { ...ctx, locale: 'en' })).toContain('2025');
    expect(formatCustomValue(TENDER, '  ', ctx)).toBe('');
    expect(formatCustomValue(TENDER, null, ctx)).toBe('');
  });

  it('orders fields by position, then by creation', () => {
    const a = { ...TENDER, position: 1, createdAt: '2025-01-02T00:00:00.000Z' };
    const b = { ...CHANNEL, position: 1, createdAt: '2025-01-01T00:00:00.000Z' };
    const c = { ...BUDGET, position: 0 };
    expect(sortFields([a, b, c]).map((f) => f.key)).toEqual(['budget', 'channel', 'tender_no']);
  });
});

describe('custom fields in a form', () => {
  it('stops a new record until its required fields are filled, and says what is wrong with each', () => {
    const check = checkCustomForm(FIELDS, { tender_no: '  ', channel: 'nope', budget: '12.345', site: 'example.com' }, { mode: 'create' }, 'CNY', t);
    expect(check.ok).toBe(false);
    const errors = Object.fromEntries(check.fields.map((f) => [f.name[1], f.errors[0]]));
    expect(errors).toEqual({ tender_no: 'validation.required', channel: 'validation.option', budget: 'validation.money', signed_on: undefined, site: 'validation.url' });
  });

  it('sends what was filled in, converted for the API: money in fen, dates as days', () => {
    const check = checkCustomForm(
      FIELDS,
      { tender_no: ' ZB-2025-001 ', channel: 'partner', budget: '128,000.50', signed_on: dayjs('2025-03-08'), site: undefined },
      { mode: 'create' },
      'CNY',
      t,
    );
    expect(check.ok).toBe(true);
    expect(check.custom).toEqual({ tender_no: 'ZB-2025-001', channel: 'partner', budget: 12_800_050, signed_on: '2025-03-08' });
  });

  it('on an edit sends only what changed, clears with null, and refuses clearing a required field', () => {
    const stored = { tender_no: 'ZB-1', channel: 'direct', budget: 100 };
    const form = customFormValues(FIELDS, stored, 'CNY');
    expect(form).toMatchObject({ tender_no: 'ZB-1', channel: 'direct', budget: '1.00' });
    expect(checkCustomForm(FIELDS, form, { mode: 'update', stored }, 'CNY', t)).toMatchObject({ ok: true, custom: undefined });
    expect(checkCustomForm(FIELDS, { ...form, channel: undefined, budget: '2' }, { mode: 'update', stored }, 'CNY', t).custom).toEqual({ channel: null, budget: 200 });
    expect(checkCustomForm(FIELDS, { ...form, tender_no: '' }, { mode: 'update', stored }, 'CNY', t).ok).toBe(false);
    // A record saved before the field became required can still be edited without it.
    expect(checkCustomForm(FIELDS, customFormValues(FIELDS, {}, 'CNY'), { mode: 'update', stored: {} }, 'CNY', t)).toMatchObject({ ok: true, custom: undefined });
  });

  it('normalises a filter value as values are stored', () => {
    expect(filterValue(CHANNEL, 'partner', 'CNY')).toBe('partner');
    expect(filterValue(BUDGET, '1,000.5', 'CNY')).toBe('100050');
    expect(filterValue(BUDGET, '1.234', 'CNY')).toBeUndefined();
    expect(filterValue(SIGNED, dayjs('2025-03-08'), 'CNY')).toBe('2025-03-08');
    expect(filterValue(TENDER, '  ZB-1 ', 'CNY')).toBe('ZB-1');
    expect(filterValue(PHONE, '138 0013 8000', 'CNY')).toBe('13800138000');
    expect(filterValue(TENDER, '', 'CNY')).toBeUndefined();
  });

  it('puts a saved filter value back into the filter control, which gives the same value again', () => {
    const NUMBER = field({ key: 'seats', type: 'number' });
    const cases: [CustomField, string][] = [
      [CHANNEL, 'partner'],
      [REGIONS, 'direct'],
      [BUDGET, '100050'],
      [BUDGET, '-1230'],
      [SIGNED, '2025-03-08'],
      [TENDER, 'ZB-1'],
      [PHONE, '13800138000'],
      [PRESALES, ZHANG],
      [NUMBER, '12.5'],
    ];
    for (const [f, value] of cases) expect(filterValue(f, filterRaw(f, value, 'CNY'), 'CNY'), `${f.type} ${value}`).toBe(value);
    expect(filterRaw(BUDGET, '100050', 'CNY')).toBe('1000.50');
    expect(dayjs.isDayjs(filterRaw(SIGNED, '2025-03-08', 'CNY'))).toBe(true);
    expect(filterRaw(SIGNED, 'soon', 'CNY')).toBeUndefined();
    expect(filterRaw(NUMBER, 'many', 'CNY')).toBeUndefined();
  });
});

describe('signed money', () => {
  it('parses and shows a negative amount (a discount) exactly', () => {
    expect(parseSignedAmount('-12.30', 'CNY')).toEqual({ ok: true, minor: -1230 });
    expect(parseSignedAmount('12', 'CNY')).toEqual({ ok: true, minor: 1200 });
    expect(parseSignedAmount('-', 'CNY').ok).toBe(false);
    expect(formatMoney(-1230, 'CNY', 'zh-CN')).toBe('-¥12.30');
  });
});

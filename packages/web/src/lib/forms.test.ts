import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { CreateCustomerSchema } from '@kairos/domain/customers';
import { CreateUserSchema } from '@kairos/domain/users';
import { SetupRequestSchema } from '@kairos/domain/workspace';
import { ApiError } from './api';
import { applyServerFieldErrors, validateForm } from './forms';

// A `t` that shows which key and values were asked for, so assertions need no language.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key)) as unknown as TFunction;

function fakeForm() {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const form = { setFields: (list: typeof fields) => fields.push(...list) } as unknown as FormInstance;
  return { form, fields };
}

describe('validateForm', () => {
  it('returns the parsed values when the schema accepts them', () => {
    const { form, fields } = fakeForm();
    const parsed = validateForm(
      form,
      SetupRequestSchema,
      { workspaceName: ' Acme ', adminName: 'Alex', email: 'ALEX@Example.com', password: 'long-enough', locale: 'en' },
      t,
    );
    expect(parsed).toMatchObject({ workspaceName: 'Acme', email: 'alex@example.com' });
    expect(fields).toEqual([]);
  });

  it('marks each failing field with a message in the UI language', () => {
    const { form, fields } = fakeForm();
    const parsed = validateForm(form, CreateUserSchema, { name: '  ', email: 'not-an-email', password: 'short', roleIds: [] }, t);
    expect(parsed).toBeNull();
    const byField = Object.fromEntries(fields.map((f) => [f.name.join('.'), f.errors]));
    expect(byField).toEqual({
      name: ['validation.required'],
      email: ['validation.email'],
      password: ['validation.tooShort:{"n":8}'],
      roleIds: ['validation.requiredSelect'],
    });
  });

  it('names the rule a domain refinement broke (统一社会信用代码, phone, website)', () => {
    const { form, fields } = fakeForm();
    validateForm(form, CreateCustomerSchema, { name: '华为', uscc: '91350100M000100Y44', phone: '12', website: 'not a site' }, t);
    const byField = Object.fromEntries(fields.map((f) => [f.name.join('.'), f.errors]));
    expect(byField).toEqual({ uscc: ['validation.uscc'], phone: ['validation.phone'], website: ['validation.website'] });
  });

  it('treats a missing value as required', () => {
    const { form, fields } = fakeForm();
    validateForm(form, SetupRequestSchema, {}, t);
    expect(fields.find((f) => f.name[0] === 'workspaceName')?.errors).toEqual(['validation.required']);
  });
});

describe('applyServerFieldErrors', () => {
  const problem = (fields: { path: string; code: string; message: string }[]) =>
    new ApiError(422, { type: 'about:blank', title: 'invalid', status: 422, code: 'validation_failed', fields }, null);

  it('puts server messages on the form fields, array items on their list', () => {
    const { form, fields } = fakeForm();
    const applied = applyServerFieldErrors(
      form,
      problem([
        { path: 'email', code: 'taken', message: '该邮箱已被使用' },
        { path: 'roleIds.0', code: 'unknown_role', message: '角色不存在' },
      ]),
      ['email', 'roleIds'],
    );
    expect(applied).toBe(true);
    expect(fields).toEqual([
      { name: ['email'], errors: ['该邮箱已被使用'] },
      { name: ['roleIds'], errors: ['角色不存在'] },
    ]);
  });

  it('reports false when no field of the form is concerned, so the caller shows the general message', () => {
    const { form, fields } = fakeForm();
    expect(applyServerFieldErrors(form, problem([{ path: 'query.cursor', code: 'x', message: 'bad' }]), ['email'])).toBe(false);
    expect(applyServerFieldErrors(form, new Error('boom'), ['email'])).toBe(false);
    expect(fields).toEqual([]);
  });
});

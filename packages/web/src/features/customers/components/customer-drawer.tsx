import { Alert, App, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_LEVELS,
  CUSTOMER_SOURCES,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  CreateCustomerSchema,
  CustomerSchema,
  UpdateCustomerSchema,
  type Customer,
  type DuplicateCheckRequest,
  type DuplicateMatch,
} from '@kairos/domain/customers';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { hasPermission, useSession } from '../../../lib/auth';
import { memberOptions, useDirectory } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { checkCustomForm, customFormValues, useCustomFields, type CustomFormValues } from '../../../lib/custom-fields';
import { applyServerFieldErrors, clearChangedErrors, validateForm } from '../../../lib/forms';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { duplicateMatchesOf, useCreateCustomer, useDuplicateCheck, useUpdateCustomer } from '../api';
import { DuplicateMatchList } from './customer-bits';
import { CustomFieldInputs, useFillCustomValues, useWritableCustomFields } from '../../../components/custom-field-inputs';
import { FormDrawer } from '../../../components/form-drawer';
import { useFormAccess } from '../../field-access/use-form-access';

interface Values {
  name?: string;
  type?: Customer['type'];
  uscc?: string | null;
  industry?: string | null;
  province?: string | null;
  city?: string | null;
  address?: string | null;
  website?: string | null;
  phone?: string | null;
  source?: Customer['source'];
  level?: Customer['level'];
  status?: Customer['status'];
  tags?: string[];
  ownerId?: string;
  custom?: CustomFormValues;
}

const FIELDS = ['name', 'type', 'uscc', 'industry', 'province', 'city', 'address', 'website', 'phone', 'source', 'level', 'status', 'tags', 'ownerId', 'custom'];
/** The fields the duplicate check compares. */
const KEY_FIELDS = ['name', 'uscc', 'phone', 'website'] as const;
const DUPLICATE_DEBOUNCE_MS = 400;

function valuesOf(c: Customer): Values {
  return {
    name: c.name,
    type: c.type,
    uscc: c.uscc,
    industry: c.industry,
    province: c.province,
    city: c.city,
    address: c.address,
    website: c.website,
    phone: c.phone,
    source: c.source,
    level: c.level,
    status: c.status,
    tags: c.tags,
  };
}

/** What the form holds, shaped for the create/update schemas (an emptied field is sent as null, i.e. cleared). */
function bodyOf(values: Values) {
  return {
    name: values.name,
    type: values.type,
    uscc: values.uscc ?? null,
    industry: values.industry ?? null,
    province: values.province ?? null,
    city: values.city ?? null,
    address: values.address ?? null,
    website: values.website ?? null,
    phone: values.phone ?? null,
    source: values.source ?? null,
    level: values.level ?? null,
    status: values.status,
    tags: values.tags ?? [],
  };
}

/**
 * The live duplicate check: what to ask the server about, or null when there is nothing to ask. When
 * editing, nothing is asked until one of the compared fields differs from the saved record (the server
 * checks again on save only in that case too).
 */
function checkRequest(keys: Record<(typeof KEY_FIELDS)[number], string | null | undefined>, editing: Customer | null): string | null {
  const request: DuplicateCheckRequest = { entity: 'customer' };
  let any = false;
  for (const field of KEY_FIELDS) {
    const value = keys[field]?.trim();
    if (value) {
      request[field] = value;
      any = true;
    }
  }
  if (!any) return null;
  if (editing) {
    const changed = KEY_FIELDS.some((field) => (keys[field]?.trim() || null) !== (editing[field] ?? null));
    if (!changed) return null;
    request.excludeId = editing.id;
  }
  return JSON.stringify(request);
}

function SectionTitle({ children }: { children: string }) {
  return <div className="kairos-form-section">{children}</div>;
}

/** Create a customer (`customer` absent) or edit one, checking for duplicates while the user types. */
export function CustomerDrawer({ open, customer, onClose }: { open: boolean; customer: Customer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Customer | null>(customer);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<DuplicateMatch[] | null>(null);
  // One Idempotency-Key per submission: a retry of the same body reuses it, a changed body gets a new one.
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const canAssign = hasPermission(me, 'records.transfer');
  const directory = useDirectory(open && canAssign && !customer);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const customFields = useCustomFields('customer', open);
  const fields = customFields.data ?? [];
  // 字段权限: hidden fields are not rendered, read-only ones are disabled, and neither is ever sent.
  const access = useFormAccess('customer');
  const writableFields = useWritableCustomFields(fields);
  const currency = me.workspace.currency;

  useEffect(() => {
    if (!open) return;
    setEditing(customer);
    setConflict(false);
    setError(null);
    setBlocked(null);
    idempotency.current = null;
    form.resetFields();
    form.setFieldsValue(customer ? valuesOf(customer) : { type: 'company', status: 'prospect', tags: [], ownerId: me.user.id });
    // Only when opened or pointed at another customer: a background refetch must not wipe what is typed.
  }, [open, customer?.id]);
  useFillCustomValues(form, open, customFields.data, customer?.custom, currency);

  const name = Form.useWatch('name', form);
  const uscc = Form.useWatch('uscc', form);
  const phone = Form.useWatch('phone', form);
  const website = Form.useWatch('website', form);
  const pendingCheck = open ? checkRequest({ name, uscc, phone, website }, editing) : null;
  const debouncedCheck = useDebouncedValue(pendingCheck, DUPLICATE_DEBOUNCE_MS);
  // A refusal was about what was typed then; once the compared fields change, the live check takes over.
  useEffect(() => setBlocked(null), [pendingCheck]);
  const check = useDuplicateCheck(debouncedCheck ? (JSON.parse(debouncedCheck) as DuplicateCheckRequest) : null);
  // Cleared fields hide the warning at once; new input replaces it once the debounced answer arrives.
  const liveMatches = pendingCheck && check.data ? check.data.matches : [];

  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);

  const idempotencyKeyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    return idempotency.current.key;
  };

  const done = (created: boolean) => {
    void message.success(created ? t('customers.created') : t('customers.saved'));
    onClose();
  };

  const confirmDuplicates = (matches: DuplicateMatch[], saveAnyway: () => void) => {
    modal.confirm({
      title: t('customers.dup.confirmTitle'),
      width: 480,
      content: (
        <div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('customers.dup.confirmDesc')}
          </Typography.Paragraph>
          <DuplicateMatchList matches={matches} />
        </div>
      ),
      okText: t('customers.dup.saveAnyway'),
      cancelText: t('common.cancel'),
      onOk: saveAnyway,
    });
  };

  const onError = (err: unknown, retryAcknowledged: () => void) => {
    const duplicate = duplicateMatchesOf(err);
    if (duplicate?.code === 'duplicate_warning') {
      confirmDuplicates(duplicate.matches, retryAcknowledged);
      return;
    }
    if (duplicate?.code === 'duplicate_customer') {
      setBlocked(duplicate.matches);
      return;
    }
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = CustomerSchema.safeParse((err.body as { current?: unknown } | null)?.current);
      if (current.success) {
        setEditing(current.data);
        form.setFieldsValue({ ...valuesOf(current.data), custom: customFormValues(fields, current.data.custom, currency) });
      }
      setConflict(true);
      return;
    }
    access.refreshIfDenied(err);
    if (!applyServerFieldErrors(form, err, FIELDS)) setError(errorText(err));
  };

  const submit = (values: Values) => {
    setError(null);
    setBlocked(null);
    const custom = checkCustomForm(writableFields, values.custom, editing ? { mode: 'update', stored: editing.custom } : { mode: 'create' }, currency, t);
    form.setFields(custom.fields);
    const body = { ...bodyOf(values), custom: custom.custom };
    if (editing) {
      const save = (acknowledgeDuplicates: boolean) => {
        const parsed = validateForm(form, UpdateCustomerSchema, { ...body, version: editing.version, acknowledgeDuplicates }, t);
        if (!parsed || !custom.ok) return;
        update.mutate({ id: editing.id, body: access.strip(parsed) }, { onSuccess: () => done(false), onError: (err) => onError(err, () => save(true)) });
      };
      save(false);
    } else {
      const save = (acknowledgeDuplicates: boolean) => {
        const parsed = validateForm(
          form,
          CreateCustomerSchema,
          { ...body, ownerId: canAssign && values.ownerId ? values.ownerId : undefined, acknowledgeDuplicates },
          t,
        );
        if (!parsed || !custom.ok) return;
        const stripped = access.strip(parsed);
        create.mutate(
          { body: stripped, idempotencyKey: idempotencyKeyFor(stripped) },
          { onSuccess: () => done(true), onError: (err) => onError(err, () => save(true)) },
        );
      };
      save(false);
    }
  };

  const pending = create.isPending || update.isPending;
  /** A read-only field's control: disabled whatever the form's state (an unset prop follows the form's). */
  const locked = (field: string) => (access.locked(field) ? { disabled: true } : {});
  // Short selects stay side by side even on phones; inputs with long placeholders take the full width there.
  const half = { span: 12 };
  const wide = { xs: 24, sm: 12 };
  const policy = check.data?.policy;

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('customers.editTitle') : t('customers.createTitle')}
      width={600}
      pending={pending}
      submitLabel={editing ? t('common.save') : t('common.create')}
      onSubmit={() => form.submit()}
      submitTestId="customer-drawer-submit"
      conflict={conflict}
      error={error}
    >
      <Form
        name="customer"
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        // A field's error is about what was typed then; editing it clears the error until the next submit.
        onValuesChange={(changed: Partial<Values>) => clearChangedErrors(form, changed)}
      >
        {blocked && (
          <Alert
            type="error"
            showIcon
            title={t('customers.dup.blockTitle')}
            description={
              <>
                {t('customers.dup.blockDesc')}
                <DuplicateMatchList matches={blocked} />
              </>
            }
            style={{ marginBottom: 16 }}
            data-testid="duplicate-blocked"
          />
        )}

        <SectionTitle>{t('customers.sectionBasics')}</SectionTitle>
        <Form.Item name="name" label={t('customers.field.name')} required>
          <Input maxLength={100} autoComplete="off" placeholder={t('customers.namePlaceholder')} />
        </Form.Item>
        {/* Right under the name (the usual first thing typed) and above the other compared fields. */}
        {liveMatches.length > 0 && (
          <Alert
            type={policy === 'block' ? 'error' : 'warning'}
            showIcon
            title={policy === 'block' ? t('customers.dup.blockTitle') : t('customers.dup.warnTitle', { count: liveMatches.length })}
            description={
              <>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {policy === 'block' ? t('customers.dup.blockDesc') : t('customers.dup.warnDesc')}
                </Typography.Text>
                <DuplicateMatchList matches={liveMatches} />
              </>
            }
            style={{ marginBottom: 16 }}
            role="status"
            data-testid="duplicate-alert"
          />
        )}
        {access.shows('uscc') && (
          <Form.Item name="uscc" label={access.label('uscc', t('customers.field.uscc'))}>
            <Input maxLength={40} autoComplete="off" placeholder={t('customers.usccPlaceholder')} style={{ fontVariantNumeric: 'tabular-nums' }} {...locked('uscc')} />
          </Form.Item>
        )}
        <Row gutter={12}>
          {access.shows('phone') && (
            <Col {...wide}>
              <Form.Item name="phone" label={access.label('phone', t('customers.field.phone'))}>
                <Input maxLength={40} autoComplete="off" inputMode="tel" placeholder={t('customers.phonePlaceholder')} {...locked('phone')} data-testid="customer-phone" />
              </Form.Item>
            </Col>
          )}
          {access.shows('website') && (
            <Col {...wide}>
              <Form.Item name="website" label={access.label('website', t('customers.field.website'))}>
                <Input maxLength={300} autoComplete="off" inputMode="url" placeholder={t('customers.websitePlaceholder')} {...locked('website')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="type" label={t('customers.field.type')}>
              <Select options={CUSTOMER_TYPES.map((v) => ({ value: v, label: t(`customers.type.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('customers.field.status')}>
              <Select options={CUSTOMER_STATUSES.map((v) => ({ value: v, label: t(`customers.status.${v}`) }))} />
            </Form.Item>
          </Col>
        </Row>

        {(access.shows('province') || access.shows('city') || access.shows('address')) && <SectionTitle>{t('customers.sectionContact')}</SectionTitle>}
        <Row gutter={12}>
          {access.shows('province') && (
            <Col {...half}>
              <Form.Item name="province" label={access.label('province', t('customers.field.province'))}>
                <Input maxLength={30} autoComplete="off" placeholder={t('customers.provincePlaceholder')} {...locked('province')} />
              </Form.Item>
            </Col>
          )}
          {access.shows('city') && (
            <Col {...half}>
              <Form.Item name="city" label={access.label('city', t('customers.field.city'))}>
                <Input maxLength={30} autoComplete="off" placeholder={t('customers.cityPlaceholder')} {...locked('city')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {access.shows('address') && (
          <Form.Item name="address" label={access.label('address', t('customers.field.address'))}>
            <Input maxLength={200} autoComplete="off" {...locked('address')} />
          </Form.Item>
        )}

        <SectionTitle>{t('customers.sectionSales')}</SectionTitle>
        {access.shows('industry') && (
          <Form.Item name="industry" label={access.label('industry', t('customers.field.industry'))}>
            <Input maxLength={60} autoComplete="off" placeholder={t('customers.industryPlaceholder')} {...locked('industry')} />
          </Form.Item>
        )}
        <Row gutter={12}>
          {access.shows('source') && (
            <Col {...half}>
              <Form.Item name="source" label={access.label('source', t('customers.field.source'))}>
                <Select allowClear placeholder={t('customers.notSet')} options={CUSTOMER_SOURCES.map((v) => ({ value: v, label: t(`customers.source.${v}`) }))} {...locked('source')} />
              </Form.Item>
            </Col>
          )}
          {access.shows('level') && (
            <Col {...half}>
              <Form.Item name="level" label={access.label('level', t('customers.field.level'))}>
                <Select allowClear placeholder={t('customers.notSet')} options={CUSTOMER_LEVELS.map((v) => ({ value: v, label: t(`customers.level.${v}`) }))} {...locked('level')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="tags" label={t('customers.field.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('customers.tagsPlaceholder')} notFoundContent={null} suffixIcon={null} maxCount={20} />
        </Form.Item>
        {!editing && canAssign && (
          <Form.Item name="ownerId" label={t('customers.field.ownerId')} extra={t('customers.ownerHint')}>
            <Select options={ownerOptions} showSearch={{ optionFilterProp: 'label' }} loading={directory.isPending} data-testid="customer-owner" />
          </Form.Item>
        )}
        <CustomFieldInputs fields={fields} currency={currency} title={t('customFields.section')} />
      </Form>
    </FormDrawer>
  );
}

import { Alert, App, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactSchema, CreateContactSchema, DECISION_ROLES, UpdateContactSchema, type Contact } from '@kairos/domain/contacts';
import type { DuplicateCheckRequest, DuplicateMatch } from '@kairos/domain/customers';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { duplicateMatchesOf, useDuplicateCheck } from '../../../lib/duplicates';
import { useErrorText } from '../../../lib/errors';
import { useSession } from '../../../lib/auth';
import { checkCustomForm, customFormValues, useCustomFields, type CustomFormValues } from '../../../lib/custom-fields';
import { applyServerFieldErrors, clearChangedErrors, validateForm } from '../../../lib/forms';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { DuplicateMatchList } from '../../../components/duplicate-match-list';
import { useCreateContact, useUpdateContact } from '../api';
import { CustomFieldInputs, useFillCustomValues, useWritableCustomFields } from '../../../components/custom-field-inputs';
import { FormDrawer } from '../../../components/form-drawer';
import { useFormAccess } from '../../field-access/use-form-access';

interface Values {
  name?: string;
  title?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  decisionRole?: Contact['decisionRole'];
  tags?: string[];
  custom?: CustomFormValues;
}

const FIELDS = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags', 'custom'];
const DUPLICATE_DEBOUNCE_MS = 400;

function valuesOf(c: Contact): Values {
  return { name: c.name, title: c.title, mobile: c.mobile, phone: c.phone, email: c.email, wechat: c.wechat, decisionRole: c.decisionRole, tags: c.tags };
}

/** What the form holds, shaped for the schemas: an emptied text is '' (cleared), an emptied mobile/phone/e-mail null. */
function bodyOf(values: Values) {
  return {
    name: values.name,
    title: values.title ?? '',
    mobile: values.mobile || null,
    phone: values.phone || null,
    email: values.email || null,
    wechat: values.wechat ?? '',
    decisionRole: values.decisionRole ?? null,
    tags: values.tags ?? [],
  };
}

/** The live check: contacts are compared by mobile and e-mail; when editing, only once one of them changed. */
function checkRequest(mobile: string | null | undefined, email: string | null | undefined, editing: Contact | null): string | null {
  const request: DuplicateCheckRequest = { entity: 'contact' };
  const m = mobile?.trim();
  const e = email?.trim();
  if (m) request.mobile = m;
  if (e) request.email = e;
  if (!m && !e) return null;
  if (editing) {
    const digits = (s: string | null | undefined) => s?.replace(/[\s-]/g, '') || null;
    // A field hidden from the member is absent from the contact (undefined): it did not change either.
    const changed = digits(m) !== digits(editing.mobile) || (e?.toLowerCase() || null) !== (editing.email ?? null);
    if (!changed) return null;
    request.excludeId = editing.id;
  }
  return JSON.stringify(request);
}

/** Add a contact to a customer (`contact` absent) or edit one, checking mobile and e-mail for duplicates while typing. */
export function ContactDrawer({ open, customerId, contact, onClose }: { open: boolean; customerId: string; contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Contact | null>(contact);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<DuplicateMatch[] | null>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const create = useCreateContact();
  const update = useUpdateContact();
  const customFields = useCustomFields('contact', open);
  const fields = customFields.data ?? [];
  // 字段权限: hidden fields are not rendered, read-only ones are disabled, and neither is ever sent.
  const access = useFormAccess('contact');
  const writableFields = useWritableCustomFields(fields);
  const currency = me.workspace.currency;

  useEffect(() => {
    if (!open) return;
    setEditing(contact);
    setConflict(false);
    setError(null);
    setBlocked(null);
    idempotency.current = null;
    form.resetFields();
    form.setFieldsValue(contact ? valuesOf(contact) : { tags: [] });
    // Only when opened or pointed at another contact: a background refetch must not wipe what is typed.
  }, [open, contact?.id]);
  useFillCustomValues(form, open, customFields.data, contact?.custom, currency);

  const mobile = Form.useWatch('mobile', form);
  const email = Form.useWatch('email', form);
  const pendingCheck = open ? checkRequest(mobile, email, editing) : null;
  const debouncedCheck = useDebouncedValue(pendingCheck, DUPLICATE_DEBOUNCE_MS);
  useEffect(() => setBlocked(null), [pendingCheck]);
  const check = useDuplicateCheck(debouncedCheck ? (JSON.parse(debouncedCheck) as DuplicateCheckRequest) : null);
  const liveMatches = pendingCheck && check.data ? check.data.matches : [];
  const policy = check.data?.policy;

  const idempotencyKeyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    return idempotency.current.key;
  };

  const done = (created: boolean) => {
    void message.success(created ? t('contacts.created') : t('contacts.saved'));
    onClose();
  };

  const onError = (err: unknown, retryAcknowledged: () => void) => {
    const duplicate = duplicateMatchesOf(err);
    if (duplicate && !duplicate.blocked) {
      modal.confirm({
        title: t('contacts.dup.confirmTitle'),
        width: 480,
        content: (
          <div>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('contacts.dup.confirmDesc')}
            </Typography.Paragraph>
            <DuplicateMatchList matches={duplicate.matches} />
          </div>
        ),
        okText: t('customers.dup.saveAnyway'),
        cancelText: t('common.cancel'),
        onOk: retryAcknowledged,
      });
      return;
    }
    if (duplicate?.blocked) {
      setBlocked(duplicate.matches);
      return;
    }
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = ContactSchema.safeParse((err.body as { current?: unknown } | null)?.current);
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
        const parsed = validateForm(form, UpdateContactSchema, { ...body, version: editing.version, acknowledgeDuplicates }, t);
        if (!parsed || !custom.ok) return;
        update.mutate({ id: editing.id, body: access.strip(parsed) }, { onSuccess: () => done(false), onError: (err) => onError(err, () => save(true)) });
      };
      save(false);
      return;
    }
    const save = (acknowledgeDuplicates: boolean) => {
      const parsed = validateForm(form, CreateContactSchema, { ...body, customerId, acknowledgeDuplicates }, t);
      if (!parsed || !custom.ok) return;
      const stripped = access.strip(parsed);
      create.mutate({ body: stripped, idempotencyKey: idempotencyKeyFor(stripped) }, { onSuccess: () => done(true), onError: (err) => onError(err, () => save(true)) });
    };
    save(false);
  };

  const pending = create.isPending || update.isPending;
  const wide = { xs: 24, sm: 12 };
  /** A read-only field's control: disabled whatever the form's state (an unset prop follows the form's). */
  const locked = (field: string) => (access.locked(field) ? { disabled: true } : {});

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('contacts.editTitle') : t('contacts.createTitle')}
      width={520}
      pending={pending}
      submitLabel={editing ? t('common.save') : t('common.create')}
      onSubmit={() => form.submit()}
      submitTestId="contact-drawer-submit"
      conflict={conflict}
      error={error}
    >
      <Form
        name="contact"
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
            title={t('contacts.dup.blockTitle')}
            description={
              <>
                {t('contacts.dup.blockDesc')}
                <DuplicateMatchList matches={blocked} />
              </>
            }
            style={{ marginBottom: 16 }}
            data-testid="contact-duplicate-blocked"
          />
        )}
        <Row gutter={12}>
          <Col {...wide}>
            <Form.Item name="name" label={t('contacts.field.name')} required>
              <Input maxLength={60} autoComplete="off" placeholder={t('contacts.namePlaceholder')} />
            </Form.Item>
          </Col>
          {access.shows('title') && (
            <Col {...wide}>
              <Form.Item name="title" label={access.label('title', t('contacts.field.title'))}>
                <Input maxLength={60} autoComplete="off" placeholder={t('contacts.titlePlaceholder')} {...locked('title')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          {access.shows('mobile') && (
            <Col {...wide}>
              <Form.Item name="mobile" label={access.label('mobile', t('contacts.field.mobile'))}>
                <Input maxLength={40} autoComplete="off" inputMode="tel" placeholder={t('contacts.mobilePlaceholder')} {...locked('mobile')} />
              </Form.Item>
            </Col>
          )}
          {access.shows('email') && (
            <Col {...wide}>
              <Form.Item name="email" label={access.label('email', t('contacts.field.email'))}>
                <Input maxLength={254} autoComplete="off" inputMode="email" placeholder={t('contacts.emailPlaceholder')} {...locked('email')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {/* Right under the compared fields. */}
        {liveMatches.length > 0 && (
          <Alert
            type={policy === 'block' ? 'error' : 'warning'}
            showIcon
            title={policy === 'block' ? t('contacts.dup.blockTitle') : t('contacts.dup.warnTitle', { count: liveMatches.length })}
            description={
              <>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {policy === 'block' ? t('contacts.dup.blockDesc') : t('contacts.dup.warnDesc')}
                </Typography.Text>
                <DuplicateMatchList matches={liveMatches} />
              </>
            }
            style={{ marginBottom: 16 }}
            role="status"
            data-testid="contact-duplicate-alert"
          />
        )}
        <Row gutter={12}>
          {access.shows('phone') && (
            <Col {...wide}>
              <Form.Item name="phone" label={access.label('phone', t('contacts.field.phone'))}>
                <Input maxLength={40} autoComplete="off" inputMode="tel" placeholder={t('contacts.phonePlaceholder')} {...locked('phone')} />
              </Form.Item>
            </Col>
          )}
          {access.shows('wechat') && (
            <Col {...wide}>
              <Form.Item name="wechat" label={access.label('wechat', t('contacts.field.wechat'))}>
                <Input maxLength={60} autoComplete="off" placeholder={t('contacts.wechatPlaceholder')} {...locked('wechat')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {access.shows('decisionRole') && (
          <Form.Item name="decisionRole" label={access.label('decisionRole', t('contacts.field.decisionRole'))}>
            <Select allowClear placeholder={t('contacts.notSet')} options={DECISION_ROLES.map((v) => ({ value: v, label: t(`contacts.role.${v}`) }))} {...locked('decisionRole')} />
          </Form.Item>
        )}
        <Form.Item name="tags" label={t('contacts.field.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('customers.tagsPlaceholder')} notFoundContent={null} suffixIcon={null} maxCount={20} />
        </Form.Item>
        <CustomFieldInputs fields={fields} currency={currency} title={t('customFields.section')} />
      </Form>
    </FormDrawer>
  );
}

import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateOpportunitySchema,
  CURRENCIES,
  OPPORTUNITY_SOURCES,
  OpportunitySchema,
  UpdateOpportunitySchema,
  type Opportunity,
} from '@kairos/domain/opportunities';
import { stageName } from '@kairos/domain/pipelines';
import { ApiError, newIdempotencyKey } from '../../../lib/api';
import { hasPermission, useSession } from '../../../lib/auth';
import { memberOptions, useDirectory } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { checkCustomForm, customFormValues, useCustomFields, type CustomFormValues } from '../../../lib/custom-fields';
import { applyServerFieldErrors, clearChangedErrors, validateForm } from '../../../lib/forms';
import { useLocale } from '../../../lib/i18n/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { CustomFieldInputs, useFillCustomValues, useWritableCustomFields } from '../../../components/custom-field-inputs';
import { FormDrawer } from '../../../components/form-drawer';
import { useFormAccess } from '../../field-access/use-form-access';
import { useContactOptions, useCreateOpportunity, useCustomerOptions, usePipelines, useUpdateOpportunity } from '../api';
import { amountInput, currencySymbol, defaultPipeline, minorDigits, openStagesOf, parseAmount, type Currency } from '../model';

interface Values {
  name?: string;
  customerId?: string;
  contactId?: string | null;
  amount?: string;
  currency?: Currency;
  stageId?: string;
  probability?: number | null;
  expectedCloseOn?: Dayjs | null;
  source?: Opportunity['source'];
  tags?: string[];
  ownerId?: string;
  custom?: CustomFormValues;
}

const FIELDS = ['name', 'customerId', 'contactId', 'amount', 'currency', 'stageId', 'probability', 'expectedCloseOn', 'source', 'tags', 'ownerId', 'custom'];
const DATE = 'YYYY-MM-DD';
const SEARCH_DEBOUNCE_MS = 250;

function valuesOf(o: Opportunity): Values {
  return {
    name: o.name,
    customerId: o.customerId,
    contactId: o.contactId,
    // Absent when hidden from the member's role (the item is not rendered then).
    amount: o.amount ? amountInput(o.amount, o.currency) : '',
    currency: o.currency,
    // Empty follows the stage; a number is the owner's own estimate.
    probability: o.probabilityOverridden ? o.probability : null,
    expectedCloseOn: o.expectedCloseOn ? dayjs(o.expectedCloseOn) : null,
    source: o.source,
    tags: o.tags,
  };
}

/** The workspace's currency when the form knows it, else CNY. */
function workspaceCurrency(currency: string): Currency {
  return (CURRENCIES as readonly string[]).includes(currency) ? (currency as Currency) : 'CNY';
}

function SectionTitle({ children }: { children: string }) {
  return <div className="kairos-form-section">{children}</div>;
}

/**
 * Create an opportunity (`opportunity` null; `customer` prefills the customer) or edit one. The amount is
 * typed in yuan (or the currency's major unit) and sent in minor units, converted exactly.
 */
export function OpportunityDrawer({
  open,
  opportunity,
  customer,
  onClose,
}: {
  open: boolean;
  opportunity: Opportunity | null;
  customer?: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Opportunity | null>(opportunity);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [customerSearch, setCustomerSearch] = useState('');
  // Names of customers picked or shown, so the picked one keeps its label whatever the search shows.
  const [customerNames, setCustomerNames] = useState<ReadonlyMap<string, string>>(new Map());
  // One Idempotency-Key per submission: a retry of the same body reuses it, a changed body gets a new one.
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const canAssign = hasPermission(me, 'records.transfer');
  const directory = useDirectory(open && canAssign && !opportunity);
  const pipelines = usePipelines(open);
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();
  const q = useDebouncedValue(customerSearch.trim(), SEARCH_DEBOUNCE_MS);
  const customers = useCustomerOptions(q, open && !editing);
  const pipeline = pipelines.data ? defaultPipeline(pipelines.data.items) : undefined;
  const stages = useMemo(() => (pipeline ? openStagesOf(pipeline) : []), [pipeline]);
  const customFields = useCustomFields('opportunity', open);
  const fields = customFields.data ?? [];
  // 字段权限: hidden fields are not rendered, read-only ones are disabled, and neither is ever sent.
  const access = useFormAccess('opportunity');
  const writableFields = useWritableCustomFields(fields);
  // Custom money fields are in the workspace's currency, whatever the deal's.
  const customCurrency = me.workspace.currency;

  useEffect(() => {
    if (!open) return;
    setEditing(opportunity);
    setConflict(false);
    setError(null);
    setCustomerSearch('');
    idempotency.current = null;
    const known = new Map<string, string>();
    if (opportunity) known.set(opportunity.customerId, opportunity.customerName);
    if (customer) known.set(customer.id, customer.name);
    setCustomerNames(known);
    form.resetFields();
    form.setFieldsValue(
      opportunity
        ? valuesOf(opportunity)
        : { customerId: customer?.id, contactId: null, amount: '', currency: workspaceCurrency(me.workspace.currency), probability: null, tags: [], ownerId: me.user.id },
    );
    // Only when opened or pointed at another deal: a background refetch must not wipe what is typed.
  }, [open, opportunity?.id, customer?.id]);
  useFillCustomValues(form, open, customFields.data, opportunity?.custom, customCurrency);

  // A new deal starts in the first open stage unless another is picked.
  useEffect(() => {
    if (open && !opportunity && stages[0] && !form.getFieldValue('stageId')) form.setFieldValue('stageId', stages[0].id);
  }, [open, opportunity, stages, form]);

  useEffect(() => {
    if (!customers.data) return;
    setCustomerNames((known) => {
      const next = new Map(known);
      for (const c of customers.data.items) next.set(c.id, c.name);
      return next;
    });
  }, [customers.data]);

  const customerId = Form.useWatch('customerId', form);
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const stageId = Form.useWatch('stageId', form);
  const contacts = useContactOptions(open ? customerId : undefined);
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);
  const stageProbability = (editing ? undefined : stages.find((s) => s.id === stageId)?.probability) ?? (editing && !editing.probabilityOverridden ? editing.probability : undefined);

  const customerOptions = useMemo(() => {
    const shown = new Map<string, { value: string; label: string; city?: string | null }>();
    if (customerId && customerNames.has(customerId)) shown.set(customerId, { value: customerId, label: customerNames.get(customerId) ?? '' });
    for (const c of customers.data?.items ?? []) shown.set(c.id, { value: c.id, label: c.name, city: c.city });
    return [...shown.values()];
  }, [customers.data, customerId, customerNames]);

  const idempotencyKeyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    return idempotency.current.key;
  };

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = OpportunitySchema.safeParse((err.body as { current?: unknown } | null)?.current);
      if (current.success) {
        setEditing(current.data);
        form.setFieldsValue({ ...valuesOf(current.data), custom: customFormValues(fields, current.data.custom, customCurrency) });
      }
      setConflict(true);
      return;
    }
    access.refreshIfDenied(err);
    if (!applyServerFieldErrors(form, err, FIELDS)) setError(errorText(err));
  };

  const submit = (values: Values) => {
    setError(null);
    // Every problem at once: the custom fields are checked even when the amount is already wrong.
    const custom = checkCustomForm(writableFields, values.custom, editing ? { mode: 'update', stored: editing.custom } : { mode: 'create' }, customCurrency, t);
    form.setFields(custom.fields);
    // An amount the member may not write is never sent, so it is not checked either.
    const money = access.shows('amount') && !access.locked('amount') ? parseAmount(values.amount, values.currency ?? 'CNY') : ({ ok: true, minor: null } as const);
    if (!money.ok) {
      const whole = minorDigits(values.currency ?? 'CNY') === 0;
      const text = money.reason === 'tooLarge' ? t('opportunities.amountTooLarge') : whole ? t('opportunities.amountInvalidWhole') : t('opportunities.amountInvalid');
      form.setFields([{ name: 'amount', errors: [text] }]);
      return;
    }
    const common = {
      name: values.name,
      contactId: values.contactId ?? null,
      amount: money.minor ?? 0,
      currency: values.currency,
      probability: values.probability ?? null,
      expectedCloseOn: values.expectedCloseOn ? values.expectedCloseOn.format(DATE) : null,
      source: values.source ?? null,
      tags: values.tags ?? [],
      custom: custom.custom,
    };
    if (editing) {
      const parsed = validateForm(form, UpdateOpportunitySchema, { ...common, version: editing.version }, t);
      if (!parsed || !custom.ok) return;
      update.mutate(
        { id: editing.id, body: access.strip(parsed) },
        {
          onSuccess: () => {
            void message.success(t('opportunities.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const parsed = validateForm(
      form,
      CreateOpportunitySchema,
      {
        ...common,
        customerId: values.customerId,
        pipelineId: pipeline?.id,
        stageId: values.stageId,
        ownerId: canAssign && values.ownerId ? values.ownerId : undefined,
      },
      t,
    );
    if (!parsed || !custom.ok) return;
    // After parsing: the schema fills in a new deal's amount (0), which a member who may not write it must not send.
    const body = access.strip(parsed);
    create.mutate(
      { body, idempotencyKey: idempotencyKeyFor(body) },
      {
        onSuccess: () => {
          void message.success(t('opportunities.created'));
          onClose();
        },
        onError,
      },
    );
  };

  const pending = create.isPending || update.isPending;
  const half = { span: 12 };
  const wide = { xs: 24, sm: 12 };
  const digits = minorDigits(currency);
  /** A read-only field's control: disabled whatever the form's state (an unset prop follows the form's). */
  const locked = (field: string) => (access.locked(field) ? { disabled: true } : {});

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('opportunities.editTitle') : t('opportunities.createTitle')}
      width={600}
      pending={pending}
      submitLabel={editing ? t('common.save') : t('common.create')}
      onSubmit={() => form.submit()}
      submitTestId="opportunity-drawer-submit"
      conflict={conflict}
      error={error}
    >
      <Form
        name="opportunity"
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        // A field's error is about what was typed then; editing it clears the error until the next submit.
        onValuesChange={(changed: Partial<Values>) => {
          clearChangedErrors(form, changed);
          if ('customerId' in changed) form.setFieldValue('contactId', null);
        }}
      >
        <SectionTitle>{t('opportunities.sectionBasics')}</SectionTitle>
        <Form.Item name="name" label={t('opportunities.field.name')} required>
          <Input maxLength={100} autoComplete="off" placeholder={t('opportunities.namePlaceholder')} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...wide}>
            <Form.Item name="customerId" label={t('opportunities.field.customerId')} required>
              <Select
                disabled={!!editing || pending}
                placeholder={t('opportunities.customerPlaceholder')}
                options={customerOptions}
                showSearch={{ filterOption: false, onSearch: setCustomerSearch, searchValue: customerSearch, autoClearSearchValue: true }}
                loading={customers.isFetching}
                notFoundContent={customers.isFetching ? t('common.loading') : t('opportunities.noCustomers')}
                optionRender={(option) => (
                  <span>
                    {option.label}
                    {option.data.city && (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {option.data.city}
                      </Typography.Text>
                    )}
                  </span>
                )}
                data-testid="opportunity-customer"
              />
            </Form.Item>
          </Col>
          <Col {...wide}>
            <Form.Item name="contactId" label={t('opportunities.field.contactId')}>
              <Select
                allowClear
                disabled={!customerId || pending}
                placeholder={customerId ? t('opportunities.contactPlaceholder') : t('opportunities.contactNeedsCustomer')}
                options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? (locale === 'en' ? `${c.name} (${c.title})` : `${c.name}（${c.title}）`) : c.name }))}
                loading={contacts.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="opportunity-contact"
              />
            </Form.Item>
          </Col>
        </Row>

        {(!editing || access.shows('amount') || access.shows('probability') || access.shows('expectedCloseOn')) && <SectionTitle>{t('opportunities.sectionMoney')}</SectionTitle>}
        {/* The currency belongs to the amount: hidden with it, and fixed while the amount may not change. */}
        {access.shows('amount') && (
          <Row gutter={12}>
            <Col xs={14} sm={16}>
              <Form.Item
                name="amount"
                label={access.label('amount', t('opportunities.field.amount'))}
                extra={access.locked('amount') ? undefined : digits ? t('opportunities.amountHint') : t('opportunities.amountHintWhole')}
              >
                <Input
                  prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{currencySymbol(currency)}</span>}
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={24}
                  placeholder={t('opportunities.amountPlaceholder')}
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                  {...locked('amount')}
                />
              </Form.Item>
            </Col>
            <Col xs={10} sm={8}>
              <Form.Item name="currency" label={t('opportunities.field.currency')}>
                <Select
                  options={CURRENCIES.map((c) => ({ value: c, label: t(`opportunities.currency.${c}`) }))}
                  popupMatchSelectWidth={false}
                  data-testid="opportunity-currency"
                  {...locked('amount')}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          {!editing && (
            <Col {...half}>
              <Form.Item name="stageId" label={t('opportunities.field.stageId')} extra={t('opportunities.stageHint')}>
                <Select
                  // A stage's probability becomes the deal's: not shown to a member from whom the probability is hidden.
                  options={stages.map((s) => ({ value: s.id, label: access.shows('probability') ? `${stageName(s, locale)} · ${s.probability}%` : stageName(s, locale) }))}
                  loading={pipelines.isPending}
                  data-testid="opportunity-stage"
                />
              </Form.Item>
            </Col>
          )}
          {access.shows('probability') && (
            <Col {...half}>
              <Form.Item
                name="probability"
                label={access.label('probability', t('opportunities.field.probability'))}
                extra={editing && !access.locked('probability') ? t('opportunities.probabilityHint') : undefined}
              >
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  suffix="%"
                  style={{ width: '100%' }}
                  placeholder={stageProbability !== undefined ? t('opportunities.probabilityPlaceholder', { n: stageProbability }) : undefined}
                  {...locked('probability')}
                />
              </Form.Item>
            </Col>
          )}
          {access.shows('expectedCloseOn') && (
            <Col {...half}>
              <Form.Item name="expectedCloseOn" label={access.label('expectedCloseOn', t('opportunities.field.expectedCloseOn'))}>
                <DatePicker style={{ width: '100%' }} placeholder={t('followUps.pickDate')} {...locked('expectedCloseOn')} />
              </Form.Item>
            </Col>
          )}
        </Row>

        <SectionTitle>{t('opportunities.sectionMore')}</SectionTitle>
        {access.shows('source') && (
          <Form.Item name="source" label={access.label('source', t('opportunities.field.source'))}>
            <Select allowClear placeholder={t('opportunities.notSet')} options={OPPORTUNITY_SOURCES.map((v) => ({ value: v, label: t(`opportunities.source.${v}`) }))} {...locked('source')} />
          </Form.Item>
        )}
        <Form.Item name="tags" label={t('opportunities.field.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('opportunities.tagsPlaceholder')} notFoundContent={null} suffixIcon={null} maxCount={20} />
        </Form.Item>
        {!editing && canAssign && (
          <Form.Item name="ownerId" label={t('opportunities.field.ownerId')} extra={t('opportunities.ownerHint')}>
            <Select options={ownerOptions} showSearch={{ optionFilterProp: 'label' }} loading={directory.isPending} data-testid="opportunity-owner" />
          </Form.Item>
        )}
        <CustomFieldInputs fields={fields} currency={customCurrency} title={t('customFields.section')} />
      </Form>
    </FormDrawer>
  );
}

import { App, Avatar, Button, Checkbox, DatePicker, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import { CarOutlined, EllipsisOutlined, MailOutlined, PhoneOutlined, TeamOutlined, WechatOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkFollowUp,
  CreateFollowUpSchema,
  FOLLOW_UP_TYPES,
  FollowUpSchema,
  UpdateFollowUpSchema,
  type CreateFollowUp,
  type FollowUp,
  type FollowUpRules,
} from '@kairos/domain/followups';
import { ApiError, newIdempotencyKey } from '../lib/api';
import { useSession } from '../lib/auth';
import { sameMentions } from '../lib/comments';
import { useWorkspaceSettings } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import { contentLength, followUpRuleMessage, quickNextDates, useCreateFollowUp, useUpdateFollowUp } from '../lib/followups';
import { checkCustomForm, customFormValues, useCustomFields, type CustomFormValues } from '../lib/custom-fields';
import { applyServerFieldErrors, clearChangedErrors, issueMessage } from '../lib/forms';
import { todayIn } from '../lib/format';
import { useIsPhone } from '../lib/use-is-phone';
import { useMentionCandidates } from './comment-composer';
import { CustomFieldInputs, useFillCustomValues } from './custom-field-inputs';
import { FollowUpAttachments, useFollowUpAttachments } from './follow-up-attachments';
import { FormDrawer } from './form-drawer';
import { useFormAccess } from '../features/field-access/use-form-access';

type FollowUpType = FollowUp['type'];

interface Values {
  type?: FollowUpType;
  occurredAt?: Dayjs | null;
  content?: string;
  outcome?: string;
  nextStep?: string;
  nextFollowUpOn?: Dayjs | null;
  closing?: boolean;
  /** Colleagues to notify (member ids). */
  mentions?: string[];
  custom?: CustomFormValues;
}

const FIELDS: (keyof Values)[] = ['type', 'occurredAt', 'content', 'outcome', 'nextStep', 'nextFollowUpOn'];
const DEFAULT_RULES: FollowUpRules = { minContentLength: 10, requireNextStep: true };
const DATE = 'YYYY-MM-DD';

export const FOLLOW_UP_ICONS: Record<FollowUpType, ReactNode> = {
  call: <PhoneOutlined />,
  visit: <CarOutlined />,
  meeting: <TeamOutlined />,
  email: <MailOutlined />,
  wechat: <WechatOutlined />,
  other: <EllipsisOutlined />,
};

function valuesOf(f: FollowUp): Values {
  return {
    type: f.type,
    occurredAt: dayjs(f.occurredAt),
    content: f.content,
    outcome: f.outcome ?? '',
    nextStep: f.nextStep ?? '',
    nextFollowUpOn: f.nextFollowUpOn ? dayjs(f.nextFollowUpOn) : null,
    closing: false,
    mentions: f.mentions,
  };
}

/** The record a follow-up is about. */
export interface FollowUpTarget {
  type: CreateFollowUp['targetType'];
  id: string;
}

/**
 * Colleagues to tell about the follow-up: the active members but oneself (those already mentioned stay
 * listed, so a deactivated one keeps their name), searched by name.
 */
function MentionPicker({ value, onChange, disabled }: { value?: string[]; onChange?: (ids: string[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const { all, pickable, loading } = useMentionCandidates();
  const options = useMemo(() => {
    const offered = new Set(pickable.map((c) => c.id));
    return all.filter((c) => c.id !== me.user.id && (offered.has(c.id) || value?.includes(c.id))).map((c) => ({ value: c.id, label: c.label }));
  }, [all, pickable, me.user.id, value]);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      disabled={disabled}
      maxCount={20}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('followUpExtras.mentionsPlaceholder')}
      notFoundContent={t('comments.noMember')}
      optionRender={(option) => (
        <Flex align="center" gap={8}>
          <Avatar size={20} style={{ background: '#2f54eb', fontSize: 12, flex: 'none' }}>
            {String(option.label ?? '').slice(0, 1).toUpperCase()}
          </Avatar>
          <span>{option.label}</span>
        </Flex>
      )}
      aria-label={t('followUpExtras.mentions')}
      data-testid="followup-mentions"
    />
  );
}

/**
 * Log a follow-up (跟进记录) on a customer, contact or opportunity, or correct one's own (`followUp` given).
 * Held to the workspace's rules before anything is sent: content long enough to mean something, and a
 * next step with a date unless the record is being closed. The server checks the same rules and its
 * field errors land here too. Colleagues picked under "notify" are told in their inbox; attachments are
 * uploaded to the record as they are picked and named by the follow-up when it is saved.
 */
export function FollowUpDrawer({ open, target, followUp, onClose }: { open: boolean; target: FollowUpTarget; followUp: FollowUp | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<FollowUp | null>(followUp);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One Idempotency-Key per submission: a retry of the same body reuses it, a changed body gets a new one.
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const settings = useWorkspaceSettings(open);
  const rules = settings.data?.followUps ?? DEFAULT_RULES;
  const create = useCreateFollowUp();
  // Field permissions: a hidden outcome is not shown, a read-only one is locked, and neither is sent.
  const access = useFormAccess('followup');
  const update = useUpdateFollowUp();
  const customFields = useCustomFields('followup', open);
  const fields = customFields.data ?? [];
  const currency = me.workspace.currency;
  const today = todayIn(me.workspace.timezone);
  const quick = quickNextDates(today);
  const attachments = useFollowUpAttachments(target);
  const categories = settings.data?.fileCategories;
  const [chosenCategory, setChosenCategory] = useState<string | undefined>(undefined);
  const category = chosenCategory && categories?.some((c) => c.key === chosenCategory) ? chosenCategory : categories?.[0]?.key;

  useEffect(() => {
    if (!open) return;
    setEditing(followUp);
    setConflict(false);
    setError(null);
    idempotency.current = null;
    attachments.reset();
    form.resetFields();
    form.setFieldsValue(followUp ? valuesOf(followUp) : { type: 'call', occurredAt: dayjs(), closing: false, content: '', outcome: '', nextStep: '', mentions: [] });
    // Only when opened or pointed at another follow-up: a background refetch must not wipe what is typed.
  }, [open, followUp?.id]);
  useFillCustomValues(form, open, customFields.data, followUp?.custom, currency);

  const closing = Form.useWatch('closing', form) ?? false;
  const nextDate = Form.useWatch('nextFollowUpOn', form)?.format(DATE);
  const content = Form.useWatch('content', form);
  const length = contentLength(content);
  const short = length < rules.minContentLength;

  useEffect(() => {
    // Closing needs no next step: drop what the rules said about it.
    if (closing) form.setFields([{ name: 'nextStep', errors: [] }, { name: 'nextFollowUpOn', errors: [] }]);
  }, [closing, form]);

  const idempotencyKeyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    return idempotency.current.key;
  };

  /** Every problem at once: the schema's (required, too long) first, then the workspace's rules; one message per field. */
  const check = <T,>(result: { success: true; data: T } | { success: false; error: { issues: Parameters<typeof issueMessage>[0][] } }, ruleInput: Parameters<typeof checkFollowUp>[0], occurredAt: Dayjs | null | undefined): T | null => {
    const errors = new Map<string, string>();
    if (!result.success) {
      for (const issue of result.error.issues) {
        const name = String(issue.path[0] ?? '');
        if (!errors.has(name)) errors.set(name, issueMessage(issue, t));
      }
    }
    for (const problem of checkFollowUp(ruleInput, rules)) {
      // "Too short" says more than "required" about an empty box.
      if (problem.path === 'content' || !errors.has(problem.path)) errors.set(problem.path, followUpRuleMessage(problem.code, rules.minContentLength, t));
    }
    if (occurredAt && occurredAt.isAfter(dayjs())) errors.set('occurredAt', followUpRuleMessage('in_future', rules.minContentLength, t));
    const fields = FIELDS.map((name) => ({ name, errors: errors.has(name) ? [errors.get(name) as string] : [] }));
    form.setFields(fields);
    return errors.size === 0 && result.success ? result.data : null;
  };

  const onError = (err: unknown) => {
    access.refreshIfDenied(err);
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = FollowUpSchema.safeParse((err.body as { current?: unknown } | null)?.current);
      if (current.success) {
        setEditing(current.data);
        form.setFieldsValue({ ...valuesOf(current.data), custom: customFormValues(fields, current.data.custom, currency) });
      }
      setConflict(true);
      return;
    }
    const onFields = applyServerFieldErrors(form, err, [...FIELDS, 'custom', 'mentions']);
    const onFiles = attachments.showServerErrors(err);
    if (!onFields && !onFiles) setError(errorText(err));
  };

  /** Leaving without saving: the uploads made for this follow-up go too. */
  const cancel = () => {
    attachments.discard();
    onClose();
  };

  /** Saved: the attachments now belong to the follow-up. */
  const saved = (text: string) => {
    void message.success(text);
    attachments.reset();
    onClose();
  };

  const submit = (values: Values) => {
    setError(null);
    form.setFields([{ name: 'mentions', errors: [] }]);
    if (attachments.uploading) {
      setError(t('followUpExtras.waitUploads'));
      return;
    }
    const mentions = values.mentions ?? [];
    const fileIds = attachments.fileIds;
    const isClosing = !editing && !!values.closing;
    const nextStep = isClosing ? '' : (values.nextStep ?? '');
    const nextFollowUpOn = isClosing || !values.nextFollowUpOn ? null : values.nextFollowUpOn.format(DATE);
    const ruleInput = { content: values.content ?? '', nextStep, nextFollowUpOn, closing: isClosing };
    const custom = checkCustomForm(fields, values.custom, editing ? { mode: 'update', stored: editing.custom } : { mode: 'create' }, currency, t);
    if (editing) {
      const parsed = check(
        UpdateFollowUpSchema.safeParse({
          version: editing.version,
          type: values.type,
          occurredAt: values.occurredAt?.toISOString(),
          content: values.content ?? '',
          outcome: values.outcome ?? '',
          nextStep,
          nextFollowUpOn,
          custom: custom.custom,
          // Only what changed: new mentions are notified, new files are added to those already attached.
          ...(sameMentions(mentions, editing.mentions) ? {} : { mentions }),
          ...(fileIds.length ? { fileIds } : {}),
        }),
        ruleInput,
        values.occurredAt,
      );
      form.setFields(custom.fields);
      if (!parsed || !custom.ok) return;
      update.mutate(
        { id: editing.id, body: access.strip(parsed) },
        {
          onSuccess: () => saved(t('followUps.saved')),
          onError,
        },
      );
      return;
    }
    const parsed = check(
      CreateFollowUpSchema.safeParse({
        targetType: target.type,
        targetId: target.id,
        type: values.type,
        occurredAt: values.occurredAt?.toISOString(),
        content: values.content ?? '',
        outcome: values.outcome || undefined,
        nextStep: nextStep || undefined,
        nextFollowUpOn: nextFollowUpOn ?? undefined,
        closing: isClosing,
        custom: custom.custom,
        mentions,
        fileIds,
      }),
      ruleInput,
      values.occurredAt,
    );
    form.setFields(custom.fields);
    if (!parsed || !custom.ok) return;
    create.mutate(
      { body: access.strip(parsed), idempotencyKey: idempotencyKeyFor(parsed) },
      {
        onSuccess: () => saved(t('followUps.created')),
        onError,
      },
    );
  };

  const pending = create.isPending || update.isPending;
  const pick = (date: string) => form.setFields([{ name: 'nextFollowUpOn', value: dayjs(date), errors: [] }]);
  const countText = rules.minContentLength > 0 && short ? t('followUps.countMin', { n: length, min: rules.minContentLength }) : t('followUps.count', { n: length });

  return (
    <FormDrawer
      open={open}
      onClose={cancel}
      title={editing ? t('followUps.editTitle') : t('followUps.createTitle')}
      width={560}
      pending={pending}
      submitLabel={editing ? t('common.save') : t('followUps.submit')}
      onSubmit={() => form.submit()}
      submitTestId="followup-submit"
      conflict={conflict}
      error={error}
    >
      <Form
        name="followup"
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        // A field's error is about what was typed then; editing it clears the error until the next submit.
        onValuesChange={(changed: Partial<Values>) => clearChangedErrors(form, changed)}
        data-testid="followup-form"
      >

        <Form.Item name="type" label={t('followUps.field.type')}>
          <Segmented<FollowUpType>
            block
            className="kairos-followup-types"
            data-testid="followup-type"
            options={FOLLOW_UP_TYPES.map((type) => ({
              value: type,
              label: (
                <Flex vertical align="center" gap={2} style={{ paddingBlock: 4 }}>
                  <span style={{ fontSize: 18, lineHeight: 1 }}>{FOLLOW_UP_ICONS[type]}</span>
                  <span style={{ fontSize: 12, lineHeight: 1.3 }}>{t(`followUps.type.${type}`)}</span>
                </Flex>
              ),
            }))}
          />
        </Form.Item>

        <Form.Item name="occurredAt" label={t('followUps.field.occurredAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: isPhone ? '100%' : 220 }}
            inputReadOnly={isPhone}
          />
        </Form.Item>

        <Form.Item
          name="content"
          label={t('followUps.field.content')}
          required
          extra={
            <Typography.Text type={short ? 'warning' : 'secondary'} style={{ fontSize: 12 }} data-testid="followup-count">
              {countText}
            </Typography.Text>
          }
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} placeholder={t('followUps.contentPlaceholder')} />
        </Form.Item>

        {access.shows('outcome') && (
          <Form.Item name="outcome" label={access.label('outcome', t('followUps.field.outcome'))}>
            <Input maxLength={500} autoComplete="off" placeholder={t('followUps.outcomePlaceholder')} disabled={access.locked('outcome')} />
          </Form.Item>
        )}

        <Form.Item
          name="mentions"
          label={t('followUpExtras.mentions')}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('followUpExtras.mentionsHint')}
            </Typography.Text>
          }
        >
          <MentionPicker />
        </Form.Item>

        <Form.Item label={t('followUpExtras.attachments')}>
          <FollowUpAttachments
            state={attachments}
            existing={editing?.attachments ?? []}
            categories={categories}
            category={category}
            onCategoryChange={setChosenCategory}
            disabled={pending}
          />
        </Form.Item>

        <div className="kairos-form-section">{t('followUps.sectionNext')}</div>
        <Form.Item name="nextStep" label={t('followUps.field.nextStep')} required={rules.requireNextStep && !closing}>
          <Input maxLength={500} autoComplete="off" disabled={closing} placeholder={t('followUps.nextStepPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="nextFollowUpOn"
          label={t('followUps.field.nextFollowUpOn')}
          required={rules.requireNextStep && !closing}
          extra={
            <Flex gap={4} wrap style={{ marginTop: 6 }} data-testid="followup-quick-dates">
              <Button size="small" type={nextDate === quick.tomorrow ? 'primary' : 'default'} ghost={nextDate === quick.tomorrow} disabled={closing || pending} onClick={() => pick(quick.tomorrow)}>
                {t('followUps.quick.tomorrow')}
              </Button>
              <Button size="small" type={nextDate === quick.inThreeDays ? 'primary' : 'default'} ghost={nextDate === quick.inThreeDays} disabled={closing || pending} onClick={() => pick(quick.inThreeDays)}>
                {t('followUps.quick.inThreeDays')}
              </Button>
              <Button size="small" type={nextDate === quick.nextMonday ? 'primary' : 'default'} ghost={nextDate === quick.nextMonday} disabled={closing || pending} onClick={() => pick(quick.nextMonday)}>
                {t('followUps.quick.nextMonday')}
              </Button>
            </Flex>
          }
        >
          <DatePicker
            disabled={closing}
            disabledDate={(d) => d.format(DATE) < today}
            style={{ width: isPhone ? '100%' : 220 }}
            inputReadOnly={isPhone}
            placeholder={t('followUps.pickDate')}
          />
        </Form.Item>
        {!editing && (
          <Form.Item name="closing" valuePropName="checked" style={{ marginTop: 8 }}>
            <Checkbox data-testid="followup-closing">{t(`followUps.closing.${target.type}`)}</Checkbox>
          </Form.Item>
        )}
        <CustomFieldInputs fields={fields} currency={currency} title={t('customFields.section')} />
      </Form>
    </FormDrawer>
  );
}

import { Alert, Button, Checkbox, DatePicker, Flex, Input, Modal, Select, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardCard } from '@kairos/domain/board';
import { OPPORTUNITY_SOURCES } from '@kairos/domain/opportunities';
import { stageName, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import { CustomFieldControl } from '../../../components/custom-field-inputs';
import { ApiError } from '../../../lib/api';
import { checkCustomForm, useCustomFields, type CustomFormValue } from '../../../lib/custom-fields';
import { useErrorText } from '../../../lib/errors';
import { ACCEPTED_EXTENSIONS, isAllowedFileName, useUploadFile } from '../../../lib/files';
import { useLocale } from '../../../lib/i18n/i18n';
import { currencySymbol } from '../../../lib/money';
import { useIsPhone } from '../../../lib/use-is-phone';
import { useContactOptions } from '../../opportunities/api';
import { useDealTasks, useSetTaskDone } from '../api';
import { blockingItems, gateItemKey, isAnswered, moveBodyOf, type GateAnswers, type GateItem } from '../model';
import type { MoveOutcome } from '../use-move-flow';

const DATE = 'YYYY-MM-DD';

export interface GateState {
  card: BoardCard;
  stage: Stage;
  items: GateItem[];
}

/**
 * The stage gate's refusal, with a way to fix each item right there: inputs for missing fields, an upload
 * for a missing file, a tick for an open task, the reason or loss reason a move needs. "Complete the move"
 * sends the move again with what was filled in; a new refusal refreshes the list.
 */
export function GateDialog({
  gate,
  pipeline,
  onClose,
  send,
}: {
  gate: GateState | null;
  pipeline: Pipeline;
  onClose: () => void;
  /** Sends the move; resolves to what happened (moved, refused again with new items, or failed). */
  send: (card: BoardCard, body: ReturnType<typeof moveBodyOf> & { ok: true }) => Promise<MoveOutcome>;
}) {
  const isPhone = useIsPhone();
  return (
    <Modal
      open={!!gate}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={isPhone ? '100%' : 560}
      style={isPhone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      title={gate ? <GateTitle stage={gate.stage} /> : null}
      data-testid="gate-dialog"
    >
      {gate && <GateBody key={`${gate.card.id}:${gate.stage.id}`} gate={gate} pipeline={pipeline} onClose={onClose} send={send} />}
    </Modal>
  );
}

function GateTitle({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return <span style={{ overflowWrap: 'anywhere' }}>{t('board.gate.title', { stage: stageName(stage, locale) })}</span>;
}

function GateBody({ gate, pipeline, onClose, send }: { gate: GateState; pipeline: Pipeline; onClose: () => void; send: Parameters<typeof GateDialog>[0]['send'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { card } = gate;
  const [items, setItems] = useState(gate.items);
  const [answers, setAnswers] = useState<GateAnswers>({});
  const [customRaw, setCustomRaw] = useState<Record<string, CustomFormValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const needsCustom = items.some((i) => i.kind === 'custom');
  const customFields = useCustomFields('opportunity', needsCustom);
  const needsContacts = items.some((i) => i.kind === 'field' && i.field === 'contactId');
  const contacts = useContactOptions(needsContacts ? card.customerId : undefined);
  const needsTasks = items.some((i) => i.kind === 'task');
  const tasks = useDealTasks(needsTasks ? card.id : undefined);
  const setTask = useSetTaskDone();
  const upload = useUploadFile();
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadedNames, setUploadedNames] = useState<Record<string, string>>({});

  const set = (patch: Partial<GateAnswers>) => setAnswers((a) => ({ ...a, ...patch }));
  const blocking = blockingItems(items);

  // Custom values in the API's form, checked with the domain's own rules.
  const custom = useMemo(() => {
    const fields = (customFields.data ?? []).filter((f) => items.some((i) => i.kind === 'custom' && i.key === f.key));
    return checkCustomForm(fields, customRaw, { mode: 'create' }, card.currency, t);
  }, [customFields.data, items, customRaw, card.currency, t]);
  const filled: GateAnswers = { ...answers, custom: custom.custom ?? {} };

  const taskOf = (key: string) => (tasks.data?.items ?? []).find((task) => task.key === key && task.stageId === card.stageId);

  const uploadFile = (category: string, file: File) => {
    setErrors((e) => ({ ...e, [`file:${category}`]: '' }));
    if (!isAllowedFileName(file.name)) {
      setErrors((e) => ({ ...e, [`file:${category}`]: t('files.typeNotAllowed', { name: file.name }) }));
      return;
    }
    setUploading(category);
    upload.mutate(
      { query: { targetType: 'opportunity', targetId: card.id, category, name: file.name }, file },
      {
        onSuccess: (stored) => {
          setUploadedNames((n) => ({ ...n, [category]: stored.name }));
          setAnswers((a) => ({ ...a, uploaded: [...(a.uploaded ?? []), category] }));
        },
        onError: (err) =>
          setErrors((e) => ({ ...e, [`file:${category}`]: (err instanceof ApiError && err.problem.fields?.[0]?.message) || errorText(err) })),
        onSettled: () => setUploading(null),
      },
    );
  };

  const tick = (key: string, done: boolean) => {
    const task = taskOf(key);
    if (!task) return;
    setTask.mutate(
      { dealId: card.id, taskId: task.id, done },
      {
        onSuccess: () => setAnswers((a) => ({ ...a, ticked: done ? [...(a.ticked ?? []), key] : (a.ticked ?? []).filter((k) => k !== key) })),
        onError: (err) => setErrors((e) => ({ ...e, [`task:${key}`]: errorText(err) })),
      },
    );
  };

  const complete = async () => {
    setProblem(null);
    const body = moveBodyOf(card, gate.stage.id, items, filled);
    if (!body.ok) {
      setErrors(Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, t(`board.gate.${v}`)])));
      return;
    }
    if (!custom.ok) {
      setErrors(Object.fromEntries(custom.fields.filter((f) => f.errors.length).map((f) => [`custom:${f.name[1]}`, f.errors[0] ?? ''])));
      return;
    }
    setErrors({});
    setSending(true);
    const outcome = await send(card, body);
    setSending(false);
    if (outcome.kind === 'moved') onClose();
    else if (outcome.kind === 'refused') {
      setItems(outcome.items);
      setProblem(t('board.gate.stillRefused'));
    } else setProblem(outcome.message);
  };

  const control = (item: GateItem): ReactNode => {
    const key = gateItemKey(item);
    switch (item.kind) {
      case 'field':
        switch (item.field) {
          case 'amount':
            return (
              <Input
                inputMode="decimal"
                prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{currencySymbol(card.currency)}</span>}
                placeholder={t('board.gate.amountPlaceholder')}
                value={answers.amount ?? ''}
                onChange={(e) => set({ amount: e.target.value })}
                status={errors[key] ? 'error' : undefined}
                aria-label={item.message}
                data-testid="gate-amount"
              />
            );
          case 'expectedCloseOn':
            return (
              <DatePicker
                style={{ width: '100%' }}
                placeholder={t('board.gate.datePlaceholder')}
                value={answers.expectedCloseOn ? dayjs(answers.expectedCloseOn) : null}
                onChange={(d) => set({ expectedCloseOn: d ? d.format(DATE) : null })}
                aria-label={item.message}
                data-testid="gate-expected-close"
              />
            );
          case 'contactId':
            return (
              <Select
                style={{ width: '100%' }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={contacts.isPending}
                placeholder={t('board.gate.contactPlaceholder')}
                value={answers.contactId ?? undefined}
                onChange={(v?: string) => set({ contactId: v ?? null })}
                options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
                aria-label={item.message}
                data-testid="gate-contact"
              />
            );
          case 'source':
            return (
              <Select
                style={{ width: '100%' }}
                allowClear
                placeholder={t('board.gate.sourcePlaceholder')}
                value={answers.source ?? undefined}
                onChange={(v?: string) => set({ source: v ?? null })}
                options={OPPORTUNITY_SOURCES.map((s) => ({ value: s, label: t(`opportunities.source.${s}`) }))}
                aria-label={item.message}
                data-testid="gate-source"
              />
            );
          case 'tags':
            return (
              <Select
                mode="tags"
                style={{ width: '100%' }}
                placeholder={t('board.gate.tagsPlaceholder')}
                value={answers.tags ?? []}
                onChange={(v: string[]) => set({ tags: v.map((s) => s.slice(0, 20)).slice(0, 20) })}
                open={false}
                aria-label={item.message}
                data-testid="gate-tags"
              />
            );
        }
        return null;
      case 'custom': {
        const field = customFields.data?.find((f) => f.key === item.key);
        if (customFields.isPending) return null;
        if (!field) return <Typography.Text type="secondary">{t('board.gate.unknownField')}</Typography.Text>;
        return (
          <CustomFieldControl
            field={field}
            currency={card.currency}
            value={customRaw[item.key]}
            onChange={(v) => setCustomRaw((r) => ({ ...r, [item.key]: v as CustomFormValue }))}
            testId={`gate-custom-${item.key}`}
          />
        );
      }
      case 'file':
        if (answers.uploaded?.includes(item.category)) return <Typography.Text type="success">{t('board.gate.uploaded', { name: uploadedNames[item.category] ?? '' })}</Typography.Text>;
        return (
          <Upload
            accept={ACCEPTED_EXTENSIONS.join(',')}
            showUploadList={false}
            multiple={false}
            disabled={!!uploading}
            beforeUpload={(file) => {
              uploadFile(item.category, file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading === item.category} data-testid="gate-upload">
              {uploading === item.category ? t('board.gate.uploading') : t('board.gate.upload')}
            </Button>
          </Upload>
        );
      case 'task': {
        const task = taskOf(item.key);
        if (tasks.isPending) return null;
        if (!task) return <Typography.Text type="secondary">{t('board.gate.taskNotFound')}</Typography.Text>;
        const done = !!task.doneAt || !!answers.ticked?.includes(item.key);
        return (
          <Checkbox checked={done} disabled={setTask.isPending} onChange={(e) => tick(item.key, e.target.checked)} data-testid="gate-task">
            {t('board.gate.taskDone')}
          </Checkbox>
        );
      }
      case 'reason':
        return (
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            placeholder={t('board.gate.reasonPlaceholder')}
            value={answers.reason ?? ''}
            onChange={(e) => set({ reason: e.target.value })}
            aria-label={item.message}
            data-testid="gate-reason"
          />
        );
      case 'lossReason':
        return (
          <Flex vertical gap={8}>
            <Select
              style={{ width: '100%' }}
              placeholder={t('board.gate.lossReasonPlaceholder')}
              value={answers.lossReason ?? undefined}
              onChange={(v: string) => set({ lossReason: v })}
              options={pipeline.lossReasons.map((r) => ({ value: r.key, label: (locale === 'en' ? r.labelEn : r.labelZh) || r.labelZh }))}
              aria-label={t('board.gate.lossReason')}
              data-testid="gate-loss-reason"
            />
            <Input
              maxLength={100}
              placeholder={t('board.gate.competitorPlaceholder')}
              value={answers.competitor ?? ''}
              onChange={(e) => set({ competitor: e.target.value })}
              aria-label={t('board.gate.competitor')}
              data-testid="gate-competitor"
            />
          </Flex>
        );
      case 'blocking':
        return null;
    }
  };

  // A task ticked elsewhere counts as answered too.
  const answered = (item: GateItem) => isAnswered(item, filled, card.currency) || (item.kind === 'task' && !!taskOf(item.key)?.doneAt);

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {t('board.gate.intro', { deal: card.name })}
      </Typography.Paragraph>
      {problem && <Alert type="warning" showIcon title={problem} data-testid="gate-problem" />}
      <Flex vertical gap={10} data-testid="gate-items">
        {items.map((item) => {
          const key = gateItemKey(item);
          const ok = answered(item);
          const input = control(item);
          return (
            <div key={key} className="kairos-gate-item" data-testid="gate-item">
              <Flex gap={8} align="flex-start">
                {item.kind === 'blocking' ? (
                  <StopOutlined style={{ color: '#ff4d4f', marginTop: 4 }} />
                ) : ok ? (
                  <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} />
                ) : (
                  <ExclamationCircleOutlined style={{ color: '#faad14', marginTop: 4 }} />
                )}
                <Flex vertical gap={6} style={{ flex: 1, minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text style={{ overflowWrap: 'anywhere' }} delete={ok && item.kind !== 'blocking'}>
                      {item.message}
                    </Typography.Text>
                    {item.kind === 'blocking' && (
                      <Tag color="red" style={{ marginInlineEnd: 0 }}>
                        {t('board.gate.needsOthers')}
                      </Tag>
                    )}
                  </Flex>
                  {input}
                  {errors[key] && <Typography.Text type="danger">{errors[key]}</Typography.Text>}
                </Flex>
              </Flex>
            </div>
          );
        })}
      </Flex>
      {blocking.length > 0 && <Alert type="error" showIcon title={t('board.gate.blocked')} />}
      <Flex justify="flex-end" gap={8} wrap>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={sending} disabled={blocking.length > 0 || !!uploading} onClick={() => void complete()} data-testid="gate-complete">
          {t('board.gate.complete')}
        </Button>
      </Flex>
    </Flex>
  );
}

import { Alert, App, Button, Card, Col, Collapse, Flex, Form, Input, Row, Select, Switch, Tabs, Tag, Tooltip, Typography, Upload } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, ExclamationCircleOutlined, HistoryOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useSearchParams } from 'react-router';
import { PipelineSchema, type Pipeline } from '@kairos/domain/pipelines';
import type { Locale } from '@kairos/domain/locale';
import { GATE_DEAL_FIELDS, TASK_ROLES } from '@kairos/domain/stage-gates';
import { ApiError } from '../../../lib/api';
import { customFieldLabel, useCustomFields } from '../../../lib/custom-fields';
import { useRoles, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { issueMessage } from '../../../lib/forms';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleName } from '../../../lib/roles';
import { useIsPhone } from '../../../lib/use-is-phone';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { usePipelines } from '../../opportunities/api';
import { PipelineHistory } from './pipeline-history';
import { exportPipeline, ImportDocumentSchema, useCreatePipeline, useImportPipeline, useSavePipeline } from '../api';
import {
  addError,
  addStage,
  canMoveStage,
  copyDraft,
  definitionOf,
  draftOf,
  draftPath,
  errorsUnder,
  isDirty,
  issuePath,
  moveStage,
  newLossReason,
  removeStage,
  restoreStage,
  setIn,
  stageIndexOfPath,
  validateDraft,
  type Draft,
  type DraftStage,
  type ErrorMap,
} from '../model';
import { Field, StageEditor, type EditorOptions } from './stage-editor';

/** What the page edits: the pipeline it started from (its version goes with the save) and the draft. */
interface Editing {
  base: Pipeline;
  draft: Draft;
}

/** A name in the reader's language, the Chinese one when there is no English one. */
function nameOf(item: { nameZh: string; nameEn: string }, locale: Locale): string {
  return (locale === 'en' ? item.nameEn : item.nameZh) || item.nameZh;
}

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Admin: 销售流程 (pipelines) without code. For the chosen pipeline: its names and move rules, the loss
 * reasons, and each stage as an expandable card (guidance, probability, owner role, limits, who may move
 * deals in, the stage gate and the task checklist). Everything is edited locally and saved in one PUT with
 * the version it was read at; a pipeline can also be exported, imported, or copied into a new one.
 */
export function PipelinesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const roles = useRoles();
  const settings = useWorkspaceSettings();
  const customFields = useCustomFields('opportunity');
  const save = useSavePipeline();
  const create = useCreatePipeline();
  const importPipeline = useImportPipeline();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<ErrorMap>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [generalError, setGeneralError] = useState<string[]>([]);
  const [historyOpen, setHistoryOpen] = useState(false);

  const items = useMemo(() => pipelines.data?.items ?? [], [pipelines.data]);
  const selected = items.find((p) => p.id === params.get('id')) ?? items[0];
  // The draft in progress, unless the stored pipeline is newer and nothing was edited.
  const current: Editing | null = selected
    ? editing && editing.base.id === selected.id && (isDirty(editing.draft, editing.base) || editing.base.version >= selected.version)
      ? editing
      : { base: selected, draft: draftOf(selected) }
    : null;
  const dirty = !!current && isDirty(current.draft, current.base);
  const busy = save.isPending || create.isPending || importPipeline.isPending;

  // Leaving with unsaved edits asks first: another page in the app, or closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('pipelines.discardTitle'),
      content: t('pipelines.discardDesc'),
      okText: t('pipelines.leave'),
      okButtonProps: { danger: true },
      cancelText: t('pipelines.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const options: EditorOptions = useMemo(
    () => ({
      roles: (roles.data?.items ?? []).map((r) => ({ value: r.id, label: roleName(r, locale) })),
      fields: [
        ...GATE_DEAL_FIELDS.map((f) => ({ value: f, label: t(`opportunities.field.${f}`) })),
        ...(customFields.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: customFieldLabel(f, locale) })),
      ],
      categories: (settings.data?.fileCategories ?? []).map((c) => ({ value: c.key, label: (locale === 'en' ? c.labelEn : c.labelZh) || c.labelZh })),
      taskRoles: TASK_ROLES.map((r) => ({ value: r, label: r === 'owner' ? t('pipelines.tasks.owner') : t(`opportunities.teamRole.${r}`) })),
    }),
    [roles.data, customFields.data, settings.data, locale, t],
  );

  const reset = (pipeline: Pipeline) => {
    setEditing({ base: pipeline, draft: draftOf(pipeline) });
    setErrors({});
    setGeneralError([]);
  };

  const update = (fn: (draft: Draft) => Draft, clearPath?: string) => {
    if (!current) return;
    setEditing({ base: current.base, draft: fn(current.draft) });
    if (clearPath && errors[clearPath]) {
      const next = { ...errors };
      delete next[clearPath];
      setErrors(next);
    }
  };
  const set = (path: (string | number)[], value: unknown) => update((d) => setIn(d, path, value), path.join('.'));

  const confirmDiscard = (then: () => void) => {
    if (!dirty) return then();
    modal.confirm({ title: t('pipelines.discardTitle'), content: t('pipelines.discardDesc'), okText: t('pipelines.discard'), okButtonProps: { danger: true }, cancelText: t('pipelines.stay'), onOk: then });
  };

  const select = (id: string) =>
    confirmDiscard(() => {
      setEditing(null);
      setErrors({});
      setGeneralError([]);
      setExpanded([]);
      setParams({ id }, { replace: true });
    });

  /** Shows errors by path; stages with errors open so they are seen. */
  const showErrors = (entries: { path: string; message: string }[], draft = current?.draft) => {
    let map: ErrorMap = {};
    const general: string[] = [];
    for (const { path, message: text } of entries) {
      // The whole stage list (order of won/lost) has no input of its own: it shows above the stages.
      if (path === 'stages' || path === '') general.push(text);
      else map = addError(map, path, text);
    }
    setErrors(map);
    setGeneralError(general);
    const open = new Set(expanded);
    for (const path of Object.keys(map)) {
      const index = stageIndexOfPath(path);
      const uid = index === null ? undefined : draft?.stages[index]?.uid;
      if (uid) open.add(uid);
    }
    setExpanded([...open]);
  };

  const validated = (draft: Draft) => {
    const result = validateDraft(draft);
    if (result.issues) {
      // The domain's own refinements (stage order, unique keys) cannot be broken from this page's controls.
      showErrors(result.issues.map((issue) => ({ path: issuePath(issue), message: issue.code === 'custom' ? t('validation.invalid') : issueMessage(issue, t) })));
      void message.error(t('pipelines.fixErrors'));
      return false;
    }
    return true;
  };

  /** A 422: field errors by draft path; a removed stage that still has deals comes back with the error on it. */
  const showServerErrors = (err: ApiError) => {
    if (!current) return;
    const fields = err.problem.fields ?? [];
    let draft = current.draft;
    const entries: { path: string; message: string }[] = [];
    for (const field of fields) {
      const path = draftPath(field.path);
      if (field.code === 'stage_has_deals' && path === 'stages') {
        const removed = current.base.stages.filter((s) => !draft.stages.some((d) => d.id === s.id));
        // The server names the removed stages that still hold deals.
        const holding = ((err.problem as { stagesWithDeals?: { id: string }[] }).stagesWithDeals ?? []).map((s) => s.id);
        const stage = removed.find((s) => holding.includes(s.id) && !draft.stages.some((d) => d.id === s.id)) ?? (removed.length === 1 ? removed[0] : undefined);
        if (stage) {
          const back = draftOf({ ...current.base, stages: [stage] }).stages[0] as DraftStage;
          draft = { ...draft, stages: restoreStage(draft.stages, back, current.base.stages.findIndex((s) => s.id === stage.id)) };
          entries.push({ path: `stages.${draft.stages.findIndex((s) => s.uid === back.uid)}`, message: t('pipelines.stageHasDeals') });
          continue;
        }
      }
      entries.push({ path, message: field.code === 'stage_has_deals' ? t('pipelines.stageHasDeals') : field.message });
    }
    if (draft !== current.draft) setEditing({ base: current.base, draft });
    if (entries.length) showErrors(entries, draft);
    else showErrors([{ path: '', message: errorText(err) }], draft);
    void message.error(t('pipelines.fixErrors'));
  };

  const onSave = () => {
    if (!current || !validated(current.draft)) return;
    save.mutate(
      { id: current.base.id, version: current.base.version, definition: definitionOf(current.draft) },
      {
        onSuccess: (saved) => {
          reset(saved);
          void message.success(t('pipelines.saved'));
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            const fresh = PipelineSchema.safeParse((err.body as { current?: unknown } | null)?.current);
            if (fresh.success) reset(fresh.data);
            else setEditing(null);
            void pipelines.refetch();
            modal.warning({ title: t('pipelines.conflictTitle'), content: t('pipelines.conflictDesc'), okText: t('common.close') });
            return;
          }
          if (err instanceof ApiError && err.status === 422) return showServerErrors(err);
          void message.error(errorText(err));
        },
      },
    );
  };

  const onCreate = () => {
    if (!current) return;
    const copy = copyDraft(current.draft, { zh: t('pipelines.copySuffix', { lng: 'zh-CN' }), en: t('pipelines.copySuffix', { lng: 'en' }) });
    create.mutate(definitionOf(copy, { withIds: false }), {
      onSuccess: (pipeline) => {
        void message.success(t('pipelines.created', { name: nameOf(pipeline, locale) }));
        setEditing(null);
        setErrors({});
        setExpanded([]);
        setParams({ id: pipeline.id }, { replace: true });
      },
      onError: (err) => void message.error(errorText(err)),
    });
  };

  const onExport = () => {
    if (!current) return;
    exportPipeline(current.base.id).then(
      (document) => download(`pipeline-${current.base.nameEn || current.base.id}.json`.replace(/[^\w.-]+/g, '-'), document),
      (err: unknown) => void message.error(errorText(err)),
    );
  };

  const onImport = async (file: File) => {
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      document = null;
    }
    if (!ImportDocumentSchema.safeParse(document).success) {
      void message.error(t('pipelines.importInvalid'));
      return;
    }
    importPipeline.mutate(document, {
      onSuccess: (pipeline) => {
        void message.success(t('pipelines.imported', { name: nameOf(pipeline, locale) }));
        setEditing(null);
        setErrors({});
        setExpanded([]);
        setParams({ id: pipeline.id }, { replace: true });
      },
      onError: (err) => {
        const fields = err instanceof ApiError ? (err.problem.fields ?? []) : [];
        if (fields.length)
          modal.error({
            title: t('pipelines.importInvalid'),
            content: (
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                {fields.map((f, i) => (
                  <li key={i}>
                    <span className="kairos-mono">{f.path}</span> {f.message}
                  </li>
                ))}
              </ul>
            ),
            okText: t('common.close'),
          });
        else void message.error(errorText(err));
      },
    });
  };

  const header = (
    <PageHeader
      title={t('pipelines.title')}
      subtitle={t('pipelines.subtitle')}
      extra={
        <>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => (void onImport(file), false)}>
            <Button icon={<UploadOutlined />} loading={importPipeline.isPending} disabled={busy} data-testid="pipeline-import">
              {t('pipelines.import')}
            </Button>
          </Upload>
          <Button icon={<HistoryOutlined />} onClick={() =>
              confirmDiscard(() => {
                // A restore replaces the pipeline: edits kept here would only meet a version conflict.
                setEditing(null);
                setErrors({});
                setHistoryOpen(true);
              })
            } disabled={!current || busy} data-testid="pipeline-history-open">
            {t('pipelineHistory.open')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={onExport} disabled={!current} data-testid="pipeline-export">
            {t('pipelines.export')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => confirmDiscard(onCreate)} loading={create.isPending} disabled={!current || busy} data-testid="pipeline-new">
            {t('pipelines.newPipeline')}
          </Button>
        </>
      }
    />
  );

  if (pipelines.isError)
    return (
      <>
        {header}
        <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      </>
    );
  if (!current)
    return (
      <>
        {header}
        <Card loading={pipelines.isPending} variant="borderless">
          {t('pipelines.empty')}
        </Card>
      </>
    );

  const { draft } = current;
  const pipelineLabel = (p: Pipeline) => (
    <span>
      {nameOf(p, locale)}
      {p.isDefault && (
        <Tag color="blue" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
          {t('pipelines.default')}
        </Tag>
      )}
    </span>
  );

  const switcher =
    items.length > 1 &&
    (isPhone ? (
      <Select
        value={current.base.id}
        onChange={select}
        options={items.map((p) => ({ value: p.id, label: pipelineLabel(p) }))}
        style={{ width: '100%', marginBottom: 16 }}
        prefix={<Typography.Text type="secondary">{t('pipelines.choose')}</Typography.Text>}
        data-testid="pipeline-select"
      />
    ) : (
      <Tabs activeKey={current.base.id} onChange={select} items={items.map((p) => ({ key: p.id, label: pipelineLabel(p) }))} style={{ marginBottom: 4 }} data-testid="pipeline-tabs" />
    ));

  const basics = (
    <Card variant="borderless" title={t('pipelines.basics')} data-testid="pipeline-basics">
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field label={t('pipelines.nameZh')} id="pipeline-name-zh" errors={errors.nameZh}>
              <Input id="pipeline-name-zh" value={draft.nameZh} maxLength={40} onChange={(e) => set(['nameZh'], e.target.value)} />
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field label={t('pipelines.nameEn')} id="pipeline-name-en" errors={errors.nameEn}>
              <Input id="pipeline-name-en" value={draft.nameEn} maxLength={40} onChange={(e) => set(['nameEn'], e.target.value)} />
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Flex gap={10} align="flex-start" style={{ marginBottom: 16 }}>
              <Switch id="pipeline-allow-skip" checked={draft.rules.allowSkip} onChange={(v) => set(['rules', 'allowSkip'], v)} data-testid="pipeline-allow-skip" />
              <label htmlFor="pipeline-allow-skip">
                <div>{t('pipelines.allowSkip')}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('pipelines.allowSkipHint')}
                </Typography.Text>
              </label>
            </Flex>
          </Col>
          <Col xs={24} md={12}>
            <Flex gap={10} align="flex-start" style={{ marginBottom: 16 }}>
              <Switch id="pipeline-backward-reason" checked={draft.rules.backwardNeedsReason} onChange={(v) => set(['rules', 'backwardNeedsReason'], v)} data-testid="pipeline-backward-reason" />
              <label htmlFor="pipeline-backward-reason">
                <div>{t('pipelines.backwardNeedsReason')}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('pipelines.backwardNeedsReasonHint')}
                </Typography.Text>
              </label>
            </Flex>
          </Col>
        </Row>
        <Typography.Text strong>{t('pipelines.lossReasons')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          {t('pipelines.lossReasonsHint')}
        </Typography.Paragraph>
        <Flex vertical gap={8} data-testid="loss-reasons">
          {draft.lossReasons.map((reason, i) => {
            const rowErrors = errorsUnder(errors, `lossReasons.${i}`);
            return (
              <div key={reason.key} data-testid="loss-reason-row">
                <Flex gap={8} align="center">
                  <Input
                    value={reason.labelZh}
                    placeholder={t('pipelines.labelZh')}
                    aria-label={t('pipelines.labelZh')}
                    maxLength={40}
                    status={errors[`lossReasons.${i}.labelZh`] ? 'error' : undefined}
                    onChange={(e) => set(['lossReasons', i, 'labelZh'], e.target.value)}
                  />
                  <Input
                    value={reason.labelEn}
                    placeholder={t('pipelines.labelEn')}
                    aria-label={t('pipelines.labelEn')}
                    maxLength={40}
                    onChange={(e) => set(['lossReasons', i, 'labelEn'], e.target.value)}
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={draft.lossReasons.length <= 1}
                    onClick={() => update((d) => ({ ...d, lossReasons: d.lossReasons.filter((_, k) => k !== i) }))}
                    aria-label={t('pipelines.removeLossReason')}
                    title={t('pipelines.removeLossReason')}
                  />
                </Flex>
                {rowErrors.length > 0 && <Typography.Text type="danger">{[...new Set(rowErrors)].join(' ')}</Typography.Text>}
              </div>
            );
          })}
          {errors.lossReasons && <Typography.Text type="danger">{errors.lossReasons.join(' ')}</Typography.Text>}
          <div>
            <Button icon={<PlusOutlined />} onClick={() => update((d) => ({ ...d, lossReasons: [...d.lossReasons, newLossReason(d.lossReasons)] }))} disabled={draft.lossReasons.length >= 30} data-testid="loss-reason-add">
              {t('pipelines.addLossReason')}
            </Button>
          </div>
        </Flex>
      </Form>
    </Card>
  );

  const confirmRemove = (stage: DraftStage, index: number) =>
    modal.confirm({
      title: t('pipelines.removeTitle', { name: nameOf(stage, locale) }),
      content: t('pipelines.removeDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        update((d) => ({ ...d, stages: removeStage(d.stages, index) }));
        // Errors are by index: after a removal they would point at the wrong stage.
        setErrors({});
      },
    });

  const stageHeader = (stage: DraftStage, index: number) => {
    const { rules } = stage;
    const gateCount = rules.gate.requiredFields.length + rules.gate.requiredFileCategories.length + (rules.gate.previousTasksDone ? 1 : 0) + (rules.gate.approval ? 1 : 0);
    const stageErrors = errorsUnder(errors, `stages.${index}`);
    return (
      <Flex vertical gap={4} style={{ minWidth: 0 }} data-testid="stage-header">
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary" className="kairos-mono">
            {index + 1}.
          </Typography.Text>
          <Typography.Text strong data-testid="stage-title">
            {nameOf(stage, locale) || '—'}
          </Typography.Text>
          {stageErrors.length > 0 && (
            <Tooltip title={t('pipelines.stageErrors')}>
              <ExclamationCircleOutlined style={{ color: '#ff4d4f' }} aria-label={t('pipelines.stageErrors')} />
            </Tooltip>
          )}
        </Flex>
        <Flex gap={4} wrap>
          {stage.outcome !== 'open' && (
            <Tag color={stage.outcome === 'won' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
              {t(`pipelines.outcome.${stage.outcome}`)}
            </Tag>
          )}
          {!stage.id && (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t('pipelines.summary.isNew')}
            </Tag>
          )}
          <Tag style={{ marginInlineEnd: 0 }}>{stage.probability}%</Tag>
          {rules.tasks.length > 0 && <Tag style={{ marginInlineEnd: 0 }}>{t('pipelines.summary.tasks', { count: rules.tasks.length })}</Tag>}
          {gateCount > 0 && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('pipelines.summary.gate', { count: gateCount })}
            </Tag>
          )}
          {rules.timeLimitDays !== null && <Tag style={{ marginInlineEnd: 0 }}>{t('pipelines.summary.limit', { count: rules.timeLimitDays })}</Tag>}
        </Flex>
      </Flex>
    );
  };

  const stageActions = (stage: DraftStage, index: number) => (
    // Clicks on the buttons must not open or close the card.
    <Flex gap={0} onClick={(e) => e.stopPropagation()}>
      <Button
        type="text"
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={!canMoveStage(draft.stages, index, -1)}
        onClick={() => update((d) => ({ ...d, stages: moveStage(d.stages, index, -1) }))}
        aria-label={t('pipelines.moveUp')}
        title={t('pipelines.moveUp')}
        data-testid="stage-up"
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={!canMoveStage(draft.stages, index, 1)}
        onClick={() => update((d) => ({ ...d, stages: moveStage(d.stages, index, 1) }))}
        aria-label={t('pipelines.moveDown')}
        title={t('pipelines.moveDown')}
        data-testid="stage-down"
      />
      <Button
        type="text"
        size="small"
        danger
        icon={<DeleteOutlined />}
        disabled={stage.outcome !== 'open' || draft.stages.filter((s) => s.outcome === 'open').length <= 1}
        onClick={() => confirmRemove(stage, index)}
        aria-label={t('pipelines.removeStage')}
        title={t('pipelines.removeStage')}
        data-testid="stage-remove"
      />
    </Flex>
  );

  const stages = (
    <Card
      variant="borderless"
      title={t('pipelines.stages')}
      extra={
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            const next = addStage(draft.stages, { zh: t('pipelines.newStageName'), en: t('pipelines.newStageNameEn') });
            const added = next.find((s) => !draft.stages.includes(s));
            update((d) => ({ ...d, stages: next }));
            setErrors({});
            if (added) setExpanded([...expanded, added.uid]);
          }}
          disabled={draft.stages.length >= 20}
          data-testid="stage-add"
        >
          {t('pipelines.addStage')}
        </Button>
      }
      data-testid="pipeline-stages"
    >
      <Typography.Paragraph type="secondary">{t('pipelines.stagesHint')}</Typography.Paragraph>
      {generalError.length > 0 && <Alert type="error" showIcon title={generalError.join(' ')} style={{ marginBottom: 12 }} data-testid="pipeline-error" />}
      <Collapse
        activeKey={expanded}
        onChange={(keys) => setExpanded(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        items={draft.stages.map((stage, index) => ({
          key: stage.uid,
          label: stageHeader(stage, index),
          extra: stageActions(stage, index),
          children: (
            <>
              {errors[`stages.${index}`] && <Alert type="error" showIcon title={errors[`stages.${index}`]?.join(' ')} style={{ marginBottom: 12 }} data-testid="stage-error" />}
              <StageEditor stage={stage} index={index} errors={errors} set={(path, value) => set(['stages', index, ...path], value)} options={options} />
            </>
          ),
          styles: { body: isPhone ? { padding: 12 } : undefined },
          'data-testid': 'stage-card',
        }))}
      />
    </Card>
  );

  return (
    <>
      {header}
      {switcher}
      <div
        style={{
          position: 'sticky',
          top: 56,
          zIndex: 5,
          marginBottom: 16,
          padding: isPhone ? '8px 12px' : '10px 16px',
          background: 'var(--ant-color-bg-container, #fff)',
          borderRadius: 8,
          boxShadow: '0 2px 10px rgba(12,20,51,0.08)',
        }}
        data-testid="pipeline-save-bar"
      >
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="pipeline-dirty">
            {dirty ? t('pipelines.unsaved') : t('pipelines.noChanges')}
          </Typography.Text>
          <Flex gap={8}>
            <Button disabled={!dirty || busy} onClick={() => reset(current.base)} data-testid="pipeline-discard">
              {t('pipelines.discard')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={onSave} data-testid="pipeline-save">
              {t('pipelines.save')}
            </Button>
          </Flex>
        </Flex>
      </div>
      <Flex vertical gap={16}>
        {basics}
        {stages}
      </Flex>
      <PipelineHistory pipeline={current.base} open={historyOpen} onClose={() => setHistoryOpen(false)} />
    </>
  );
}

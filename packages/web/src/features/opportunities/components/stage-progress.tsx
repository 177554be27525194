import { Alert, App, Button, Flex, Input, Select, Steps, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MoveOpportunity, Opportunity } from '@kairos/domain/opportunities';
import { stageName, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { useMoveOpportunity } from '../api';
import { closingStageOf, openStagesOf } from '../model';

/** The messages of a 422 stage_gate_failed body (`unmet: [{ code, message, … }]`). */
function unmetMessages(body: unknown): string[] {
  const unmet = (body as { unmet?: unknown } | null)?.unmet;
  if (!Array.isArray(unmet)) return [];
  return unmet.flatMap((item) => (item && typeof (item as { message?: unknown }).message === 'string' ? [(item as { message: string }).message] : []));
}

/**
 * The deal's way through its pipeline: the open stages as steps (click one to move there, after a
 * confirmation), and 赢单 / 输单 to close it. A closed deal says how it ended; clicking a stage reopens it.
 * Stage gates may refuse a move: the server's reasons are shown as they come (422 with `fields`).
 */
export function StageProgress({
  deal,
  pipeline,
  canMove,
  onConflict,
}: {
  deal: Opportunity;
  pipeline: Pipeline | undefined;
  canMove: boolean;
  /** A version conflict: the page shows the latest deal. */
  onConflict: (err: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const probabilityShown = deal.probability !== undefined;
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const move = useMoveOpportunity();
  const stages = pipeline ? openStagesOf(pipeline) : [];
  const won = pipeline && closingStageOf(pipeline, 'won');
  const lost = pipeline && closingStageOf(pipeline, 'lost');
  const currentIndex = stages.findIndex((s) => s.id === deal.stageId);
  const closed = deal.status !== 'open';

  const refused = (err: unknown) => {
    // A stage gate lists every unmet item (`unmet`, each with a message in the UI language); other 422s name fields.
    const unmet = err instanceof ApiError && err.is('stage_gate_failed') ? unmetMessages(err.body) : [];
    const fields = unmet.length ? unmet.map((message) => ({ message })) : err instanceof ApiError ? (err.problem.fields ?? []) : [];
    if (fields.length) {
      modal.error({
        title: t('opportunities.move.refused'),
        content: (
          <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="stage-gate-reasons">
            {fields.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        ),
        okText: t('common.close'),
      });
      return;
    }
    if (!onConflict(err)) void message.error(errorText(err));
  };

  const doMove = (stage: Stage, done: string, extra: Pick<MoveOpportunity, 'reason' | 'lossReason' | 'competitor'> = {}) =>
    move.mutateAsync({ id: deal.id, body: { version: deal.version, stageId: stage.id, ...extra } }).then(
      () => void message.success(done),
      (err: unknown) => refused(err),
    );

  /** A required answer left empty keeps the dialog open (a rejected onOk) and says what is missing. */
  const missing = (text: string) => {
    void message.warning(text);
    return Promise.reject(new Error(text));
  };

  const confirmMove = (stage: Stage) => {
    if (stage.id === deal.stageId) return;
    const name = stageName(stage, locale);
    const back = !closed && currentIndex >= 0 && stages.indexOf(stage) < currentIndex;
    // Moving back or re-opening may need a reason (the pipeline's rule); the dialog asks for it.
    const needsReason = (back || closed) && !!pipeline?.rules.backwardNeedsReason;
    let reason = '';
    const desc = probabilityShown ? t('opportunities.move.desc', { probability: stage.probability }) : t('fieldAccess.moveDesc');
    modal.confirm({
      title: closed ? t('opportunities.move.reopenTitle', { stage: name }) : back ? t('opportunities.move.backTitle', { stage: name }) : t('opportunities.move.title', { stage: name }),
      content: needsReason ? (
        <Flex vertical gap={8}>
          <span>{desc}</span>
          <Input.TextArea
            placeholder={t('pipelines.move.reasonPlaceholder')}
            aria-label={t('pipelines.move.reason')}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            onChange={(e) => (reason = e.target.value)}
            data-testid="move-reason"
          />
        </Flex>
      ) : (
        desc
      ),
      okText: t('opportunities.move.submit'),
      cancelText: t('common.cancel'),
      onOk: () => (needsReason && !reason.trim() ? missing(t('pipelines.move.reasonRequired')) : doMove(stage, t('opportunities.move.done', { stage: name }), needsReason ? { reason: reason.trim() } : {})),
    });
  };

  const confirmClose = (stage: Stage, outcome: 'won' | 'lost') => {
    // A lost deal names one of the pipeline's loss reasons, and who won it if known.
    let lossReason: string | undefined;
    let competitor = '';
    const reasons = (pipeline?.lossReasons ?? []).map((r) => ({ value: r.key, label: (locale === 'en' ? r.labelEn : r.labelZh) || r.labelZh }));
    modal.confirm({
      title: t(`opportunities.${outcome}.title`),
      content:
        outcome === 'lost' ? (
          <Flex vertical gap={8}>
            <span>{t('opportunities.lost.desc', { name: deal.name })}</span>
            <Select
              options={reasons}
              placeholder={t('pipelines.move.lossReason')}
              aria-label={t('pipelines.move.lossReason')}
              onChange={(v: string) => (lossReason = v)}
              data-testid="move-loss-reason"
            />
            <Input placeholder={t('pipelines.move.competitor')} aria-label={t('pipelines.move.competitor')} maxLength={100} onChange={(e) => (competitor = e.target.value)} data-testid="move-competitor" />
          </Flex>
        ) : (
          t('opportunities.won.desc', { name: deal.name })
        ),
      okText: t(`opportunities.${outcome}.button`),
      okButtonProps: outcome === 'lost' ? { danger: true } : undefined,
      cancelText: t('common.cancel'),
      onOk: () =>
        outcome === 'lost'
          ? lossReason
            ? doMove(stage, t('opportunities.lost.done'), { lossReason, ...(competitor.trim() ? { competitor: competitor.trim() } : {}) })
            : missing(t('pipelines.move.lossReasonRequired'))
          : doMove(stage, t('opportunities.won.done')),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="stage-progress">
      {closed && (
        <Alert
          type={deal.status === 'won' ? 'success' : 'warning'}
          showIcon
          icon={deal.status === 'won' ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
          title={deal.status === 'won' ? t('opportunities.won.banner') : t('opportunities.lost.banner')}
          description={canMove ? t('opportunities.detail.reopenHint') : undefined}
          data-testid="deal-closed"
        />
      )}
      <Flex gap={16} align="center" wrap={isPhone} justify="space-between">
        <div style={{ flex: '1 1 auto', minWidth: 0, width: isPhone ? '100%' : undefined }}>
          <Steps
            size="small"
            // Five stage names side by side do not fit a phone: there they stack, each still a tap target.
            type={isPhone ? 'dot' : 'default'}
            orientation={isPhone ? 'vertical' : 'horizontal'}
            responsive={false}
            current={closed ? (deal.status === 'won' ? stages.length : -1) : currentIndex}
            status={closed && deal.status === 'lost' ? 'error' : 'process'}
            onChange={canMove && !move.isPending ? (index) => stages[index] && confirmMove(stages[index]) : undefined}
            items={stages.map((s) => ({
              key: s.id,
              // Stacked on phones: name and probability on one line keeps the list short. A deal's probability
              // hidden from the viewer's role (字段权限) is its stage's unless overridden, so then none is shown.
              title: isPhone && probabilityShown ? `${stageName(s, locale)} · ${s.probability}%` : stageName(s, locale),
              content: isPhone || !probabilityShown ? undefined : `${s.probability}%`,
              disabled: !canMove || (!closed && s.id === deal.stageId),
            }))}
            data-testid="stage-steps"
          />
        </div>
        {canMove && !closed && won && lost && (
          <Flex gap={8} style={{ flex: 'none', width: isPhone ? '100%' : undefined }}>
            <Button
              icon={<CheckCircleOutlined />}
              onClick={() => confirmClose(won, 'won')}
              style={{ color: '#389e0d', borderColor: '#95de64', flex: isPhone ? 1 : undefined }}
              data-testid="deal-won"
            >
              {t('opportunities.won.button')}
            </Button>
            <Button danger icon={<CloseCircleOutlined />} onClick={() => confirmClose(lost, 'lost')} style={{ flex: isPhone ? 1 : undefined }} data-testid="deal-lost">
              {t('opportunities.lost.button')}
            </Button>
          </Flex>
        )}
      </Flex>
      {!pipeline && <Typography.Text type="secondary">…</Typography.Text>}
    </Flex>
  );
}

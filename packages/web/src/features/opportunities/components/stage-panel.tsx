import { App, Card, Checkbox, Col, Collapse, Descriptions, Empty, Flex, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { ClockCircleOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '@kairos/domain/opportunities';
import { stageName, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import { stageAge, type DealTask } from '@kairos/domain/stage-gates';
import { useSession } from '../../../lib/auth';
import { useMemberNames } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDate, todayIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useDealTasks, useSetTaskDone } from '../tasks-api';

/** A task is late when it has a due date before today and is not done. */
export function isTaskOverdue(task: Pick<DealTask, 'dueOn' | 'doneAt'>, today: string): boolean {
  return !task.doneAt && !!task.dueOn && task.dueOn < today;
}

function TaskRow({ task, canTick, onTick, pending }: { task: DealTask; canTick: boolean; onTick: (task: DealTask, done: boolean) => void; pending: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSession();
  const names = useMemberNames();
  const today = todayIn(me.workspace.timezone);
  const title = (locale === 'en' ? task.titleEn : task.titleZh) || task.titleZh;
  const done = !!task.doneAt;
  const overdue = isTaskOverdue(task, today);
  const role = task.role === 'owner' ? t('pipelines.tasks.owner') : t(`opportunities.teamRole.${task.role}`);
  return (
    <Flex gap={10} align="flex-start" style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }} data-testid="deal-task" data-done={done ? 'true' : 'false'}>
      <Checkbox checked={done} disabled={!canTick || pending} onChange={(e) => onTick(task, e.target.checked)} aria-label={title} style={{ marginTop: 2 }} data-testid="deal-task-check" />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text delete={done} type={done ? 'secondary' : undefined} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Typography.Text>
        {task.required && !done && (
          <Tag color="red" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
            {t('pipelines.panel.required')}
          </Tag>
        )}
        <Flex gap={12} wrap style={{ fontSize: 13, marginTop: 2 }}>
          <Typography.Text type="secondary">
            <UserOutlined style={{ marginInlineEnd: 4 }} />
            {task.assigneeId ? (names.get(task.assigneeId) ?? '—') : t('pipelines.panel.unassigned')}
            <span style={{ marginInlineStart: 4 }}>· {role}</span>
          </Typography.Text>
          {task.dueOn && (
            <Typography.Text type={overdue ? 'danger' : 'secondary'} data-testid={overdue ? 'deal-task-overdue' : undefined}>
              <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
              {t('pipelines.panel.due', { date: formatDate(`${task.dueOn}T12:00:00Z`, locale, 'UTC') })}
              {overdue && ` · ${t('pipelines.panel.overdue')}`}
            </Typography.Text>
          )}
        </Flex>
      </div>
    </Flex>
  );
}

function Line({ icon, children, danger }: { icon: ReactNode; children: ReactNode; danger?: boolean }) {
  return (
    <Flex gap={8} align="baseline">
      <Typography.Text type={danger ? 'danger' : 'secondary'}>{icon}</Typography.Text>
      <Typography.Text type={danger ? 'danger' : undefined}>{children}</Typography.Text>
    </Flex>
  );
}

/**
 * What the deal's current stage asks of the team: its guidance in the reader's language, days in the stage
 * against the stage's time limit, the follow-up cadence, and the stage's tasks as a checklist (earlier
 * stages' tasks folded away). A lost deal shows why it was lost and to whom.
 */
export function StagePanel({ deal, pipeline, canEdit }: { deal: Opportunity; pipeline: Pipeline | undefined; canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tasks = useDealTasks(deal.id, deal.stageId);
  const setDone = useSetTaskDone(deal.id);
  const stage: Stage | undefined = pipeline?.stages.find((s) => s.id === deal.stageId);
  if (!pipeline || !stage) return null;

  const closed = deal.status !== 'open';
  const rules = stage.rules;
  const guidance = (locale === 'en' ? rules.descriptionEn : rules.descriptionZh) || rules.descriptionZh || rules.descriptionEn;
  const age = stageAge(deal.stageEnteredAt, new Date(), rules.timeLimitDays);
  const all = tasks.data ?? [];
  const currentTasks = all.filter((task) => task.stageId === stage.id);
  const earlier = all.filter((task) => task.stageId !== stage.id);
  const doneCount = currentTasks.filter((task) => task.doneAt).length;
  const stageNameOf = (id: string) => {
    const s = pipeline.stages.find((x) => x.id === id);
    return s ? stageName(s, locale) : '—';
  };

  const tick = (task: DealTask, done: boolean) => {
    const title = (locale === 'en' ? task.titleEn : task.titleZh) || task.titleZh;
    setDone.mutate(
      { task, done },
      {
        onSuccess: () => void message.success(t(done ? 'pipelines.panel.taskDone' : 'pipelines.panel.taskReopened', { title })),
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };
  const canTick = (task: DealTask) => canEdit || task.assigneeId === me.user.id;
  const pendingId = setDone.isPending ? setDone.variables.task.id : null;
  const rows = (list: DealTask[]) => list.map((task) => <TaskRow key={task.id} task={task} canTick={canTick(task)} onTick={tick} pending={pendingId === task.id} />);

  const lossReason = pipeline.lossReasons.find((r) => r.key === deal.lossReason);
  const lossLabel = lossReason ? (locale === 'en' ? lossReason.labelEn : lossReason.labelZh) || lossReason.labelZh : deal.lossReason;

  return (
    <Card variant="borderless" title={`${t('pipelines.panel.title')} · ${stageName(stage, locale)}`} data-testid="stage-panel">
      {deal.status === 'lost' && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'reason', label: t('pipelines.panel.lossReason'), children: <span data-testid="deal-loss-reason">{lossLabel || t('pipelines.panel.unknown')}</span> },
            { key: 'competitor', label: t('pipelines.panel.competitor'), children: <span data-testid="deal-competitor">{deal.competitor || t('pipelines.panel.unknown')}</span> },
          ]}
        />
      )}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={10}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }} type={guidance ? undefined : 'secondary'} data-testid="stage-guidance">
              {guidance || t('pipelines.panel.noGuidance')}
            </Typography.Paragraph>
            {!closed && (
              <Flex vertical gap={4} data-testid="stage-age">
                <Line icon={<ClockCircleOutlined />} danger={age.stalled}>
                  {t('pipelines.panel.daysInStage', { count: age.days })}
                  {' · '}
                  {rules.timeLimitDays === null
                    ? t('pipelines.panel.noLimit')
                    : age.stalled
                      ? t('pipelines.panel.overLimit', { count: age.days - rules.timeLimitDays })
                      : t('pipelines.panel.limit', { count: rules.timeLimitDays })}
                </Line>
                {rules.timeLimitDays !== null && (
                  <Progress
                    percent={Math.min(100, Math.round((age.days / rules.timeLimitDays) * 100))}
                    showInfo={false}
                    size="small"
                    status={age.stalled ? 'exception' : 'normal'}
                    strokeColor={age.stalled ? undefined : age.days / rules.timeLimitDays > 0.8 ? '#fa8c16' : undefined}
                  />
                )}
                {rules.followUpCadenceDays !== null && <Line icon={<MessageOutlined />}>{t('pipelines.panel.followUp', { count: rules.followUpCadenceDays })}</Line>}
              </Flex>
            )}
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>{t('pipelines.panel.tasks')}</Typography.Text>
            {currentTasks.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="deal-task-progress">
                {t('pipelines.panel.progress', { done: doneCount, total: currentTasks.length })}
              </Typography.Text>
            )}
          </Flex>
          {tasks.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} title={false} />
          ) : currentTasks.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={closed ? t('pipelines.panel.closed') : t('pipelines.panel.noTasks')} style={{ margin: '8px 0' }} />
          ) : (
            <div data-testid="deal-tasks">{rows(currentTasks)}</div>
          )}
          {earlier.length > 0 && (
            <Collapse
              ghost
              size="small"
              style={{ marginTop: 8 }}
              items={[
                {
                  key: 'earlier',
                  label: t('pipelines.panel.earlier', { count: earlier.length }),
                  children: (
                    <Flex vertical gap={4}>
                      {[...new Set(earlier.map((task) => task.stageId))].map((stageId) => (
                        <div key={stageId}>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {stageNameOf(stageId)}
                          </Typography.Text>
                          {rows(earlier.filter((task) => task.stageId === stageId))}
                        </div>
                      ))}
                    </Flex>
                  ),
                },
              ]}
              data-testid="deal-tasks-earlier"
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}

import { App, Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MessageOutlined, PlusCircleOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { useMemo, type ReactNode } from 'react';
import type { FollowUp } from '@kairos/domain/followups';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/auth';
import { useMemberNames } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { QueryError } from '../../../components/query-error';
import { useCustomerTimeline } from '../api';
import { useDeleteFollowUp } from '../followups';
import { actorName, describeChange, describeFollowUp, groupTimeline, type TimelineEvent, type ValueContext } from '../model';

const ACTION_LOOK: Record<string, { color: string; icon: ReactNode }> = {
  create: { color: 'green', icon: <PlusCircleOutlined /> },
  update: { color: 'blue', icon: <EditOutlined /> },
  transfer: { color: '#722ed1', icon: <SwapOutlined /> },
  delete: { color: 'red', icon: <DeleteOutlined /> },
  restore: { color: 'green', icon: <UndoOutlined /> },
  followup: { color: '#fa8c16', icon: <MessageOutlined /> },
};

/** What one event says: the actor's name, then its sentences; a follow-up also shows what was written. */
function EventBody({ event, ctx, actions }: { event: TimelineEvent; ctx: ValueContext; actions?: ReactNode }) {
  const actor = <Typography.Text strong>{actorName(event.actorId, ctx)}</Typography.Text>;
  if (event.kind === 'followup') {
    const { headline, outcome, next } = describeFollowUp(event.followUp, ctx);
    return (
      <>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div>
            {actor} {headline}
          </div>
          {actions}
        </Flex>
        <div className="kairos-timeline-note">{event.followUp.content}</div>
        {outcome && <div>{outcome}</div>}
        {next && <div>{next}</div>}
      </>
    );
  }
  const [first, ...rest] = describeChange(event, ctx);
  return (
    <>
      <div>
        {actor} {first}
      </div>
      {rest.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </>
  );
}

/** The customer's timeline as sentences, newest first: follow-ups, who changed what, transfers, deletion and restore. */
export function CustomerTimeline({ customerId, onEditFollowUp }: { customerId: string; onEditFollowUp?: (followUp: FollowUp) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const removeFollowUp = useDeleteFollowUp();
  const me = useSession();
  const locale = useLocale();
  const names = useMemberNames();
  const timeline = useCustomerTimeline(customerId);
  const entries = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const events = useMemo(() => groupTimeline(entries), [entries]);

  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.timeline.empty')} />;

  const ctx: ValueContext = { t, locale, names };
  const confirmDelete = (followUp: FollowUp) =>
    modal.confirm({
      title: t('followUps.deleteTitle'),
      content: t('followUps.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        removeFollowUp.mutateAsync(followUp.id).then(
          () => void message.success(t('followUps.deleted')),
          (err: unknown) => void message.error(errorText(err)),
        ),
    });
  // What someone wrote stays theirs: only the author corrects or removes a follow-up (the server agrees).
  const actionsOf = (event: TimelineEvent) =>
    event.kind === 'followup' && event.followUp.authorId === me.user.id ? (
      <Flex gap={0} style={{ flexShrink: 0, marginTop: -4 }} data-testid="followup-actions">
        {onEditFollowUp && (
          <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEditFollowUp(event.followUp)} aria-label={t('common.edit')} title={t('common.edit')} />
        )}
        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(event.followUp)} aria-label={t('common.delete')} title={t('common.delete')} />
      </Flex>
    ) : undefined;
  return (
    <div data-testid="customer-timeline">
      <Timeline
        items={events.map((event) => {
          const look = ACTION_LOOK[event.kind === 'followup' ? 'followup' : event.action] ?? { color: 'gray', icon: undefined };
          return {
            key: event.key,
            color: look.color,
            icon: look.icon,
            content: (
              <div className="kairos-timeline-event" data-testid="timeline-event">
                <EventBody event={event} ctx={ctx} actions={actionsOf(event)} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at, locale, me.workspace.timezone)}
                </Typography.Text>
              </div>
            ),
          };
        })}
      />
      {timeline.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

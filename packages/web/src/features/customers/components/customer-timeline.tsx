import { Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MessageOutlined, PlusCircleOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/auth';
import { useMemberNames } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { QueryError } from '../../../components/query-error';
import { useCustomerTimeline } from '../api';
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
function EventBody({ event, ctx }: { event: TimelineEvent; ctx: ValueContext }) {
  const actor = <Typography.Text strong>{actorName(event.actorId, ctx)}</Typography.Text>;
  if (event.kind === 'followup') {
    const { headline, outcome, next } = describeFollowUp(event.followUp, ctx);
    return (
      <>
        <div>
          {actor} {headline}
        </div>
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
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
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
                <EventBody event={event} ctx={ctx} />
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

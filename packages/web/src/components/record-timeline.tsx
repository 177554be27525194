import { App, Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { CommentOutlined, DeleteOutlined, EditOutlined, MessageOutlined, PlusCircleOutlined, RiseOutlined, SwapOutlined, TeamOutlined, UndoOutlined } from '@ant-design/icons';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pageOf } from '@kairos/domain/common';
import type { FollowUp } from '@kairos/domain/followups';
import { TimelineItemSchema } from '@kairos/domain/timeline';
import { request } from '../lib/api';
import { useSession } from '../lib/auth';
import { useMemberNames } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import { useDeleteFollowUp } from '../lib/followups';
import { formatDateTime } from '../lib/format';
import { useLocale } from '../lib/i18n/i18n';
import { actorName, describeFollowUp, groupTimeline, type ChangeEvent, type TimelineEvent, type ValueContext } from '../lib/timeline';
import { QueryError } from './query-error';

const TimelinePageSchema = pageOf(TimelineItemSchema);
const TIMELINE_PAGE_SIZE = 30;

/**
 * A record's timeline (follow-ups and changes merged), newest first, a page at a time. `url` is the
 * record's timeline endpoint; `queryKey` sits under the record's feature key, so refreshing the
 * feature refreshes it too.
 */
export function useRecordTimeline(url: string, queryKey: QueryKey) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => request(url, { query: { limit: TIMELINE_PAGE_SIZE, cursor: pageParam }, schema: TimelinePageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const ACTION_LOOK: Record<string, { color: string; icon: ReactNode }> = {
  create: { color: 'green', icon: <PlusCircleOutlined /> },
  update: { color: 'blue', icon: <EditOutlined /> },
  transfer: { color: '#722ed1', icon: <SwapOutlined /> },
  move: { color: '#2f54eb', icon: <RiseOutlined /> },
  team: { color: '#13c2c2', icon: <TeamOutlined /> },
  delete: { color: 'red', icon: <DeleteOutlined /> },
  restore: { color: 'green', icon: <UndoOutlined /> },
  followup: { color: '#fa8c16', icon: <MessageOutlined /> },
  comment: { color: '#8c8c8c', icon: <CommentOutlined /> },
};

/** The dot's look for an event; team changes (`team.add`, `team_remove`…) share one look. */
function lookOf(event: TimelineEvent): { color: string; icon: ReactNode } {
  const action = event.kind !== 'change' ? event.kind : event.action.startsWith('team') ? 'team' : event.action;
  return ACTION_LOOK[action] ?? { color: 'gray', icon: undefined };
}

/** What one event says: the actor's name, then its sentences; a follow-up also shows what was written. */
function EventBody({ event, ctx, describeChange, actions }: { event: TimelineEvent; ctx: ValueContext; describeChange: (event: ChangeEvent, ctx: ValueContext) => string[]; actions?: ReactNode }) {
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
  if (event.kind === 'comment') {
    return (
      <>
        <div>
          {actor} {ctx.t('timeline.commented')}
        </div>
        <div className="kairos-timeline-note">{event.comment.body}</div>
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

/**
 * A record's timeline as sentences, newest first: follow-ups, who changed what, transfers, deletion and
 * restore. The record's feature tells its own changes (`describeChange`); the author of a follow-up may
 * correct it (`onEditFollowUp`) or remove it here.
 */
export function RecordTimeline({
  url,
  queryKey,
  describeChange,
  onEditFollowUp,
  testId,
}: {
  url: string;
  queryKey: QueryKey;
  describeChange: (event: ChangeEvent, ctx: ValueContext) => string[];
  onEditFollowUp?: (followUp: FollowUp) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const removeFollowUp = useDeleteFollowUp();
  const me = useSession();
  const locale = useLocale();
  const names = useMemberNames();
  const timeline = useRecordTimeline(url, queryKey);
  const entries = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const events = useMemo(() => groupTimeline(entries), [entries]);

  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} data-testid={testId} />;

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
    <div data-testid={testId}>
      <Timeline
        items={events.map((event) => {
          const look = lookOf(event);
          return {
            key: event.key,
            color: look.color,
            icon: look.icon,
            content: (
              <div className="kairos-timeline-event" data-testid="timeline-event">
                <EventBody event={event} ctx={ctx} describeChange={describeChange} actions={actionsOf(event)} />
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

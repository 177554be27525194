import { App, Button, Empty, Flex, Segmented, Skeleton, Timeline, Typography } from 'antd';
import { CommentOutlined, DeleteOutlined, EditOutlined, MessageOutlined, NotificationOutlined, PaperClipOutlined, PlusCircleOutlined, RiseOutlined, SwapOutlined, TeamOutlined, UndoOutlined } from '@ant-design/icons';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, CreateComment } from '@kairos/domain/comments';
import { pageOf } from '@kairos/domain/common';
import type { CustomField } from '@kairos/domain/custom-fields';
import type { FollowUp } from '@kairos/domain/followups';
import { TimelineItemSchema, type TimelineQuery } from '@kairos/domain/timeline';
import { request } from '../lib/api';
import { useSession } from '../lib/auth';
import { useDeleteComment } from '../lib/comments';
import { customFieldLabel, formatCustomValue, isEmptyValue, useCustomFields, type CustomValueContext } from '../lib/custom-fields';
import { useMemberNames } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import { useDeleteFollowUp } from '../lib/followups';
import { fileContentUrl, formatFileSize } from '../lib/files';
import { formatDateTime } from '../lib/format';
import { useLocale } from '../lib/i18n/i18n';
import { actorName, describeFollowUp, groupTimeline, type ChangeEvent, type TimelineEvent, type ValueContext } from '../lib/timeline';
import { CommentBody, CommentComposer, CommentEditor, useMentionCandidates } from './comment-composer';
import { QueryError } from './query-error';

const TimelinePageSchema = pageOf(TimelineItemSchema);
const TIMELINE_PAGE_SIZE = 30;

/** The kinds the filter offers (files show under "all", and in the files card). */
type Kind = Extract<NonNullable<TimelineQuery['kind']>, 'followup' | 'comment' | 'change'>;
const KINDS: Kind[] = ['followup', 'comment', 'change'];

/**
 * A record's timeline (follow-ups, comments and changes merged), newest first, a page at a time; `kind`
 * narrows it to one of them. `url` is the record's timeline endpoint; `queryKey` sits under the
 * record's feature key, so refreshing the feature refreshes it too.
 */
export function useRecordTimeline(url: string, queryKey: QueryKey, kind?: Kind) {
  return useInfiniteQuery({
    queryKey: [...queryKey, kind ?? 'all'],
    queryFn: ({ pageParam, signal }) => request(url, { query: { limit: TIMELINE_PAGE_SIZE, cursor: pageParam, kind }, schema: TimelinePageSchema, signal }),
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
  comment: { color: '#2f54eb', icon: <CommentOutlined /> },
  file: { color: '#8c8c8c', icon: <PaperClipOutlined /> },
};

/** The dot's look for an event; team changes (`team.add`, `team_remove`…) share one look. */
function lookOf(event: TimelineEvent): { color: string; icon: ReactNode } {
  const action = event.kind !== 'change' ? event.kind : event.action.startsWith('team') ? 'team' : event.action;
  return ACTION_LOOK[action] ?? { color: 'gray', icon: undefined };
}

/** Links to a stored file: preview (images and PDFs, in a new tab) and download, as the files card offers. */
function FileLinks({ file, t }: { file: Pick<FollowUp['attachments'][number], 'id' | 'previewable'>; t: ValueContext['t'] }) {
  return (
    <>
      {file.previewable && (
        <a href={fileContentUrl(file.id, true)} target="_blank" rel="noopener noreferrer">
          {t('timeline.preview')}
        </a>
      )}
      <a href={fileContentUrl(file.id)}>{t('timeline.download')}</a>
    </>
  );
}

/** The files attached to a follow-up: name, size, preview and download. */
export function FollowUpAttachmentList({ followUp, t }: { followUp: FollowUp; t: ValueContext['t'] }) {
  if (!followUp.attachments.length) return null;
  return (
    <Flex vertical gap={2} style={{ fontSize: 13 }} aria-label={t('followUpExtras.attachmentsOf')} data-testid="followup-attachment-links">
      {followUp.attachments.map((file) => (
        <Flex key={file.id} gap={8} align="baseline" wrap data-testid="followup-attachment-link">
          <PaperClipOutlined style={{ color: '#8c8c8c' }} />
          <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{file.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatFileSize(file.size)}
          </Typography.Text>
          <FileLinks file={file} t={t} />
        </Flex>
      ))}
    </Flex>
  );
}

/** The follow-up's custom field values that are filled in, as "label: value" lines. */
export function FollowUpCustomValues({ followUp, fields, ctx }: { followUp: FollowUp; fields: readonly CustomField[]; ctx: CustomValueContext }) {
  const filled = fields.filter((f) => !isEmptyValue(followUp.custom[f.key]));
  if (!filled.length) return null;
  return (
    <div className="kairos-timeline-custom" data-testid="followup-custom">
      {filled.map((f) => (
        <div key={f.key}>
          <Typography.Text type="secondary">
            {customFieldLabel(f, ctx.locale)}
            {ctx.locale === 'en' ? ': ' : '：'}
          </Typography.Text>
          {formatCustomValue(f, followUp.custom[f.key], ctx)}
        </div>
      ))}
    </div>
  );
}

interface EventContext {
  ctx: ValueContext;
  describeChange: (event: ChangeEvent, ctx: ValueContext) => string[];
  followUpFields: readonly CustomField[];
  customCtx: CustomValueContext;
  mentionCandidates: ReturnType<typeof useMentionCandidates>['all'];
  /** The comment being corrected in place, if any. */
  editingCommentId: string | null;
  onCommentEdited: () => void;
}

/** What one event says: the actor's name, then its sentences; a follow-up or a comment also shows what was written. */
function EventBody({ event, actions, env }: { event: TimelineEvent; actions?: ReactNode; env: EventContext }) {
  const { ctx } = env;
  const actor = <Typography.Text strong>{actorName(event.actorId, ctx)}</Typography.Text>;
  if (event.kind === 'followup') {
    const { headline, outcome, next, mentioned } = describeFollowUp(event.followUp, ctx);
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
        <FollowUpAttachmentList followUp={event.followUp} t={ctx.t} />
        {mentioned && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="followup-mentioned">
            <NotificationOutlined style={{ marginInlineEnd: 4 }} />
            {mentioned}
          </Typography.Text>
        )}
        <FollowUpCustomValues followUp={event.followUp} fields={env.followUpFields} ctx={env.customCtx} />
      </>
    );
  }
  if (event.kind === 'comment') {
    const edited = event.comment.updatedAt !== event.comment.createdAt;
    return (
      <>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div>
            {actor} {ctx.t('timeline.commented')}
            {edited && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {ctx.t('comments.edited')}
              </Typography.Text>
            )}
          </div>
          {env.editingCommentId !== event.comment.id && actions}
        </Flex>
        {env.editingCommentId === event.comment.id ? (
          <CommentEditor comment={event.comment} onDone={env.onCommentEdited} />
        ) : (
          <div className="kairos-timeline-note kairos-comment-note" data-testid="comment-body">
            <CommentBody comment={event.comment} candidates={env.mentionCandidates} />
          </div>
        )}
      </>
    );
  }
  if (event.kind === 'file') {
    const { file } = event;
    return (
      <>
        <div>
          {actor} {ctx.t('timeline.attached', { name: file.name })}
        </div>
        <Flex gap={12} style={{ fontSize: 13 }} data-testid="timeline-file-links">
          <FileLinks file={file} t={ctx.t} />
        </Flex>
      </>
    );
  }
  const { describeChange } = env;
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

/** The empty timeline, saying what would show here (and how to start, when commenting is open). */
function TimelineEmpty({ kind, canComment }: { kind: Kind | undefined; canComment: boolean }) {
  const { t } = useTranslation();
  const description =
    kind === 'comment' ? t('timeline.emptyComments') : kind === 'followup' ? t('timeline.emptyFollowUps') : kind === 'change' ? t('timeline.emptyChanges') : t('timeline.empty');
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={2} align="center">
          <span>{description}</span>
          {canComment && (kind === undefined || kind === 'comment') && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('timeline.emptyCommentHint')}
            </Typography.Text>
          )}
        </Flex>
      }
      style={{ marginBlock: 12 }}
      data-testid="timeline-empty"
    />
  );
}

/**
 * A record's timeline as sentences, newest first: follow-ups, comments, who changed what, transfers,
 * deletion and restore; a filter shows one kind at a time. With `commentOn`, a box at the top posts
 * comments with @mentions. The record's feature tells its own changes (`describeChange`); the author
 * of a follow-up may correct it (`onEditFollowUp`) or remove it here, the author of a comment likewise.
 */
export function RecordTimeline({
  url,
  queryKey,
  describeChange,
  onEditFollowUp,
  commentOn,
  testId,
}: {
  url: string;
  queryKey: QueryKey;
  describeChange: (event: ChangeEvent, ctx: ValueContext) => string[];
  onEditFollowUp?: (followUp: FollowUp) => void;
  /** The record comments posted here are on; without it the timeline only reads. */
  commentOn?: Pick<CreateComment, 'targetType' | 'targetId'>;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const removeFollowUp = useDeleteFollowUp();
  const removeComment = useDeleteComment();
  const me = useSession();
  const locale = useLocale();
  const names = useMemberNames();
  const followUpFields = useCustomFields('followup');
  const mentions = useMentionCandidates();
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const [editingCommentId, setEditingCommentId] = useState<string | null>(null);
  const timeline = useRecordTimeline(url, queryKey, kind);
  const entries = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const events = useMemo(() => groupTimeline(entries), [entries]);

  const filter = (
    <Segmented<Kind | 'all'>
      size="small"
      value={kind ?? 'all'}
      onChange={(value) => setKind(value === 'all' ? undefined : value)}
      options={[{ value: 'all', label: t('timeline.kind.all') }, ...KINDS.map((k) => ({ value: k, label: t(`timeline.kind.${k}`) }))]}
      className="kairos-timeline-filter"
      aria-label={t('timeline.kind.label')}
      data-testid="timeline-kind"
    />
  );

  let body: ReactNode;
  if (timeline.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (timeline.isError) body = <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else if (events.length === 0) body = <TimelineEmpty kind={kind} canComment={!!commentOn} />;
  else body = null;

  const ctx: ValueContext = { t, locale, names };
  const env: EventContext = {
    ctx,
    describeChange,
    followUpFields: followUpFields.data ?? [],
    customCtx: { locale, names, currency: me.workspace.currency, timeZone: me.workspace.timezone, unknown: t('timeline.unknown') },
    mentionCandidates: mentions.all,
    editingCommentId,
    onCommentEdited: () => setEditingCommentId(null),
  };
  const confirmDeleteComment = (comment: Comment) =>
    modal.confirm({
      title: t('comments.deleteTitle'),
      content: t('comments.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        removeComment.mutateAsync(comment.id).then(
          () => void message.success(t('comments.deleted')),
          (err: unknown) => void message.error(errorText(err)),
        ),
    });
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
  // What someone wrote stays theirs: only the author corrects or removes a follow-up or a comment (the server agrees).
  const actionsOf = (event: TimelineEvent) => {
    if (event.kind === 'followup' && event.followUp.authorId === me.user.id)
      return (
        <Flex gap={0} style={{ flexShrink: 0, marginTop: -4 }} data-testid="followup-actions">
          {onEditFollowUp && (
            <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEditFollowUp(event.followUp)} aria-label={t('common.edit')} title={t('common.edit')} />
          )}
          <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(event.followUp)} aria-label={t('common.delete')} title={t('common.delete')} />
        </Flex>
      );
    if (event.kind === 'comment' && event.comment.authorId === me.user.id)
      return (
        <Flex gap={0} style={{ flexShrink: 0, marginTop: -4 }} data-testid="comment-actions">
          <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditingCommentId(event.comment.id)} aria-label={t('comments.edit')} title={t('comments.edit')} data-testid="comment-edit" />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => confirmDeleteComment(event.comment)}
            aria-label={t('comments.delete')}
            title={t('comments.delete')}
            data-testid="comment-delete"
          />
        </Flex>
      );
    return undefined;
  };
  return (
    <div data-testid={testId}>
      {commentOn && <CommentComposer target={commentOn} />}
      <div className="kairos-timeline-toolbar">{filter}</div>
      {body ?? (
        <Timeline
          items={events.map((event) => {
            const look = lookOf(event);
            return {
              key: event.key,
              color: look.color,
              icon: look.icon,
              content: (
                <div className="kairos-timeline-event" data-testid="timeline-event">
                  <EventBody event={event} actions={actionsOf(event)} env={env} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(event.at, locale, me.workspace.timezone)}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
      {!body && timeline.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

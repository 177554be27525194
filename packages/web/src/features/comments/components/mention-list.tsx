import { Avatar, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { BankOutlined, ContactsOutlined, NotificationOutlined, RightOutlined, RiseOutlined } from '@ant-design/icons';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Comment } from '@kairos/domain/comments';
import { useSession } from '../../../lib/auth';
import { useMemberNames } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { CommentBody, useMentionCandidates } from '../../../components/comment-composer';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { useMentions, useRecordNames } from '../api';
import { commentLink } from '../model';

const RECORD_ICONS: Record<Comment['targetType'], ReactNode> = {
  customer: <BankOutlined />,
  contact: <ContactsOutlined />,
  opportunity: <RiseOutlined />,
};

/** One mention: who wrote, on which record, what they wrote; the whole card opens the record there. */
function MentionItem({ comment, recordName }: { comment: Comment; recordName: string | undefined }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const names = useMemberNames();
  const { all } = useMentionCandidates();
  const author = names.get(comment.authorId) ?? t('timeline.unknown');
  return (
    <Link to={commentLink(comment)} className="kairos-card-link" data-testid="mention-item">
      <Card size="small" hoverable>
        <Flex gap={10} align="flex-start">
          <Avatar size={32} style={{ background: '#2f54eb', flex: 'none' }}>
            {author.slice(0, 1).toUpperCase()}
          </Avatar>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Flex justify="space-between" gap={8} wrap>
              <span style={{ minWidth: 0 }}>
                <Typography.Text strong>{author}</Typography.Text> <Typography.Text type="secondary">{t('mentions.mentionedYou')}</Typography.Text>
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatDateTime(comment.createdAt, locale, me.workspace.timezone)}
              </Typography.Text>
            </Flex>
            <div className="kairos-timeline-note kairos-comment-note" style={{ marginBlock: 6 }}>
              <CommentBody comment={comment} candidates={all} />
            </div>
            <Flex gap={6} align="center" className="kairos-mention-record">
              {RECORD_ICONS[comment.targetType]}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(`mentions.on.${comment.targetType}`)}
              </Typography.Text>
              <Typography.Text ellipsis style={{ fontSize: 13, minWidth: 0 }}>
                {recordName ?? '…'}
              </Typography.Text>
              <RightOutlined style={{ fontSize: 11, color: '#bfbfbf', marginInlineStart: 'auto' }} />
            </Flex>
          </div>
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * The comments that @mention the signed-in member, newest first, each opening its record. `max` shows
 * only the latest few (the home card) with a link to the whole list.
 */
export function MentionList({ max }: { max?: number }) {
  const { t } = useTranslation();
  const mentions = useMentions(max ?? 20);
  const items = useMemo(() => {
    const all = mentions.data?.pages.flatMap((p) => p.items) ?? [];
    return max ? all.slice(0, max) : all;
  }, [mentions.data, max]);
  const recordNames = useRecordNames(items);

  if (mentions.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (mentions.isError) return <QueryError error={mentions.error} onRetry={() => void mentions.refetch()} />;
  if (items.length === 0) return <GuideEmpty icon={<NotificationOutlined />} title={t('mentions.emptyTitle')} description={t('mentions.emptyDesc')} />;
  return (
    <Flex vertical gap={10} data-testid="mention-list">
      {items.map((comment) => (
        <MentionItem key={comment.id} comment={comment} recordName={recordNames.get(`${comment.targetType}:${comment.targetId}`)} />
      ))}
      {!max && mentions.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void mentions.fetchNextPage()} loading={mentions.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

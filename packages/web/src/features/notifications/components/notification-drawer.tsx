import { App, Button, Drawer, Flex, Skeleton, Switch, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '@kairos/domain/notifications';
import { useSession } from '../../../lib/auth';
import { useErrorText } from '../../../lib/errors';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { fetchContactCustomerId, useMarkRead, useNotifications } from '../api';
import { contactPath, groupByDay, notificationTarget } from '../model';
import { NotificationItem } from './notification-item';

const WIDTH = 420;

/**
 * The inbox: the member's notifications newest first, in sections by day, unread ones tinted. A switch
 * narrows it to the unread ones; "mark all read" clears the bell; a notification opens its record (and
 * counts as read).
 */
export function NotificationDrawer({ open, unreadCount, onClose }: { open: boolean; unreadCount: number; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly, open);
  const markRead = useMarkRead();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // "3 minutes ago" is as of the last answer; a new answer (or reopening) moves it on.
  const now = useMemo(() => new Date(), [list.dataUpdatedAt]);
  const groups = useMemo(() => groupByDay(items, now, me.workspace.timezone), [items, now, me.workspace.timezone]);

  // Something new arrived while the inbox is open (the bell's count went up): show it.
  const lastCount = useRef(unreadCount);
  useEffect(() => {
    if (open && unreadCount > lastCount.current) void list.refetch();
    lastCount.current = unreadCount;
  }, [open, unreadCount]);

  const openNotification = async (n: Notification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id], all: false });
    const target = notificationTarget(n);
    if (!target) return;
    onClose();
    if (target.kind === 'path') {
      void navigate(target.path);
      return;
    }
    try {
      void navigate(contactPath(await fetchContactCustomerId(queryClient, target.contactId), target.contactId));
    } catch {
      void message.error(t('notifications.openFailed'));
    }
  };

  const markAll = () =>
    markRead.mutate(
      { all: true },
      {
        onSuccess: () => void message.success(t('notifications.markedAllRead')),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  let body;
  if (list.isPending) body = <Skeleton active avatar paragraph={{ rows: 2 }} />;
  else if (list.isError) body = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else if (items.length === 0)
    body = (
      <GuideEmpty
        icon={<BellOutlined />}
        title={unreadOnly ? t('notifications.emptyUnreadTitle') : t('notifications.emptyTitle')}
        description={unreadOnly ? t('notifications.emptyUnreadDesc') : t('notifications.emptyDesc')}
      />
    );
  else
    body = (
      <Flex vertical gap={12} data-testid="notification-list">
        {groups.map(({ group, items: groupItems }) => (
          <section key={group} aria-label={t(`notifications.group.${group}`)}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, padding: '0 12px 4px' }}>
              {t(`notifications.group.${group}`)}
            </Typography.Text>
            <Flex vertical gap={2}>
              {groupItems.map((n) => (
                <NotificationItem key={n.id} notification={n} now={now} onOpen={(item) => void openNotification(item)} />
              ))}
            </Flex>
          </section>
        ))}
        {list.hasNextPage && (
          <Flex justify="center">
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="notification-more">
              {t('common.loadMore')}
            </Button>
          </Flex>
        )}
      </Flex>
    );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notifications.title')}
      size={isPhone ? '100%' : WIDTH}
      destroyOnHidden
      styles={{ body: { padding: 0 } }}
      data-testid="notification-drawer"
    >
      <Flex
        justify="space-between"
        align="center"
        gap={8}
        wrap
        style={{ position: 'sticky', top: 0, zIndex: 1, background: '#fff', padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, cursor: 'pointer' }}>
          <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} data-testid="notification-unread-only" />
          <span>{t('notifications.unreadOnly')}</span>
        </label>
        <Button
          type="link"
          size="small"
          icon={<CheckOutlined />}
          onClick={markAll}
          loading={markRead.isPending && !!markRead.variables?.all}
          disabled={unreadCount === 0}
          style={{ paddingInline: 0 }}
          data-testid="notification-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ padding: '12px 8px 16px' }}>{body}</div>
    </Drawer>
  );
}

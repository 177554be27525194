import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../api';
import { NotificationDrawer } from './notification-drawer';

/** The header's bell: the unread count (asked every 30 s and when the tab comes back), opening the inbox. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.unreadCount ?? 0;
  return (
    <>
      <Button
        type="text"
        onClick={() => setOpen(true)}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        data-testid="notification-bell"
        style={{ paddingInline: 6 }}
      >
        <Badge count={count} size="small" overflowCount={99} offset={[2, -2]} data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
      <NotificationDrawer open={open} unreadCount={count} onClose={() => setOpen(false)} />
    </>
  );
}

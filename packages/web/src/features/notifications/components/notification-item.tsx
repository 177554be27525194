import { Avatar, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@kairos/domain/notifications';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { describeNotification, relativeTime } from '../model';

/**
 * One notification: the colleague's initial, the sentence (their name in bold), the words they wrote,
 * and when. Unread ones are tinted and carry a dot; the whole row opens the record.
 */
export function NotificationItem({ notification: n, now, onOpen }: { notification: Notification; now: Date; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const { actor, text, quote } = describeNotification(n, t);
  const unread = !n.readAt;
  const tz = me.workspace.timezone;
  return (
    <button
      type="button"
      className={unread ? 'kairos-notification kairos-notification-unread' : 'kairos-notification'}
      onClick={() => onOpen(n)}
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
    >
      <Flex gap={10} align="flex-start">
        <Avatar size={32} style={{ background: unread ? '#2f54eb' : '#adb5cc', flex: 'none' }}>
          {actor.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere' }}>
          <div style={{ lineHeight: 1.55 }} data-testid="notification-sentence">
            <Typography.Text strong>{actor}</Typography.Text> <span>{text}</span>
          </div>
          {quote && (
            <div
              style={{ margin: '4px 0 2px', padding: '4px 10px', borderInlineStart: '3px solid #d6dcf0', background: unread ? 'rgba(255,255,255,0.7)' : '#f7f8fc', borderRadius: 4, whiteSpace: 'pre-wrap', fontSize: 13 }}
              data-testid="notification-quote"
            >
              {quote}
            </div>
          )}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2, fontSize: 12 }}>
            <time dateTime={n.createdAt} title={formatDateTime(n.createdAt, locale, tz)}>
              {relativeTime(n.createdAt, now, locale, t('notifications.justNow'), tz)}
            </time>
          </Typography.Text>
        </div>
        {unread && <span role="img" aria-label={t('notifications.unread')} style={{ flex: 'none', width: 8, height: 8, marginTop: 8, borderRadius: '50%', background: '#2f54eb' }} />}
      </Flex>
    </button>
  );
}

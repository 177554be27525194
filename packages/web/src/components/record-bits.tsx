import { Flex, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/auth';
import { formatDate, formatDateTime } from '../lib/format';
import { useLocale } from '../lib/i18n/i18n';

/** Small pieces every record screen (customers, opportunities) shows the same way. */

/** A dash for an empty value, so a table or card never shows a blank that looks like a glitch. */
export function Dash() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/**
 * A value the viewer's role may not see (字段权限): a lock and a dash, with a tooltip saying why, so it
 * never reads as an empty field. The server leaves such values out of every answer.
 */
export function HiddenValue({ style }: { style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('fieldAccess.hiddenTip')}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 'inherit', fontWeight: 'normal', ...style }} aria-label={t('fieldAccess.hidden')} data-testid="hidden-value">
        <LockOutlined style={{ fontSize: '0.85em', marginInlineEnd: 4 }} />—
      </Typography.Text>
    </Tooltip>
  );
}

/** Beside a form label: the field is read-only for the viewer's role (字段权限); the input is disabled. */
export function ReadOnlyMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('fieldAccess.readOnlyTip')}>
      <LockOutlined role="img" aria-label={t('fieldAccess.readOnly')} style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6, fontSize: 12 }} data-testid="read-only-mark" />
    </Tooltip>
  );
}

/** A moment (a timestamp) in the workspace's timezone, on one line; a dash when there is none. */
export function DateTimeText({ iso }: { iso: string | null }) {
  const me = useSession();
  const locale = useLocale();
  if (!iso) return <Dash />;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso, locale, me.workspace.timezone)}</span>;
}

/** A calendar date (YYYY-MM-DD, such as a next follow-up) as that day, whatever the viewer's timezone; a dash when there is none. */
export function DayText({ date }: { date: string | null }) {
  const locale = useLocale();
  if (!date) return <Dash />;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDate(`${date}T12:00:00Z`, locale, 'UTC')}</span>;
}

/** A record's tags; past `max`, a "+n" tag stands for the rest. */
export function TagList({ tags, max = Infinity }: { tags: readonly string[]; max?: number }) {
  if (!tags.length) return null;
  const shown = tags.slice(0, max);
  return (
    <Flex gap={4} wrap>
      {shown.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
      {tags.length > shown.length && <Tag style={{ marginInlineEnd: 0 }}>+{tags.length - shown.length}</Tag>}
    </Flex>
  );
}

/** How long a deleted record stays restorable, redder as the day nears (see lib/recycle). */
export function DaysLeftTag({ days }: { days: number }) {
  const { t } = useTranslation();
  if (days <= 0) return <Tag color="red">{t('recycle.expiring')}</Tag>;
  return (
    <Tag color={days <= 3 ? 'red' : days <= 7 ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t('recycle.daysLeft', { count: days })}
    </Tag>
  );
}

import { Badge, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer, DuplicateMatch } from '@kairos/domain/customers';
import { DuplicateMatchList as SharedDuplicateMatchList } from '../../../components/duplicate-match-list';

/** Small pieces every customer screen shows the same way. */

const STATUS_BADGE: Record<Customer['status'], 'processing' | 'success' | 'warning' | 'default'> = {
  prospect: 'processing',
  active: 'success',
  dormant: 'warning',
  lost: 'default',
};

export function CustomerStatus({ status }: { status: Customer['status'] }) {
  const { t } = useTranslation();
  return <Badge status={STATUS_BADGE[status]} text={t(`customers.status.${status}`)} />;
}

const LEVEL_COLOR: Record<NonNullable<Customer['level']>, string> = { A: 'volcano', B: 'orange', C: 'blue', D: 'default' };

/** The level as a compact tag (A/B/C/D); the long label is in the tooltip and in forms. */
export function CustomerLevel({ level }: { level: Customer['level'] }) {
  const { t } = useTranslation();
  if (!level) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={LEVEL_COLOR[level]} title={t(`customers.level.${level}`)} style={{ marginInlineEnd: 0, fontWeight: 600 }}>
      {level}
    </Tag>
  );
}

/** The customers a duplicate check found; readable ones link to the customer (see components/duplicate-match-list). */
export function DuplicateMatchList({ matches }: { matches: readonly DuplicateMatch[] }) {
  return <SharedDuplicateMatchList matches={matches} hrefOf={(match) => `/customers/${match.id}`} />;
}

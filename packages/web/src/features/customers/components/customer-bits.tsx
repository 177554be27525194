import { Badge, Flex, Tag, Typography } from 'antd';
import { ExportOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Customer, DuplicateMatch } from '@kairos/domain/customers';

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

export function CustomerTags({ tags, max = Infinity }: { tags: readonly string[]; max?: number }) {
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

/** A dash for an empty value, so a table or card never shows a blank that looks like a glitch. */
export function Dash() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/**
 * The customers a duplicate check found. Ones the user may read link to the record (in a new tab, so a
 * half-filled form is not lost); the others show only the masked name, the owner and that it is protected.
 */
export function DuplicateMatchList({ matches }: { matches: readonly DuplicateMatch[] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="duplicate-matches" style={{ marginTop: 6 }}>
      {matches.map((match, index) => (
        <div key={match.id ?? `masked-${index}`} className="kairos-dup-match">
          <Flex align="center" gap={8} wrap>
            {match.visible && match.id ? (
              // A plain link, not the router's: this list is also shown in confirmation dialogs, which antd
              // renders outside the router; and a new tab keeps the half-filled form.
              <a href={`/customers/${match.id}`} target="_blank" rel="noopener">
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {match.name}
                </Typography.Text>{' '}
                <ExportOutlined style={{ fontSize: 12 }} aria-label={t('customers.dup.open')} />
              </a>
            ) : (
              <Typography.Text strong data-testid="duplicate-masked-name">
                {match.name}
              </Typography.Text>
            )}
            {match.protected && (
              <Tag icon={<LockOutlined />} color="gold" style={{ marginInlineEnd: 0 }}>
                {t('customers.dup.protected')}
              </Tag>
            )}
          </Flex>
          <Flex gap={12} wrap style={{ fontSize: 13, marginTop: 2 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              <UserOutlined style={{ marginInlineEnd: 4 }} />
              {match.owner ? t('customers.dup.owner', { name: match.owner.name }) : t('customers.dup.noOwner')}
            </Typography.Text>
            {match.matchedOn.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('customers.dup.matchedOn')}
                {match.matchedOn.map((key) => t(`customers.dup.on.${key}`)).join(' · ')}
              </Typography.Text>
            )}
          </Flex>
          {!match.visible && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
              {t('customers.dup.maskedHint')}
            </Typography.Text>
          )}
        </div>
      ))}
    </Flex>
  );
}

import { Flex, Tag, Typography } from 'antd';
import { ExportOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '@kairos/domain/customers';

/**
 * The records a duplicate check found (customers or contacts). Ones the user may read link to the record
 * when `hrefOf` gives a link (in a new tab, so a half-filled form is not lost); the others show only the
 * masked name, the owner and that it is protected.
 */
export function DuplicateMatchList({ matches, hrefOf }: { matches: readonly DuplicateMatch[]; hrefOf?: (match: DuplicateMatch) => string | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="duplicate-matches" style={{ marginTop: 6 }}>
      {matches.map((match, index) => (
        <div key={match.id ?? `masked-${index}`} className="kairos-dup-match">
          <Flex align="center" gap={8} wrap>
            {match.visible && match.id && hrefOf?.(match) ? (
              // A plain link, not the router's: this list is also shown in confirmation dialogs, which antd
              // renders outside the router; and a new tab keeps the half-filled form.
              <a href={hrefOf?.(match) ?? undefined} target="_blank" rel="noopener">
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {match.name}
                </Typography.Text>{' '}
                <ExportOutlined style={{ fontSize: 12 }} aria-label={t('customers.dup.open')} />
              </a>
            ) : (
              <Typography.Text strong data-testid={match.visible ? undefined : 'duplicate-masked-name'}>
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

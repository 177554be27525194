import { Alert, App, Button, Card, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@kairos/domain/auth';
import { useSession } from '../../../lib/auth';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { GuideEmpty } from '../../../components/guide-empty';
import { useRevokeToken, useTokens } from '../api';
import { CreateTokenModal } from './create-token-modal';

type TokenStatus = 'active' | 'expired' | 'revoked';

function statusOf(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

function StatusTag({ status }: { status: TokenStatus }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'success' : status === 'expired' ? 'warning' : 'default';
  const label = status === 'active' ? t('tokens.statusActive') : status === 'expired' ? t('tokens.statusExpired') : t('tokens.statusRevoked');
  return <Tag color={color}>{label}</Tag>;
}

function RevokeButton({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const revoke = useRevokeToken();
  return (
    <Popconfirm
      title={t('tokens.revokeTitle', { name: token.name })}
      description={<div style={{ maxWidth: 280 }}>{t('tokens.revokeDesc')}</div>}
      okText={t('tokens.revoke')}
      okButtonProps={{ danger: true, loading: revoke.isPending }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        revoke.mutateAsync(token.id).then(
          () => void message.success(t('tokens.revoked')),
          (err: unknown) => void message.error(errorText(err)),
        )
      }
    >
      <Button type="link" danger size="small" style={{ paddingInline: 0 }}>
        {t('tokens.revoke')}
      </Button>
    </Popconfirm>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const tz = me.workspace.timezone;
  const items = tokens.data?.items ?? [];

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.colName'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('tokens.colPrefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    { title: t('tokens.colStatus'), key: 'status', render: (_, token) => <StatusTag status={statusOf(token)} /> },
    { title: t('tokens.colCreated'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale, tz) },
    { title: t('tokens.colExpires'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v, locale, tz) : t('common.never')) },
    {
      title: t('tokens.colLastUsed'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v, locale, tz) : <Typography.Text type="secondary">{t('common.never')}</Typography.Text>),
    },
    { title: t('common.actions'), key: 'actions', align: 'right', render: (_, token) => (statusOf(token) === 'revoked' ? null : <RevokeButton token={token} />) },
  ];

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('tokens.create')}
    </Button>
  );

  const empty = (
    <GuideEmpty icon={<KeyOutlined />} title={t('tokens.emptyTitle')} description={t('tokens.emptyDesc')} action={createButton} />
  );

  return (
    <>
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle')} extra={items.length > 0 && createButton} />
      <Alert type="info" showIcon title={t('tokens.usage')} style={{ marginBottom: 16 }} />
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : isPhone ? (
        <Flex vertical gap={12}>
          {tokens.isPending && <Card loading variant="borderless" />}
          {!tokens.isPending && items.length === 0 && <Card variant="borderless">{empty}</Card>}
          {items.map((token) => (
            <Card key={token.id} variant="borderless" size="small" data-testid="token-card">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {token.name}
                </Typography.Text>
                <StatusTag status={statusOf(token)} />
              </Flex>
              <Typography.Text code>{token.prefix}…</Typography.Text>
              <div className="kairos-card-meta">
                <span>
                  {t('tokens.colExpires')}: {token.expiresAt ? formatDateTime(token.expiresAt, locale, tz) : t('common.never')}
                </span>
                <span>
                  {t('tokens.colLastUsed')}: {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale, tz) : t('common.never')}
                </span>
              </div>
              {statusOf(token) !== 'revoked' && (
                <div style={{ marginTop: 4 }}>
                  <RevokeButton token={token} />
                </div>
              )}
            </Card>
          ))}
        </Flex>
      ) : (
        <Card variant="borderless" styles={{ body: { padding: items.length ? 0 : 24 } }}>
          <Table<ApiToken>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={tokens.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
          />
        </Card>
      )}
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

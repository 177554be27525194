import { Alert, App, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, DeleteOutlined, UndoOutlined, UserOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '@kairos/domain/opportunities';
import { useSession } from '../../../lib/auth';
import { useMemberNames, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { daysLeft } from '../../../lib/recycle';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { DaysLeftTag } from '../../../components/record-bits';
import { useOpportunityList, useRestoreOpportunity } from '../api';
import { Money } from './opportunity-bits';

const DEFAULT_RECYCLE_DAYS = 30;

/** Deleted opportunities, restorable until their days run out (only for those who may delete). */
export function RecycleBin() {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const deleted = useOpportunityList({ deleted: true, sort: '-updatedAt' });
  const settings = useWorkspaceSettings();
  const names = useMemberNames();
  const restore = useRestoreOpportunity();
  const recycleDays = settings.data?.recycleDays ?? DEFAULT_RECYCLE_DAYS;
  const tz = me.workspace.timezone;
  const items = useMemo(() => deleted.data?.pages.flatMap((p) => p.items) ?? [], [deleted.data]);

  const doRestore = (o: Opportunity) =>
    restore.mutate(o.id, {
      onSuccess: () => void message.success(t('opportunities.restored')),
      onError: (err) => void message.error(errorText(err)),
    });

  const restoreButton = (o: Opportunity) => (
    <Button size="small" icon={<UndoOutlined />} onClick={() => doRestore(o)} loading={restore.isPending && restore.variables === o.id}>
      {t('opportunities.restore')}
    </Button>
  );

  const ownerName = (o: Opportunity) => (o.ownerId ? (names.get(o.ownerId) ?? '—') : '—');

  const columns: TableColumnsType<Opportunity> = [
    { title: t('opportunities.col.name'), key: 'name', render: (_, o) => <Typography.Text strong>{o.name}</Typography.Text>, width: 260 },
    { title: t('opportunities.col.customer'), key: 'customer', render: (_, o) => o.customerName },
    { title: t('opportunities.col.amount'), key: 'amount', align: 'right', render: (_, o) => <Money minor={o.amount} currency={o.currency} /> },
    { title: t('opportunities.col.owner'), key: 'owner', render: (_, o) => ownerName(o) },
    { title: t('opportunities.col.deleted'), key: 'deletedAt', render: (_, o) => formatDateTime(o.deletedAt, locale, tz) },
    { title: t('opportunities.col.daysLeft'), key: 'daysLeft', render: (_, o) => <DaysLeftTag days={daysLeft(o.deletedAt, recycleDays)} /> },
    { title: t('common.actions'), key: 'actions', align: 'right', render: (_, o) => restoreButton(o) },
  ];

  const empty = <GuideEmpty icon={<DeleteOutlined />} title={t('opportunities.recycleEmptyTitle')} description={t('opportunities.recycleEmptyDesc', { days: recycleDays })} />;
  const hint = items.length > 0 && <Alert type="info" showIcon title={t('opportunities.recycleHint', { days: recycleDays })} style={{ marginBottom: 16 }} />;
  const loadMore = deleted.hasNextPage && (
    <Flex justify="center" style={{ padding: 16 }}>
      <Button onClick={() => void deleted.fetchNextPage()} loading={deleted.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );

  if (deleted.isError) return <QueryError error={deleted.error} onRetry={() => void deleted.refetch()} />;

  if (isPhone) {
    return (
      <Flex vertical gap={12} data-testid="opportunity-recycle-cards">
        {hint}
        {deleted.isPending && <Card loading />}
        {!deleted.isPending && items.length === 0 && empty}
        {items.map((o) => (
          <Card key={o.id} size="small">
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Typography.Text strong style={{ minWidth: 0 }}>
                {o.name}
              </Typography.Text>
              {restoreButton(o)}
            </Flex>
            <div className="kairos-card-meta">
              <Flex gap={12} wrap align="center">
                <Money minor={o.amount} currency={o.currency} />
                <span>
                  <BankOutlined style={{ marginInlineEnd: 4 }} />
                  {o.customerName}
                </span>
                <span>
                  <UserOutlined style={{ marginInlineEnd: 4 }} />
                  {ownerName(o)}
                </span>
                <DaysLeftTag days={daysLeft(o.deletedAt, recycleDays)} />
              </Flex>
              <span>
                {t('opportunities.col.deleted')} {formatDateTime(o.deletedAt, locale, tz)}
              </span>
            </div>
          </Card>
        ))}
        {loadMore}
      </Flex>
    );
  }

  return (
    <>
      {hint}
      <Table<Opportunity>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={deleted.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: deleted.isPending ? ' ' : empty }}
        data-testid="opportunity-recycle-table"
      />
      {loadMore}
    </>
  );
}

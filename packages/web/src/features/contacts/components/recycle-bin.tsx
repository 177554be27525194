import { Alert, App, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, DeleteOutlined, UndoOutlined, UserOutlined } from '@ant-design/icons';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@kairos/domain/contacts';
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
import { useContactList, useRestoreContact } from '../api';

const DEFAULT_RECYCLE_DAYS = 30;

/** Deleted contacts, restorable until their days run out (only for those who may delete). */
export function RecycleBin() {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const deleted = useContactList({ deleted: true });
  const settings = useWorkspaceSettings();
  const names = useMemberNames();
  const restore = useRestoreContact();
  const recycleDays = settings.data?.recycleDays ?? DEFAULT_RECYCLE_DAYS;
  const tz = me.workspace.timezone;
  const items = useMemo(() => deleted.data?.pages.flatMap((p) => p.items) ?? [], [deleted.data]);

  const doRestore = (c: Contact) =>
    restore.mutate(c.id, {
      onSuccess: () => void message.success(t('contactsExtra.restored')),
      // 409 not_restorable once the days ran out: the server's message says so.
      onError: (err) => void message.error(errorText(err)),
    });

  const restoreButton = (c: Contact) => (
    <Button size="small" icon={<UndoOutlined />} onClick={() => doRestore(c)} loading={restore.isPending && restore.variables === c.id} data-testid="contact-restore">
      {t('contactsExtra.restore')}
    </Button>
  );

  const ownerName = (c: Contact) => (c.ownerId ? (names.get(c.ownerId) ?? '—') : '—');

  const columns: TableColumnsType<Contact> = [
    { title: t('contacts.colName'), key: 'name', render: (_, c) => <Typography.Text strong>{c.name}</Typography.Text>, width: 200 },
    { title: t('contacts.colCustomer'), key: 'customer', render: (_, c) => c.customerName },
    { title: t('views.col.owner'), key: 'owner', render: (_, c) => ownerName(c) },
    { title: t('contactsExtra.colDeleted'), key: 'deletedAt', render: (_, c) => formatDateTime(c.deletedAt, locale, tz) },
    { title: t('contactsExtra.colDaysLeft'), key: 'daysLeft', render: (_, c) => <DaysLeftTag days={daysLeft(c.deletedAt, recycleDays)} /> },
    { title: t('common.actions'), key: 'actions', align: 'right', render: (_, c) => restoreButton(c) },
  ];

  const empty = <GuideEmpty icon={<DeleteOutlined />} title={t('contactsExtra.recycleEmptyTitle')} description={t('contactsExtra.recycleEmptyDesc', { days: recycleDays })} />;
  const hint = items.length > 0 && <Alert type="info" showIcon title={t('contactsExtra.recycleHint', { days: recycleDays })} style={{ marginBottom: 16 }} />;
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
      <Flex vertical gap={12} data-testid="contact-recycle-cards">
        {hint}
        {deleted.isPending && <Card loading />}
        {!deleted.isPending && items.length === 0 && empty}
        {items.map((c) => (
          <Card key={c.id} size="small" data-testid="contact-recycle-row">
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Typography.Text strong style={{ minWidth: 0 }}>
                {c.name}
              </Typography.Text>
              {restoreButton(c)}
            </Flex>
            <div className="kairos-card-meta">
              <Flex gap={12} wrap align="center">
                <span>
                  <BankOutlined style={{ marginInlineEnd: 4 }} />
                  {c.customerName}
                </span>
                <span>
                  <UserOutlined style={{ marginInlineEnd: 4 }} />
                  {ownerName(c)}
                </span>
                <DaysLeftTag days={daysLeft(c.deletedAt, recycleDays)} />
              </Flex>
              <span>
                {t('contactsExtra.colDeleted')} {formatDateTime(c.deletedAt, locale, tz)}
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
      <Table<Contact>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={deleted.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: deleted.isPending ? ' ' : empty }}
        onRow={() => ({ 'data-testid': 'contact-recycle-row' }) as HTMLAttributes<HTMLElement>}
        data-testid="contact-recycle-table"
      />
      {loadMore}
    </>
  );
}

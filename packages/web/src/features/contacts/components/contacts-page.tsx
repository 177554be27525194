import { Button, Card, Flex, Input, Table, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, ContactsOutlined, SearchOutlined } from '@ant-design/icons';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '@kairos/domain/contacts';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useContactList, useCustomerNames } from '../api';
import { ContactCompleteness, ContactWays, DecisionRole } from './contact-bits';

const SEARCH_DEBOUNCE_MS = 300;

function Dash() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** 联系人: every contact of the customers the user may see, searchable by name, each linked to its customer. */
export function ContactsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const contacts = useContactList({ q: q || undefined });
  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const customerNames = useCustomerNames(items.map((c) => c.customerId));

  const customerLink = (c: Contact) => (
    <Link to={`/customers/${c.customerId}`} data-testid="contact-customer-link">
      <BankOutlined style={{ marginInlineEnd: 4 }} />
      {customerNames.get(c.customerId) ?? '…'}
    </Link>
  );

  const columns: TableColumnsType<Contact> = [
    {
      title: t('contacts.colName'),
      key: 'name',
      render: (_, c) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{c.name}</Typography.Text>
          <DecisionRole role={c.decisionRole} />
        </Flex>
      ),
    },
    { title: t('contacts.colCustomer'), key: 'customer', render: (_, c) => customerLink(c) },
    { title: t('contacts.colTitle'), key: 'title', render: (_, c) => c.title || <Dash /> },
    { title: t('contacts.colMobile'), key: 'mobile', render: (_, c) => (c.mobile ? <a href={`tel:${c.mobile}`}>{c.mobile}</a> : <Dash />) },
    { title: t('contacts.colEmail'), key: 'email', render: (_, c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <Dash />) },
    { title: t('contacts.colCompleteness'), key: 'completeness', render: (_, c) => <ContactCompleteness contact={c} /> },
  ];

  const empty = q ? (
    <GuideEmpty icon={<SearchOutlined />} title={t('contacts.noMatch')} description={t('customers.noMatchDesc')} action={<Button onClick={() => setSearch('')}>{t('customers.clearFilters')}</Button>} />
  ) : (
    <GuideEmpty
      icon={<ContactsOutlined />}
      title={t('contacts.emptyTitle')}
      description={t('contacts.emptyDesc')}
      action={
        <Link to="/customers">
          <Button type="primary">{t('contacts.goCustomers')}</Button>
        </Link>
      }
    />
  );

  const loadMore = contacts.hasNextPage && (
    <Flex justify="center" style={{ padding: 16 }}>
      <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('contacts.title')} subtitle={t('contacts.subtitle')} />
      <Card variant="borderless">
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
          placeholder={t('contacts.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: isPhone ? '100%' : 300, marginBottom: 16 }}
          aria-label={t('contacts.searchPlaceholder')}
          data-testid="contact-search"
        />
        {contacts.isError ? (
          <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : isPhone ? (
          <Flex vertical gap={8} data-testid="contacts-cards">
            {!contacts.isPending && items.length === 0 && empty}
            {items.map((c) => (
              <Card key={c.id} size="small" data-testid="contact-row">
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
                    <DecisionRole role={c.decisionRole} />
                  </Flex>
                  <ContactCompleteness contact={c} />
                </Flex>
                <div className="kairos-card-meta">
                  {customerLink(c)}
                  <ContactWays contact={c} />
                </div>
              </Card>
            ))}
            {loadMore}
          </Flex>
        ) : (
          <>
            <Table<Contact>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={contacts.isPending || (contacts.isPlaceholderData && contacts.isFetching)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: contacts.isPending ? ' ' : empty }}
              onRow={() => ({ 'data-testid': 'contact-row' }) as HTMLAttributes<HTMLElement>}
              data-testid="contacts-table"
            />
            {loadMore}
          </>
        )}
      </Card>
    </>
  );
}

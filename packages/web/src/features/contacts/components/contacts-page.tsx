import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { BankOutlined, ContactsOutlined, SearchOutlined } from '@ant-design/icons';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '@kairos/domain/contacts';
import { useSession } from '../../../lib/auth';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { DateTimeText, DayText, Dash } from '../../../components/record-bits';
import type { BuiltInColumn } from '../../views/model';
import { useListView, useViewSelection, type ColumnSpec } from '../../views/use-list-view';
import { ViewBar } from '../../views/components/view-bar';
import { CardCustomValues } from '../../views/components/card-custom-values';
import { useContactList, useCustomerNames, type ContactFilters } from '../api';
import { ContactCompleteness, ContactWays, DecisionRole } from './contact-bits';

const SEARCH_DEBOUNCE_MS = 300;
/** The list's query parameters that have a control here (a saved view fills them). */
const FILTER_KEYS = ['q', 'ownerId'] as const;

/** 联系人: every contact of the customers the user may see, with saved views, search by name, owner filter and column choice. */
export function ContactsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const [search, setSearch] = useState('');
  const [ownerId, setOwnerId] = useState<string | undefined>(undefined);
  const view = useViewSelection({
    entity: 'contact',
    filterKeys: FILTER_KEYS,
    applyFilters: (f) => {
      setSearch(f.q ?? '');
      setOwnerId(f.ownerId);
    },
  });
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  const filters: ContactFilters = { ...view.extra, ownerId, q: q || undefined };
  const contacts = useContactList(filters, view.ready);
  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const customerNames = useCustomerNames(items.map((c) => c.customerId));
  const directory = useDirectory();
  const names = useMemberNames();
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);
  // A rep who sees only their own customers' contacts has nobody else to filter by.
  const showOwnerFilter = me.dataScope !== 'own';
  const filtered = !!(q || ownerId) || Object.keys(view.extra).length > 0;

  const clearFilters = () => {
    setSearch('');
    setOwnerId(undefined);
    view.clearExtra();
  };

  const customerLink = (c: Contact) => (
    <Link to={`/customers/${c.customerId}`} data-testid="contact-customer-link" style={{ whiteSpace: 'nowrap' }}>
      <BankOutlined style={{ marginInlineEnd: 4 }} />
      {customerNames.get(c.customerId) ?? c.customerName}
    </Link>
  );

  const columns: Record<BuiltInColumn<'contact'>, ColumnSpec<Contact>> = {
    name: {
      title: t('contacts.colName'),
      render: (c) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{c.name}</Typography.Text>
          <DecisionRole role={c.decisionRole} />
        </Flex>
      ),
    },
    customerName: { title: t('contacts.colCustomer'), render: customerLink },
    title: { title: t('contacts.colTitle'), render: (c) => c.title || <Dash /> },
    mobile: { title: t('contacts.colMobile'), render: (c) => (c.mobile ? <a href={`tel:${c.mobile}`}>{c.mobile}</a> : <Dash />) },
    email: { title: t('contacts.colEmail'), render: (c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <Dash />) },
    completeness: { title: t('contacts.colCompleteness'), render: (c) => <ContactCompleteness contact={c} /> },
    phone: { title: t('contacts.field.phone'), render: (c) => (c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : <Dash />) },
    wechat: { title: t('contacts.field.wechat'), render: (c) => c.wechat || <Dash /> },
    ownerId: { title: t('views.col.owner'), render: (c) => (c.ownerId ? (names.get(c.ownerId) ?? '—') : <Dash />) },
    lastFollowUpAt: { title: t('views.col.lastFollowUpAt'), render: (c) => <DateTimeText iso={c.lastFollowUpAt} /> },
    nextFollowUpOn: { title: t('views.col.nextFollowUpOn'), render: (c) => <DayText date={c.nextFollowUpOn} /> },
    createdAt: { title: t('views.col.createdAt'), render: (c) => <DateTimeText iso={c.createdAt} /> },
    updatedAt: { title: t('views.col.updatedAt'), render: (c) => <DateTimeText iso={c.updatedAt} /> },
  };
  const list = useListView(view, { filters, columns });

  const empty = filtered ? (
    <GuideEmpty icon={<SearchOutlined />} title={t('contacts.noMatch')} description={t('customers.noMatchDesc')} action={<Button onClick={clearFilters}>{t('customers.clearFilters')}</Button>} />
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

  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="contact-filters">
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('contacts.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ width: isPhone ? '100%' : 300 }}
        aria-label={t('contacts.searchPlaceholder')}
        data-testid="contact-search"
      />
      {showOwnerFilter && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('customers.filterOwner')}
          value={ownerId}
          onChange={(id?: string) => setOwnerId(id)}
          options={ownerOptions}
          style={{ width: isPhone ? '100%' : 140 }}
          popupMatchSelectWidth={false}
          aria-label={t('views.col.owner')}
        />
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('contacts.title')} subtitle={t('contacts.subtitle')} />
      <Card variant="borderless">
        <ViewBar list={list} />
        {filterBar}
        {contacts.isError ? (
          <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : isPhone ? (
          <Flex vertical gap={8} data-testid="contacts-cards">
            {contacts.isPending && <Card loading />}
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
                  <CardCustomValues fields={list.customColumns} custom={c.custom} />
                </div>
              </Card>
            ))}
            {loadMore}
          </Flex>
        ) : (
          <>
            <Table<Contact>
              rowKey="id"
              columns={list.tableColumns}
              dataSource={items}
              loading={!view.ready || contacts.isPending || (contacts.isPlaceholderData && contacts.isFetching)}
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

import { Button, Card, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, EnvironmentOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_LEVELS, CUSTOMER_SORTS, CUSTOMER_STATUSES, type Customer } from '@kairos/domain/customers';
import { useSession } from '../../../lib/auth';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { filterValue, useCustomFields } from '../../../lib/custom-fields';
import { CustomFieldFilter, type CustomFilterState } from '../../../components/custom-field-filter';
import { ExportButton } from '../../../components/export-button';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { useCustomerList, type CustomerFilters } from '../api';
import { CustomerLevel, CustomerStatus } from './customer-bits';
import { Dash, TagList } from '../../../components/record-bits';

const SEARCH_DEBOUNCE_MS = 300;
type SelectFilters = Pick<CustomerFilters, 'ownerId' | 'status' | 'level'>;

/** The customers the user may see: search by name, filter, sort; a table on desktop, cards on phones. */
export function CustomerList({ emptyAction }: { emptyAction: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [selects, setSelects] = useState<SelectFilters>({});
  const [sort, setSort] = useState<NonNullable<CustomerFilters['sort']>>('-updatedAt');
  const [customFilter, setCustomFilter] = useState<CustomFilterState>({});
  const customFields = useCustomFields('customer');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const tagFilter = useDebouncedValue(tag.trim(), SEARCH_DEBOUNCE_MS);
  // A custom field filters only once it has a usable value (typed text waits for the pause, like the search).
  const customField = customFields.data?.find((f) => f.key === customFilter.key);
  const customValue = useDebouncedValue(customField ? filterValue(customField, customFilter.raw, me.workspace.currency) : undefined, SEARCH_DEBOUNCE_MS);
  const custom = customField && customValue ? { customKey: customField.key, customValue } : {};
  const filters: CustomerFilters = { ...selects, q: q || undefined, tag: tagFilter || undefined, ...custom, sort };
  const customers = useCustomerList(filters);
  const directory = useDirectory();
  const names = useMemberNames();
  const tz = me.workspace.timezone;
  // A rep who sees only their own customers has nobody else to filter by.
  const showOwnerFilter = me.dataScope !== 'own';

  const items = useMemo(() => customers.data?.pages.flatMap((p) => p.items) ?? [], [customers.data]);
  const filtered = !!(q || tagFilter || selects.ownerId || selects.status || selects.level || custom.customKey);
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);

  const clearFilters = () => {
    setSearch('');
    setTag('');
    setSelects({});
    setCustomFilter({});
  };

  const ownerName = (c: Customer) => (c.ownerId ? (names.get(c.ownerId) ?? '—') : '—');

  const nameCell = (c: Customer) => (
    <div style={{ minWidth: 0 }}>
      <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()}>
        <Typography.Text strong style={{ color: 'inherit' }}>
          {c.name}
        </Typography.Text>
      </Link>
      {c.tags.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <TagList tags={c.tags} max={4} />
        </div>
      )}
    </div>
  );

  const columns: TableColumnsType<Customer> = [
    { title: t('customers.colName'), key: 'name', render: (_, c) => nameCell(c), width: 300 },
    { title: t('customers.colType'), key: 'type', render: (_, c) => t(`customers.type.${c.type}`) },
    { title: t('customers.colStatus'), key: 'status', render: (_, c) => <CustomerStatus status={c.status} /> },
    { title: t('customers.colLevel'), key: 'level', render: (_, c) => <CustomerLevel level={c.level} /> },
    { title: t('customers.colOwner'), key: 'owner', render: (_, c) => ownerName(c) },
    { title: t('customers.colCity'), key: 'city', render: (_, c) => c.city ?? <Dash /> },
    {
      title: t('customers.colUpdated'),
      key: 'updatedAt',
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.updatedAt, locale, tz)}</span>,
    },
  ];

  const empty = filtered ? (
    <GuideEmpty
      icon={<SearchOutlined />}
      title={t('customers.noMatch')}
      description={t('customers.noMatchDesc')}
      action={<Button onClick={clearFilters}>{t('customers.clearFilters')}</Button>}
    />
  ) : (
    <GuideEmpty icon={<BankOutlined />} title={t('customers.emptyTitle')} description={t('customers.emptyDesc')} action={emptyAction} />
  );

  const half = isPhone ? 'calc(50% - 4px)' : undefined;
  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('customers.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={isPhone ? { width: '100%' } : { flex: '1 1 200px', minWidth: 180, maxWidth: 300 }}
        aria-label={t('customers.searchPlaceholder')}
        data-testid="customer-search"
      />
      {showOwnerFilter && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('customers.filterOwner')}
          value={selects.ownerId}
          onChange={(ownerId?: string) => setSelects((f) => ({ ...f, ownerId }))}
          options={ownerOptions}
          style={{ width: half ?? 140 }}
          popupMatchSelectWidth={false}
          aria-label={t('customers.colOwner')}
        />
      )}
      <Select
        allowClear
        placeholder={t('customers.filterStatus')}
        value={selects.status}
        onChange={(status?: Customer['status']) => setSelects((f) => ({ ...f, status }))}
        options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`customers.status.${s}`) }))}
        style={{ width: half ?? 124 }}
        aria-label={t('customers.colStatus')}
      />
      <Select
        allowClear
        placeholder={t('customers.filterLevel')}
        value={selects.level ?? undefined}
        onChange={(level?: NonNullable<Customer['level']>) => setSelects((f) => ({ ...f, level }))}
        options={CUSTOMER_LEVELS.map((l) => ({ value: l, label: t(`customers.level.${l}`) }))}
        style={{ width: half ?? 124 }}
        popupMatchSelectWidth={false}
        aria-label={t('customers.colLevel')}
      />
      <Input
        allowClear
        placeholder={t('customers.filterTag')}
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        style={{ width: half ?? 110 }}
        aria-label={t('customers.filterTag')}
      />
      <CustomFieldFilter fields={customFields.data ?? []} currency={me.workspace.currency} value={customFilter} onChange={setCustomFilter} width={isPhone ? '100%' : 300} />
      <Select
        value={sort}
        onChange={setSort}
        options={CUSTOMER_SORTS.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
        style={{ width: isPhone ? '100%' : 170 }}
        popupMatchSelectWidth={false}
        aria-label={t('customers.sortLabel')}
        data-testid="customer-sort"
      />
      <ExportButton path="/api/customers/export" filters={filters} block={isPhone} />
    </Flex>
  );

  const loadMore = customers.hasNextPage && (
    <Flex justify="center" style={{ padding: 16 }}>
      <Button onClick={() => void customers.fetchNextPage()} loading={customers.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );

  if (customers.isError) return <QueryError error={customers.error} onRetry={() => void customers.refetch()} />;

  if (isPhone) {
    return (
      <>
        {filterBar}
        <Flex vertical gap={12} data-testid="customer-cards">
          {customers.isPending && <Card loading />}
          {!customers.isPending && items.length === 0 && empty}
          {items.map((c) => (
            <Link key={c.id} to={`/customers/${c.id}`} className="kairos-card-link">
              <Card size="small" hoverable>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Typography.Text strong style={{ minWidth: 0 }}>
                    {c.name}
                  </Typography.Text>
                  {c.level && <CustomerLevel level={c.level} />}
                </Flex>
                <div className="kairos-card-meta">
                  <Flex gap={12} wrap align="center">
                    <CustomerStatus status={c.status} />
                    <span>
                      <UserOutlined style={{ marginInlineEnd: 4 }} />
                      {ownerName(c)}
                    </span>
                    {c.city && (
                      <span>
                        <EnvironmentOutlined style={{ marginInlineEnd: 4 }} />
                        {c.city}
                      </span>
                    )}
                  </Flex>
                  <TagList tags={c.tags} max={4} />
                  <span>
                    {t('customers.colUpdated')} {formatDateTime(c.updatedAt, locale, tz)}
                  </span>
                </div>
              </Card>
            </Link>
          ))}
          {loadMore}
        </Flex>
      </>
    );
  }

  return (
    <>
      {filterBar}
      <Table<Customer>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={customers.isPending || (customers.isPlaceholderData && customers.isFetching)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: customers.isPending ? ' ' : empty }}
        onRow={(c) => ({ onClick: () => void navigate(`/customers/${c.id}`), style: { cursor: 'pointer' } })}
        data-testid="customers-table"
      />
      {loadMore}
    </>
  );
}

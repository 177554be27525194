import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
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
import { CustomFieldFilter, customFilterOf, type CustomFilterState } from '../../../components/custom-field-filter';
import { ExportButton } from '../../../components/export-button';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { useCustomerList, type CustomerFilters } from '../api';
import { CustomerLevel, CustomerStatus } from './customer-bits';
import { DateTimeText, DayText, Dash, TagList } from '../../../components/record-bits';
import { oneOf, type BuiltInColumn } from '../../views/model';
import { useListView, useViewSelection, type ColumnSpec } from '../../views/use-list-view';
import { ViewBar } from '../../views/components/view-bar';
import { CardCustomValues } from '../../views/components/card-custom-values';
import { useFieldAccess } from '../../field-access/api';
import { customRuleField } from '../../field-access/model';

const SEARCH_DEBOUNCE_MS = 300;
type SelectFilters = Pick<CustomerFilters, 'ownerId' | 'status' | 'level'>;
/** The list's query parameters that have a control here (a saved view fills them). */
const FILTER_KEYS = ['q', 'ownerId', 'status', 'level', 'tag', 'customKey', 'customValue', 'sort'] as const;
const DEFAULT_SORT = '-updatedAt';

/**
 * The customers the user may see: saved views, search by name, filter, sort, choice of columns; a table
 * on desktop, cards on phones.
 */
export function CustomerList({ emptyAction }: { emptyAction: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [selects, setSelects] = useState<SelectFilters>({});
  const [sort, setSort] = useState<NonNullable<CustomerFilters['sort']>>(DEFAULT_SORT);
  const [customFilter, setCustomFilter] = useState<CustomFilterState>({});
  const customFields = useCustomFields('customer');
  // 字段权限: no filter on a field hidden from the member's role (the server would refuse the list).
  const access = useFieldAccess();
  const levelHidden = access.isHidden('customer', 'level');
  const filterFields = useMemo(() => (customFields.data ?? []).filter((f) => !access.isHidden('customer', customRuleField(f.key))), [customFields.data, access]);
  const view = useViewSelection({
    entity: 'customer',
    filterKeys: FILTER_KEYS,
    canApply: !customFields.isPending && access.ready,
    applyFilters: (f) => {
      setSearch(f.q ?? '');
      setTag(f.tag ?? '');
      // A shared view may filter on what is hidden from this member: that part of it does not apply to them.
      setSelects({ ownerId: f.ownerId, status: oneOf(CUSTOMER_STATUSES, f.status), level: levelHidden ? undefined : oneOf(CUSTOMER_LEVELS, f.level) });
      setSort(oneOf(CUSTOMER_SORTS, f.sort) ?? DEFAULT_SORT);
      setCustomFilter(customFilterOf(filterFields, f, me.workspace.currency));
    },
  });
  // Typing waits for a pause; a view's filters apply at once.
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  const tagFilter = useDebouncedValue(tag.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  // A custom field filters only once it has a usable value (typed text waits for the pause, like the search).
  const customField = filterFields.find((f) => f.key === customFilter.key);
  const customValue = useDebouncedValue(customField ? filterValue(customField, customFilter.raw, me.workspace.currency) : undefined, SEARCH_DEBOUNCE_MS, view.applied);
  const custom = customField && customValue ? { customKey: customField.key, customValue } : {};
  const filters: CustomerFilters = { ...view.extra, ...selects, ...(levelHidden ? { level: undefined } : {}), q: q || undefined, tag: tagFilter || undefined, ...custom, sort };
  const customers = useCustomerList(filters, view.ready && access.ready);
  const directory = useDirectory();
  const names = useMemberNames();
  const tz = me.workspace.timezone;
  // A rep who sees only their own customers has nobody else to filter by.
  const showOwnerFilter = me.dataScope !== 'own';

  const items = useMemo(() => customers.data?.pages.flatMap((p) => p.items) ?? [], [customers.data]);
  const filtered = !!(q || tagFilter || selects.ownerId || selects.status || selects.level || custom.customKey) || Object.keys(view.extra).length > 0;
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);

  const clearFilters = () => {
    setSearch('');
    setTag('');
    setSelects({});
    setCustomFilter({});
    view.clearExtra();
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

  // A field hidden from the caller's role is absent: a dash, like an empty one.
  const plain = (value: string | null | undefined) => value || <Dash />;
  const columns: Record<BuiltInColumn<'customer'>, ColumnSpec<Customer>> = {
    name: { title: t('customers.colName'), render: nameCell, width: 300 },
    type: { title: t('customers.colType'), render: (c) => t(`customers.type.${c.type}`) },
    status: { title: t('customers.colStatus'), render: (c) => <CustomerStatus status={c.status} /> },
    level: { title: t('customers.colLevel'), render: (c) => <CustomerLevel level={c.level} /> },
    ownerId: { title: t('customers.colOwner'), render: ownerName },
    city: { title: t('customers.colCity'), render: (c) => plain(c.city) },
    updatedAt: { title: t('customers.colUpdated'), render: (c) => <DateTimeText iso={c.updatedAt} /> },
    industry: { title: t('customers.field.industry'), render: (c) => plain(c.industry) },
    province: { title: t('customers.field.province'), render: (c) => plain(c.province) },
    source: { title: t('customers.field.source'), render: (c) => (c.source ? t(`customers.source.${c.source}`) : <Dash />) },
    phone: { title: t('customers.field.phone'), render: (c) => (c.phone ? <span style={{ whiteSpace: 'nowrap' }}>{c.phone}</span> : <Dash />) },
    lastFollowUpAt: { title: t('views.col.lastFollowUpAt'), render: (c) => <DateTimeText iso={c.lastFollowUpAt} /> },
    nextFollowUpOn: { title: t('views.col.nextFollowUpOn'), render: (c) => <DayText date={c.nextFollowUpOn} /> },
    createdAt: { title: t('views.col.createdAt'), render: (c) => <DateTimeText iso={c.createdAt} /> },
    completeness: { title: t('views.col.completeness'), align: 'right', render: (c) => `${c.completeness.percent}%` },
  };
  const list = useListView(view, { filters, defaults: { sort: DEFAULT_SORT }, columns });

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
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="customer-filters">
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
      {!levelHidden && (
        <Select
          allowClear
          placeholder={t('customers.filterLevel')}
          value={selects.level ?? undefined}
          onChange={(level?: NonNullable<Customer['level']>) => setSelects((f) => ({ ...f, level }))}
          options={CUSTOMER_LEVELS.map((l) => ({ value: l, label: t(`customers.level.${l}`) }))}
          style={{ width: half ?? 124 }}
          popupMatchSelectWidth={false}
          aria-label={t('customers.colLevel')}
          data-testid="filter-level"
        />
      )}
      <Input
        allowClear
        placeholder={t('customers.filterTag')}
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        style={{ width: half ?? 110 }}
        aria-label={t('customers.filterTag')}
      />
      <CustomFieldFilter fields={filterFields} currency={me.workspace.currency} value={customFilter} onChange={setCustomFilter} width={isPhone ? '100%' : 300} />
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
        <ViewBar list={list} />
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
                  <CardCustomValues fields={list.customColumns} custom={c.custom} />
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
      <ViewBar list={list} />
      {filterBar}
      <Table<Customer>
        rowKey="id"
        columns={list.tableColumns}
        dataSource={items}
        loading={!view.ready || customers.isPending || (customers.isPlaceholderData && customers.isFetching)}
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

import { Badge, Button, Card, Checkbox, DatePicker, Flex, Input, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, ContactsOutlined, FilterOutlined, SearchOutlined, UserSwitchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CONTACT_SORTS, DECISION_ROLES, type Contact } from '@kairos/domain/contacts';
import { usePermission, useSession } from '../../../lib/auth';
import { filterValue, useCustomFields } from '../../../lib/custom-fields';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { CustomFieldFilter, customFilterOf, type CustomFilterState } from '../../../components/custom-field-filter';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { DateTimeText, DayText, Dash, TagList } from '../../../components/record-bits';
import { oneOf, type BuiltInColumn } from '../../views/model';
import { useListView, useViewSelection, type ColumnSpec } from '../../views/use-list-view';
import { ViewBar } from '../../views/components/view-bar';
import { CardCustomValues } from '../../views/components/card-custom-values';
import { useFieldAccess } from '../../field-access/api';
import { customRuleField } from '../../field-access/model';
import { useBulkPermissions } from '../../opportunities/components/bulk-actions';
import { useContactList, useCustomerNames, type ContactFilters } from '../api';
import { updatedRangeOf, updatedRangeQuery } from '../model';
import { BulkActions } from './bulk-actions';
import { ContactCompleteness, ContactWays, DecisionRole } from './contact-bits';
import { RecycleBin } from './recycle-bin';
import { TransferModal } from './transfer-modal';

const SEARCH_DEBOUNCE_MS = 300;
const DATE = 'YYYY-MM-DD';
/** The list's query parameters that have a control here (a saved view fills them). */
const FILTER_KEYS = ['q', 'ownerId', 'decisionRole', 'tag', 'updatedFrom', 'updatedTo', 'customKey', 'customValue', 'sort'] as const;
const DEFAULT_SORT = '-updatedAt';

/** 联系人: the list and, for those who may delete, the recycle bin (`?tab=recycle`), as on the other lists. */
export function ContactsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canDelete = usePermission('records.delete');
  const tab = canDelete && params.get('tab') === 'recycle' ? 'recycle' : 'list';

  return (
    <>
      <PageHeader title={t('contacts.title')} subtitle={t('contacts.subtitle')} />
      <Card variant="borderless" styles={{ body: { paddingTop: canDelete ? 4 : undefined } }}>
        {canDelete ? (
          <Tabs
            activeKey={tab}
            onChange={(key) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (key === 'recycle') next.set('tab', 'recycle');
                  else next.delete('tab');
                  return next;
                },
                { replace: true },
              )
            }
            items={[
              { key: 'list', label: t('contactsExtra.tabList'), children: <ContactList /> },
              { key: 'recycle', label: t('contactsExtra.tabRecycle'), children: <RecycleBin /> },
            ]}
            data-testid="contact-tabs"
          />
        ) : (
          <ContactList />
        )}
      </Card>
    </>
  );
}

/**
 * Every contact of the customers the user may see, with saved views, search by name, filters (owner,
 * decision role, tag, a custom field, update time), column choice, bulk actions and 转交 per contact.
 */
function ContactList() {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const tz = me.workspace.timezone;
  const [search, setSearch] = useState('');
  const [ownerId, setOwnerId] = useState<string | undefined>(undefined);
  const [decisionRole, setDecisionRole] = useState<NonNullable<Contact['decisionRole']> | undefined>(undefined);
  const [tag, setTag] = useState('');
  const [updatedRange, setUpdatedRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [customFilter, setCustomFilter] = useState<CustomFilterState>({});
  const [sort, setSort] = useState<(typeof CONTACT_SORTS)[number]>(DEFAULT_SORT);
  const [moreOpen, setMoreOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [transferring, setTransferring] = useState<Contact | null>(null);
  const bulk = useBulkPermissions();
  const canTransfer = usePermission('records.transfer');
  const customFields = useCustomFields('contact');
  // 字段权限: no filter on a field hidden from the member's role (the server would refuse the list).
  const access = useFieldAccess();
  const roleHidden = access.isHidden('contact', 'decisionRole');
  const filterFields = useMemo(() => (customFields.data ?? []).filter((f) => !access.isHidden('contact', customRuleField(f.key))), [customFields.data, access]);
  const view = useViewSelection({
    entity: 'contact',
    filterKeys: FILTER_KEYS,
    canApply: !customFields.isPending && access.ready,
    applyFilters: (f) => {
      setSearch(f.q ?? '');
      setOwnerId(f.ownerId);
      // A shared view may filter on what is hidden from this member: that part of it does not apply to them.
      setDecisionRole(roleHidden ? undefined : oneOf(DECISION_ROLES, f.decisionRole));
      setTag(f.tag ?? '');
      const [from, to] = updatedRangeOf(f, tz);
      setUpdatedRange(from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null);
      setCustomFilter(customFilterOf(filterFields, f, me.workspace.currency));
      setSort(oneOf(CONTACT_SORTS, f.sort) ?? DEFAULT_SORT);
    },
  });
  // Typing waits for a pause; a view's filters apply at once.
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  const tagFilter = useDebouncedValue(tag.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  // A custom field filters only once it has a usable value (typed text waits for the pause, like the search).
  const customField = filterFields.find((f) => f.key === customFilter.key);
  const customValue = useDebouncedValue(customField ? filterValue(customField, customFilter.raw, me.workspace.currency) : undefined, SEARCH_DEBOUNCE_MS, view.applied);
  const custom = customField && customValue ? { customKey: customField.key, customValue } : {};
  const filters: ContactFilters = {
    ...view.extra,
    ownerId,
    q: q || undefined,
    decisionRole: roleHidden ? undefined : decisionRole,
    tag: tagFilter || undefined,
    // Days in the workspace's timezone, both included.
    ...updatedRangeQuery(updatedRange?.[0]?.format(DATE), updatedRange?.[1]?.format(DATE), tz),
    ...custom,
    sort,
  };
  const contacts = useContactList(filters, view.ready && access.ready);
  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const customerNames = useCustomerNames(items.map((c) => c.customerId));
  const directory = useDirectory();
  const names = useMemberNames();
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);
  // A rep who sees only their own customers' contacts has nobody else to filter by.
  const showOwnerFilter = me.dataScope !== 'own';
  // Behind "more filters" on phones; the button counts the ones in use.
  const extraFilters = [decisionRole, tagFilter, updatedRange, custom.customKey].filter(Boolean).length;
  const filtered = !!(q || ownerId) || extraFilters > 0 || Object.keys(view.extra).length > 0;

  const clearFilters = () => {
    setSearch('');
    setOwnerId(undefined);
    setDecisionRole(undefined);
    setTag('');
    setUpdatedRange(null);
    setCustomFilter({});
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
        <>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{c.name}</Typography.Text>
            <DecisionRole role={c.decisionRole} />
          </Flex>
          {c.tags.length > 0 && (
            <div style={{ marginTop: 4 }} data-testid="contact-tags">
              <TagList tags={c.tags} max={3} />
            </div>
          )}
        </>
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
  const list = useListView(view, { filters, defaults: { sort: DEFAULT_SORT }, columns });

  const transferButton = (c: Contact, compact = false) => (
    <Button
      size="small"
      type={compact ? 'text' : 'default'}
      icon={<UserSwitchOutlined />}
      onClick={() => setTransferring(c)}
      aria-label={t('contactsExtra.transfer.action')}
      title={t('contactsExtra.transfer.action')}
      data-testid="contact-transfer"
    >
      {compact ? null : t('contactsExtra.transfer.action')}
    </Button>
  );
  const tableColumns: TableColumnsType<Contact> = canTransfer
    ? [...list.tableColumns, { title: t('common.actions'), key: 'actions', align: 'right', fixed: isPhone ? undefined : 'right', render: (_, c) => transferButton(c) }]
    : list.tableColumns;
  const toggle = (id: string, on: boolean) => setSelected((prev) => (on ? [...prev, id] : prev.filter((s) => s !== id)));
  const bulkBar = bulk.any && selected.length > 0 && <BulkActions ids={selected} onDone={() => setSelected([])} />;

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

  const half = isPhone ? 'calc(50% - 4px)' : undefined;
  const secondary = (
    <>
      {!roleHidden && (
        <Select
          allowClear
          placeholder={t('contactFilters.decisionRole')}
          value={decisionRole}
          onChange={(role?: NonNullable<Contact['decisionRole']>) => setDecisionRole(role)}
          options={DECISION_ROLES.map((r) => ({ value: r, label: t(`contacts.role.${r}`) }))}
          style={{ width: half ?? 130 }}
          popupMatchSelectWidth={false}
          aria-label={t('contactFilters.decisionRole')}
          data-testid="filter-decision-role"
        />
      )}
      <Input
        allowClear
        placeholder={t('contactFilters.tag')}
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        style={{ width: half ?? 110 }}
        aria-label={t('contactFilters.tag')}
        data-testid="filter-tag"
      />
      <DatePicker.RangePicker
        value={updatedRange}
        onChange={(range) => setUpdatedRange(range)}
        placeholder={[t('contactFilters.updatedFrom'), t('contactFilters.updatedTo')]}
        allowEmpty={[true, true]}
        style={{ width: isPhone ? '100%' : 260 }}
        inputReadOnly={isPhone}
        aria-label={t('contactFilters.updated')}
        data-testid="filter-updated"
      />
      <CustomFieldFilter fields={filterFields} currency={me.workspace.currency} value={customFilter} onChange={setCustomFilter} width={isPhone ? '100%' : 300} />
      <Select
        value={sort}
        onChange={setSort}
        options={CONTACT_SORTS.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
        style={{ width: half ?? 150 }}
        popupMatchSelectWidth={false}
        aria-label={t('customers.sortLabel')}
        data-testid="contact-sort"
      />
    </>
  );

  const ownerFilter = showOwnerFilter && (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('customers.filterOwner')}
      value={ownerId}
      onChange={(id?: string) => setOwnerId(id)}
      options={ownerOptions}
      style={isPhone ? { flex: '1 1 auto', minWidth: 0 } : { width: 140 }}
      popupMatchSelectWidth={false}
      aria-label={t('views.col.owner')}
    />
  );

  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="contact-filters">
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('contacts.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={isPhone ? { width: '100%' } : { flex: '1 1 200px', minWidth: 180, maxWidth: 280 }}
        aria-label={t('contacts.searchPlaceholder')}
        data-testid="contact-search"
      />
      {isPhone ? (
        <>
          <Flex gap={8} style={{ width: '100%' }} justify="flex-end">
            {ownerFilter}
            <Badge count={extraFilters} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setMoreOpen((o) => !o)} aria-expanded={moreOpen} data-testid="contact-more-filters">
                {t('contactFilters.more')}
              </Button>
            </Badge>
          </Flex>
          {(moreOpen || extraFilters > 0) && secondary}
        </>
      ) : (
        <>
          {ownerFilter}
          {secondary}
        </>
      )}
    </Flex>
  );

  return (
    <>
      <ViewBar list={list} />
      {filterBar}
      {bulkBar}
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
                    {bulk.any && (
                      <Checkbox
                        checked={selected.includes(c.id)}
                        onChange={(e) => toggle(c.id, e.target.checked)}
                        aria-label={`${t('contactsExtra.select')} ${c.name}`}
                        data-testid="contact-select"
                      />
                    )}
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
                    <DecisionRole role={c.decisionRole} />
                  </Flex>
                  <Flex gap={4} align="center" style={{ flex: 'none' }}>
                    <ContactCompleteness contact={c} />
                    {canTransfer && transferButton(c, true)}
                  </Flex>
                </Flex>
                <div className="kairos-card-meta">
                  {customerLink(c)}
                  <ContactWays contact={c} />
                  <TagList tags={c.tags} max={4} />
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
              columns={tableColumns}
              dataSource={items}
              loading={!view.ready || contacts.isPending || (contacts.isPlaceholderData && contacts.isFetching)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: contacts.isPending ? ' ' : empty }}
              rowSelection={bulk.any ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 40 } : undefined}
              onRow={() => ({ 'data-testid': 'contact-row' }) as HTMLAttributes<HTMLElement>}
              data-testid="contacts-table"
            />
            {loadMore}
          </>
        )}
      <TransferModal contact={transferring} onClose={() => setTransferring(null)} />
    </>
  );
}

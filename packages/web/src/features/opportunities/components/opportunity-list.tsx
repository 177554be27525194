import { Badge, Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, Typography, type SelectProps } from 'antd';
import { BankOutlined, CalendarOutlined, FilterOutlined, RiseOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OPPORTUNITY_SORTS, type Opportunity } from '@kairos/domain/opportunities';
import { STAGE_OUTCOMES } from '@kairos/domain/pipelines';
import { stageName } from '@kairos/domain/pipelines';
import { useSession } from '../../../lib/auth';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { todayIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { filterValue, useCustomFields } from '../../../lib/custom-fields';
import { CustomFieldFilter, customFilterOf, type CustomFilterState } from '../../../components/custom-field-filter';
import { ExportButton } from '../../../components/export-button';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { DateTimeText, DayText, Dash, TagList } from '../../../components/record-bits';
import { oneOf, type BuiltInColumn } from '../../views/model';
import { useListView, useViewSelection, type ColumnSpec } from '../../views/use-list-view';
import { ViewBar } from '../../views/components/view-bar';
import { CardCustomValues } from '../../views/components/card-custom-values';
import { useFieldAccess } from '../../field-access/api';
import { allowedSorts, customRuleField } from '../../field-access/model';
import { useOpportunityList, usePipelines, useStages, type OpportunityFilters } from '../api';
import { amountInput, dealAccessOf, isCloseOverdue, parseAmount, stagesOf } from '../model';
import { inlineEditable } from '../inline-edit';
import { BulkActions, useBulkPermissions } from './bulk-actions';
import { InlineAmount, InlineClose, InlineStage, useInlineSave } from './inline-edit';
import { CalendarDate, DealStatus, Money, StageTag } from './opportunity-bits';

const SEARCH_DEBOUNCE_MS = 300;
const DATE = 'YYYY-MM-DD';
type SelectFilters = Pick<OpportunityFilters, 'ownerId' | 'status' | 'stageId'>;
/** The list's query parameters that have a control here (a saved view fills them). */
const FILTER_KEYS = ['q', 'ownerId', 'stageId', 'status', 'tag', 'amountMin', 'amountMax', 'closeFrom', 'closeTo', 'customKey', 'customValue', 'sort'] as const;
const DEFAULT_SORT = '-updatedAt';

/** A saved amount filter (fen) as the yuan the box shows; '' for none or nonsense. */
const yuanOf = (minor: string | undefined) => (minor && /^\d{1,15}$/.test(minor) ? amountInput(Number(minor), 'CNY') : '');
const dayOf = (date: string | undefined) => (date && dayjs(date).isValid() ? dayjs(date) : null);

/** Expected close, red and tagged once it has passed on a deal still open. */
function ExpectedClose({ deal, today }: { deal: Opportunity; today: string }) {
  const { t } = useTranslation();
  if (!deal.expectedCloseOn) return <Dash />;
  const overdue = isCloseOverdue(deal, today);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type={overdue ? 'danger' : undefined} style={{ color: overdue ? undefined : 'inherit' }}>
        <CalendarDate date={deal.expectedCloseOn} />
      </Typography.Text>
      {overdue && (
        <Tag color="red" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
          {t('opportunities.overdue')}
        </Tag>
      )}
    </span>
  );
}

/** The opportunities the user may see: saved views, filters, sort, columns, bulk actions; a table on desktop, cards on phones. */
export function OpportunityList({ emptyAction }: { emptyAction: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [selects, setSelects] = useState<SelectFilters>({});
  const [amountMin, setAmountMin] = useState('');
  const [amountMax, setAmountMax] = useState('');
  const [closeRange, setCloseRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [sort, setSort] = useState<NonNullable<OpportunityFilters['sort']>>(DEFAULT_SORT);
  const [moreOpen, setMoreOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [customFilter, setCustomFilter] = useState<CustomFilterState>({});
  const customFields = useCustomFields('opportunity');
  // 字段权限: no filter, sort or custom filter on a field hidden from the member's role (the server would refuse the list).
  const access = useFieldAccess();
  const amountHidden = access.isHidden('opportunity', 'amount');
  const closeHidden = access.isHidden('opportunity', 'expectedCloseOn');
  const sorts = allowedSorts(OPPORTUNITY_SORTS, 'opportunity', access);
  const filterFields = useMemo(() => (customFields.data ?? []).filter((f) => !access.isHidden('opportunity', customRuleField(f.key))), [customFields.data, access]);
  const view = useViewSelection({
    entity: 'opportunity',
    filterKeys: FILTER_KEYS,
    canApply: !customFields.isPending && access.ready,
    applyFilters: (f) => {
      setSearch(f.q ?? '');
      setTag(f.tag ?? '');
      setSelects({ ownerId: f.ownerId, stageId: f.stageId, status: oneOf(STAGE_OUTCOMES, f.status) });
      // A shared view may filter on what is hidden from this member: that part of it does not apply to them.
      setAmountMin(amountHidden ? '' : yuanOf(f.amountMin));
      setAmountMax(amountHidden ? '' : yuanOf(f.amountMax));
      const from = closeHidden ? null : dayOf(f.closeFrom);
      const to = closeHidden ? null : dayOf(f.closeTo);
      setCloseRange(from || to ? [from, to] : null);
      setSort(oneOf(sorts, f.sort) ?? DEFAULT_SORT);
      setCustomFilter(customFilterOf(filterFields, f, me.workspace.currency));
    },
  });
  // Typing waits for a pause; a view's filters apply at once.
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  const tagFilter = useDebouncedValue(tag.trim(), SEARCH_DEBOUNCE_MS, view.applied);
  // Amounts are typed in yuan and filtered in fen; what does not parse is left out, not guessed.
  const min = useDebouncedValue(amountMin, SEARCH_DEBOUNCE_MS, view.applied);
  const max = useDebouncedValue(amountMax, SEARCH_DEBOUNCE_MS, view.applied);
  const minParsed = parseAmount(min, 'CNY');
  const maxParsed = parseAmount(max, 'CNY');
  // A custom field filters only once it has a usable value (typed text waits for the pause, like the search).
  const customField = filterFields.find((f) => f.key === customFilter.key);
  const customValue = useDebouncedValue(customField ? filterValue(customField, customFilter.raw, me.workspace.currency) : undefined, SEARCH_DEBOUNCE_MS, view.applied);
  const custom = customField && customValue ? { customKey: customField.key, customValue } : {};
  // The board's 列表 switch opens this list on its pipeline (?pipelineId=…); a closable tag shows and clears it.
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const pipelineParam = params.get('pipelineId');
  const pipelineFilter = pipelines.data?.items.find((p) => p.id === pipelineParam);
  const clearPipeline = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('pipelineId');
        return next;
      },
      { replace: true },
    );
  const filters: OpportunityFilters = {
    ...view.extra,
    ...(pipelineFilter ? { pipelineId: pipelineFilter.id } : {}),
    ...selects,
    q: q || undefined,
    tag: tagFilter || undefined,
    amountMin: !amountHidden && minParsed.ok && minParsed.minor !== null ? minParsed.minor : undefined,
    amountMax: !amountHidden && maxParsed.ok && maxParsed.minor !== null ? maxParsed.minor : undefined,
    closeFrom: closeHidden ? undefined : closeRange?.[0]?.format(DATE),
    closeTo: closeHidden ? undefined : closeRange?.[1]?.format(DATE),
    ...custom,
    sort: sorts.includes(sort) ? sort : DEFAULT_SORT,
  };
  const opportunities = useOpportunityList(filters, view.ready && access.ready);
  const stages = useStages();
  const directory = useDirectory();
  const names = useMemberNames();
  const bulk = useBulkPermissions();
  const inlineSave = useInlineSave();
  const tz = me.workspace.timezone;
  const today = todayIn(tz);
  // A rep who sees only their own deals (and their teams') has few others to filter by.
  const showOwnerFilter = me.dataScope !== 'own';

  const items = useMemo(() => opportunities.data?.pages.flatMap((p) => p.items) ?? [], [opportunities.data]);
  const extraFilters = [selects.ownerId, amountMin.trim(), amountMax.trim(), closeRange, tagFilter, custom.customKey].filter(Boolean).length;
  const filtered = !!(q || selects.stageId || selects.status) || extraFilters > 0 || Object.keys(view.extra).length > 0;
  const ownerOptions = useMemo(() => memberOptions(directory.data), [directory.data]);
  const stageOptions = useMemo((): SelectProps['options'] => {
    const list = pipelines.data?.items ?? [];
    const optionsOf = (stages: ReturnType<typeof stagesOf>) => stages.map((s) => ({ value: s.id, label: stageName(s, locale) }));
    if (list.length <= 1) return optionsOf(list[0] ? stagesOf(list[0]) : []);
    return list.map((p) => ({ label: locale === 'en' ? p.nameEn : p.nameZh, options: optionsOf(stagesOf(p)) }));
  }, [pipelines.data, locale]);

  const clearFilters = () => {
    setSearch('');
    setTag('');
    setSelects({});
    setAmountMin('');
    setAmountMax('');
    setCloseRange(null);
    setCustomFilter({});
    view.clearExtra();
  };

  const ownerName = (o: Opportunity) => (o.ownerId ? (names.get(o.ownerId) ?? '—') : '—');

  const nameCell = (o: Opportunity) => (
    <div style={{ minWidth: 0 }}>
      <Link to={`/opportunities/${o.id}`} onClick={(e) => e.stopPropagation()}>
        <Typography.Text strong style={{ color: 'inherit' }}>
          {o.name}
        </Typography.Text>
      </Link>
      {o.tags.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <TagList tags={o.tags} max={3} />
        </div>
      )}
    </div>
  );

  const customerLink = (o: Opportunity) => (
    <Link to={`/customers/${o.customerId}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
      <BankOutlined style={{ marginInlineEnd: 4 }} />
      {o.customerName}
    </Link>
  );

  // 行内编辑 (desktop only): the amount, expected close and stage of a deal the member may edit, each field only if their role may write it.
  const editableOf = (o: Opportunity) => inlineEditable(o, !isPhone && access.ready && dealAccessOf(o, me).edit, access);
  const pipelineOf = (o: Opportunity) => pipelines.data?.items.find((p) => p.id === o.pipelineId);

  const stageCell = (o: Opportunity) => {
    const tag = <StageTag stage={stages.get(o.stageId)} />;
    return editableOf(o).stageId && pipelines.data ? <InlineStage deal={o} pipeline={pipelineOf(o)} display={tag} save={inlineSave} /> : tag;
  };
  const amountCell = (o: Opportunity) => {
    if (o.amount === undefined) return <Dash />;
    const money = <Money minor={o.amount} currency={o.currency} />;
    return editableOf(o).amount ? <InlineAmount deal={o} display={money} save={inlineSave} /> : money;
  };
  const closeCell = (o: Opportunity) => {
    const close = <ExpectedClose deal={o} today={today} />;
    return editableOf(o).expectedCloseOn ? <InlineClose deal={o} display={close} save={inlineSave} /> : close;
  };

  const columns: Record<BuiltInColumn<'opportunity'>, ColumnSpec<Opportunity>> = {
    name: { title: t('opportunities.col.name'), render: nameCell },
    customerName: { title: t('opportunities.col.customer'), render: customerLink },
    stageId: { title: t('opportunities.col.stage'), render: stageCell },
    amount: { title: t('opportunities.col.amount'), align: 'right', render: amountCell },
    probability: { title: t('opportunities.col.probability'), align: 'right', render: (o) => (o.probability === undefined ? <Dash /> : `${o.probability}%`) },
    expectedCloseOn: { title: t('opportunities.col.expectedClose'), render: closeCell },
    ownerId: { title: t('opportunities.col.owner'), render: (o) => <span style={{ whiteSpace: 'nowrap' }}>{ownerName(o)}</span> },
    status: { title: t('opportunities.field.status'), render: (o) => <DealStatus status={o.status} /> },
    source: { title: t('opportunities.field.source'), render: (o) => (o.source ? t(`opportunities.source.${o.source}`) : <Dash />) },
    lastFollowUpAt: { title: t('views.col.lastFollowUpAt'), render: (o) => <DateTimeText iso={o.lastFollowUpAt} /> },
    nextFollowUpOn: { title: t('views.col.nextFollowUpOn'), render: (o) => <DayText date={o.nextFollowUpOn} /> },
    createdAt: { title: t('views.col.createdAt'), render: (o) => <DateTimeText iso={o.createdAt} /> },
    updatedAt: { title: t('opportunities.col.updated'), render: (o) => <DateTimeText iso={o.updatedAt} /> },
    closedAt: { title: t('opportunities.field.closedAt'), render: (o) => <DateTimeText iso={o.closedAt} /> },
    completeness: { title: t('views.col.completeness'), align: 'right', render: (o) => `${o.completeness.percent}%` },
  };
  const list = useListView(view, { filters, defaults: { sort: DEFAULT_SORT }, columns });

  const empty = filtered ? (
    <GuideEmpty
      icon={<SearchOutlined />}
      title={t('opportunities.noMatch')}
      description={t('customers.noMatchDesc')}
      action={<Button onClick={clearFilters}>{t('customers.clearFilters')}</Button>}
    />
  ) : (
    <GuideEmpty icon={<RiseOutlined />} title={t('opportunities.emptyTitle')} description={t('opportunities.emptyDesc')} action={emptyAction} />
  );

  const half = isPhone ? 'calc(50% - 4px)' : undefined;
  const secondary = (
    <>
      {showOwnerFilter && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('opportunities.filterOwner')}
          value={selects.ownerId}
          onChange={(ownerId?: string) => setSelects((f) => ({ ...f, ownerId }))}
          options={ownerOptions}
          style={{ width: half ?? 140 }}
          popupMatchSelectWidth={false}
          aria-label={t('opportunities.col.owner')}
        />
      )}
      {!amountHidden && (
        <Space.Compact style={{ width: isPhone ? '100%' : 280 }} data-testid="filter-amount">
          <Input
            allowClear
            inputMode="decimal"
            prefix={<span style={{ color: '#bfbfbf' }}>¥</span>}
            placeholder={t('opportunities.amountMin')}
            value={amountMin}
            onChange={(e) => setAmountMin(e.target.value)}
            status={minParsed.ok ? undefined : 'error'}
            aria-label={t('opportunities.amountMin')}
            data-testid="filter-amount-min"
          />
          <Input
            allowClear
            inputMode="decimal"
            prefix={<span style={{ color: '#bfbfbf' }}>¥</span>}
            placeholder={t('opportunities.amountMax')}
            value={amountMax}
            onChange={(e) => setAmountMax(e.target.value)}
            status={maxParsed.ok ? undefined : 'error'}
            aria-label={t('opportunities.amountMax')}
            data-testid="filter-amount-max"
          />
        </Space.Compact>
      )}
      {!closeHidden && (
        <DatePicker.RangePicker
          value={closeRange}
          onChange={(range) => setCloseRange(range)}
          placeholder={[t('opportunities.closeFrom'), t('opportunities.closeTo')]}
          allowEmpty={[true, true]}
          style={{ width: isPhone ? '100%' : 260 }}
          inputReadOnly={isPhone}
          aria-label={t('opportunities.col.expectedClose')}
          data-testid="filter-close"
        />
      )}
      <Input
        allowClear
        placeholder={t('opportunities.filterTag')}
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        style={{ width: half ?? 110 }}
        aria-label={t('opportunities.filterTag')}
      />
      <CustomFieldFilter fields={filterFields} currency={me.workspace.currency} value={customFilter} onChange={setCustomFilter} width={isPhone ? '100%' : 300} />
    </>
  );

  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="opportunity-filters">
      {pipelineFilter && (
        <Tag closable onClose={clearPipeline} style={{ alignSelf: 'center', marginInlineEnd: 0 }} data-testid="filter-pipeline">
          {stageName(pipelineFilter, locale)}
        </Tag>
      )}
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('opportunities.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={isPhone ? { width: '100%' } : { flex: '1 1 200px', minWidth: 180, maxWidth: 260 }}
        aria-label={t('opportunities.searchPlaceholder')}
        data-testid="opportunity-search"
      />
      <Select
        allowClear
        placeholder={t('opportunities.filterStage')}
        value={selects.stageId}
        onChange={(stageId?: string) => setSelects((f) => ({ ...f, stageId }))}
        options={stageOptions}
        style={{ width: half ?? 130 }}
        popupMatchSelectWidth={false}
        aria-label={t('opportunities.col.stage')}
        data-testid="filter-stage"
      />
      <Select
        allowClear
        placeholder={t('opportunities.filterStatus')}
        value={selects.status}
        onChange={(status?: Opportunity['status']) => setSelects((f) => ({ ...f, status }))}
        options={(['open', 'won', 'lost'] as const).map((s) => ({ value: s, label: t(`opportunities.status.${s}`) }))}
        style={{ width: half ?? 120 }}
        aria-label={t('opportunities.field.status')}
      />
      {isPhone ? (
        <>
          <Flex gap={8} style={{ width: '100%' }}>
            <Select
              value={sort}
              onChange={setSort}
              options={sorts.map((s) => ({ value: s, label: t(`opportunities.sort.${s}`) }))}
              style={{ flex: '1 1 auto', minWidth: 0 }}
              aria-label={t('opportunities.sortLabel')}
            />
            <Badge count={extraFilters} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setMoreOpen((o) => !o)} aria-expanded={moreOpen}>
                {t('opportunities.moreFilters')}
              </Button>
            </Badge>
          </Flex>
          {(moreOpen || extraFilters > 0) && secondary}
        </>
      ) : (
        <>
          {secondary}
          <Select
            value={sort}
            onChange={setSort}
            options={sorts.map((s) => ({ value: s, label: t(`opportunities.sort.${s}`) }))}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            aria-label={t('opportunities.sortLabel')}
            data-testid="opportunity-sort"
          />
        </>
      )}
      <ExportButton path="/api/opportunities/export" filters={filters} block={isPhone} />
    </Flex>
  );

  const loadMore = opportunities.hasNextPage && (
    <Flex justify="center" style={{ padding: 16 }}>
      <Button onClick={() => void opportunities.fetchNextPage()} loading={opportunities.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );

  if (opportunities.isError) return <QueryError error={opportunities.error} onRetry={() => void opportunities.refetch()} />;

  if (isPhone) {
    return (
      <>
        <ViewBar list={list} />
        {filterBar}
        <Flex vertical gap={12} data-testid="opportunity-cards">
          {opportunities.isPending && <Card loading />}
          {!opportunities.isPending && items.length === 0 && empty}
          {items.map((o) => (
            <Link key={o.id} to={`/opportunities/${o.id}`} className="kairos-card-link" data-testid="opportunity-card">
              <Card size="small" hoverable>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Typography.Text strong style={{ minWidth: 0 }}>
                    {o.name}
                  </Typography.Text>
                  <StageTag stage={stages.get(o.stageId)} />
                </Flex>
                {/* Amount and probability are absent when hidden from the member's role: then the card leaves them out. */}
                {(o.amount !== undefined || o.probability !== undefined) && (
                  <Flex justify="space-between" align="baseline" gap={8} style={{ marginTop: 6 }}>
                    {o.amount !== undefined ? <Money minor={o.amount} currency={o.currency} strong /> : <span />}
                    {o.probability !== undefined && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {t('opportunities.col.probability')} {o.probability}%
                      </Typography.Text>
                    )}
                  </Flex>
                )}
                <div className="kairos-card-meta">
                  <Flex gap={12} wrap align="center">
                    <span>
                      <BankOutlined style={{ marginInlineEnd: 4 }} />
                      {o.customerName}
                    </span>
                    <span>
                      <UserOutlined style={{ marginInlineEnd: 4 }} />
                      {ownerName(o)}
                    </span>
                    {o.expectedCloseOn && (
                      <span>
                        <CalendarOutlined style={{ marginInlineEnd: 4 }} />
                        <ExpectedClose deal={o} today={today} />
                      </span>
                    )}
                  </Flex>
                  <TagList tags={o.tags} max={4} />
                  <CardCustomValues fields={list.customColumns} custom={o.custom} />
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
      {bulk.any && selected.length > 0 && <BulkActions ids={selected} names={new Map(items.map((o) => [o.id, o.name]))} onDone={() => setSelected([])} />}
      <Table<Opportunity>
        rowKey="id"
        columns={list.tableColumns}
        dataSource={items}
        loading={!view.ready || opportunities.isPending || (opportunities.isPlaceholderData && opportunities.isFetching)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: opportunities.isPending ? ' ' : empty }}
        rowSelection={bulk.any ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 40 } : undefined}
        onRow={(o) => ({
          onClick: (e) => {
            // Ticking a row's checkbox selects it; anywhere else opens the deal.
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            void navigate(`/opportunities/${o.id}`);
          },
          style: { cursor: 'pointer' },
        })}
        data-testid="opportunities-table"
      />
      {loadMore}
    </>
  );
}

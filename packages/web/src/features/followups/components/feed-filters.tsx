import { Badge, Button, DatePicker, Drawer, Flex, Segmented, Select, Tag, Typography } from 'antd';
import { FilterOutlined, SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_TYPES } from '@kairos/domain/followups';
import { FOLLOW_UP_ICONS } from '../../../components/follow-up-drawer';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { activeFilterCount, describePeriod, PERIOD_PRESETS, type FeedFilters, type FollowUpType, type Period, type PeriodPreset } from '../model';

const DAY_FORMAT = 'YYYY-MM-DD';
type PeriodChoice = 'all' | PeriodPreset | 'custom';
const PERIOD_CHOICES: readonly PeriodChoice[] = ['all', ...PERIOD_PRESETS, 'custom'];

const dayOf = (value: Dayjs | null | undefined) => (value ? value.format(DAY_FORMAT) : null);
const dayjsOf = (day: string | null) => (day ? dayjs(day) : null);

/** Newest or oldest first, as a toggle that says the current order. */
function SortToggle({ filters, onChange, block }: { filters: FeedFilters; onChange: (next: FeedFilters) => void; block?: boolean }) {
  const { t } = useTranslation();
  const newest = filters.sort === '-occurredAt';
  return (
    <Button
      icon={newest ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
      onClick={() => onChange({ ...filters, sort: newest ? 'occurredAt' : '-occurredAt' })}
      title={t('followupsPage.sort.label')}
      block={block}
      data-testid="followups-sort"
    >
      {t(`followupsPage.sort.${filters.sort}`)}
    </Button>
  );
}

/**
 * The controls: who logged it, what kind, when (today, this week, this month, or chosen days); stacked
 * full width with the order too (`vertical`: the phone's filter drawer).
 */
function FilterControls({ filters, onChange, vertical }: { filters: FeedFilters; onChange: (next: FeedFilters) => void; vertical: boolean }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const names = useMemberNames();
  // "Custom" is picked before its days are: the pickers show, the link changes once a day is chosen.
  const [choosingDays, setChoosingDays] = useState(false);
  const period = filters.period;
  const choice: PeriodChoice = period ? (period.kind === 'preset' ? period.preset : 'custom') : choosingDays ? 'custom' : 'all';

  const authorOptions = useMemo(() => {
    const options = memberOptions(directory.data);
    // A link may name someone no longer active: they stay pickable by name.
    if (filters.authorId && !options.some((o) => o.value === filters.authorId)) options.unshift({ value: filters.authorId, label: names.get(filters.authorId) ?? '…' });
    return options;
  }, [directory.data, filters.authorId, names]);

  const setPeriod = (next: Period | undefined) => onChange({ ...filters, period: next });
  const pickChoice = (value: PeriodChoice) => {
    setChoosingDays(value === 'custom');
    if (value === 'all') setPeriod(undefined);
    else if (value !== 'custom') setPeriod({ kind: 'preset', preset: value });
    else if (period?.kind === 'preset') setPeriod(undefined);
  };
  const setDays = (from: string | null, to: string | null) => setPeriod(from || to ? { kind: 'custom', from, to } : undefined);

  const label = (text: string, control: ReactNode) =>
    vertical ? (
      <Flex vertical gap={6}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {text}
        </Typography.Text>
        {control}
      </Flex>
    ) : (
      control
    );

  const custom = period?.kind === 'custom' ? period : null;
  const dayPickers = vertical ? (
    <Flex gap={8}>
      <DatePicker
        value={dayjsOf(custom?.from ?? null)}
        onChange={(value) => setDays(dayOf(value), custom?.to ?? null)}
        placeholder={t('followupsPage.period.from')}
        aria-label={t('followupsPage.period.from')}
        inputReadOnly
        style={{ flex: 1, minWidth: 0 }}
        data-testid="followups-from"
      />
      <DatePicker
        value={dayjsOf(custom?.to ?? null)}
        onChange={(value) => setDays(custom?.from ?? null, dayOf(value))}
        placeholder={t('followupsPage.period.to')}
        aria-label={t('followupsPage.period.to')}
        inputReadOnly
        style={{ flex: 1, minWidth: 0 }}
        data-testid="followups-to"
      />
    </Flex>
  ) : (
    <DatePicker.RangePicker
      value={[dayjsOf(custom?.from ?? null), dayjsOf(custom?.to ?? null)]}
      onChange={(range) => setDays(dayOf(range?.[0]), dayOf(range?.[1]))}
      allowEmpty={[true, true]}
      placeholder={[t('followupsPage.period.from'), t('followupsPage.period.to')]}
      style={{ width: 260 }}
      autoFocus={choosingDays && !custom}
      data-testid="followups-range"
    />
  );

  return (
    <Flex vertical={vertical} gap={vertical ? 16 : 8} wrap={!vertical} align={vertical ? undefined : 'center'} data-testid="followups-filters">
      {label(
        t('followupsPage.author'),
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('followupsPage.authorPlaceholder')}
          value={filters.authorId}
          onChange={(authorId?: string) => onChange({ ...filters, authorId })}
          options={authorOptions}
          loading={directory.isPending}
          style={{ width: vertical ? '100%' : 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('followupsPage.author')}
          data-testid="followups-author"
        />,
      )}
      {label(
        t('followupsPage.type'),
        <Select
          allowClear
          placeholder={t('followupsPage.typePlaceholder')}
          value={filters.type}
          onChange={(type?: FollowUpType) => onChange({ ...filters, type })}
          options={FOLLOW_UP_TYPES.map((type) => ({
            value: type,
            label: t(`followUps.type.${type}`),
            icon: FOLLOW_UP_ICONS[type],
          }))}
          optionRender={(option) => (
            <Flex gap={8} align="center">
              {option.data.icon}
              {option.label}
            </Flex>
          )}
          style={{ width: vertical ? '100%' : 130 }}
          aria-label={t('followupsPage.type')}
          data-testid="followups-type"
        />,
      )}
      {label(
        t('followupsPage.period.label'),
        vertical ? (
          // Stacked, the presets are buttons that share the width (a one-line segmented control would cut
          // "This month" short), and the day pickers are always there: picking a day is choosing "custom".
          <Flex vertical gap={8}>
            <Flex gap={8} wrap role="group" aria-label={t('followupsPage.period.label')} data-testid="followups-period">
              {PERIOD_CHOICES.filter((value) => value !== 'custom').map((value) => (
                <Button
                  key={value}
                  type={choice === value ? 'primary' : 'default'}
                  ghost={choice === value}
                  aria-pressed={choice === value}
                  onClick={() => pickChoice(value)}
                  style={{ flex: '1 0 auto', paddingInline: 10 }}
                >
                  {t(`followupsPage.period.${value}`)}
                </Button>
              ))}
            </Flex>
            {dayPickers}
          </Flex>
        ) : (
          <Segmented<PeriodChoice>
            value={choice}
            onChange={pickChoice}
            options={PERIOD_CHOICES.map((value) => ({ value, label: t(`followupsPage.period.${value}`) }))}
            aria-label={t('followupsPage.period.label')}
            data-testid="followups-period"
          />
        ),
      )}
      {!vertical && choice === 'custom' && dayPickers}
      {vertical && label(t('followupsPage.sort.label'), <SortToggle filters={filters} onChange={onChange} block />)}
    </Flex>
  );
}

/** The filters in use as chips, each removable; "clear" drops them all. */
function FilterChips({ filters, onChange }: { filters: FeedFilters; onChange: (next: FeedFilters) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useMemberNames();
  const chips: { key: string; label: string; clear: FeedFilters }[] = [];
  if (filters.authorId) chips.push({ key: 'author', label: t('followupsPage.chip.author', { name: names.get(filters.authorId) ?? '…' }), clear: { ...filters, authorId: undefined } });
  if (filters.type) chips.push({ key: 'type', label: t('followupsPage.chip.type', { type: t(`followUps.type.${filters.type}`) }), clear: { ...filters, type: undefined } });
  if (filters.period) chips.push({ key: 'period', label: t('followupsPage.chip.period', { period: describePeriod(filters.period, locale, t) }), clear: { ...filters, period: undefined } });

  if (chips.length === 0) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="followups-chips">
        {t('followupsPage.noFilters')}
      </Typography.Text>
    );
  }
  return (
    <Flex gap={8} wrap align="center" role="group" aria-label={t('followupsPage.activeFilters')} style={{ minWidth: 0, flex: 1 }} data-testid="followups-chips">
      {chips.map((chip) => (
        <Tag
          key={chip.key}
          color="blue"
          closable={{ 'aria-label': t('followupsPage.chip.remove', { label: chip.label }) }}
          onClose={(e) => {
            e.preventDefault();
            onChange(chip.clear);
          }}
          style={{ marginInlineEnd: 0, paddingBlock: 2, whiteSpace: 'normal' }}
          data-testid={`followups-chip-${chip.key}`}
        >
          {chip.label}
        </Tag>
      ))}
      {chips.length > 1 && (
        <Button type="link" size="small" onClick={() => onChange({ sort: filters.sort })} style={{ paddingInline: 0 }} data-testid="followups-clear">
          {t('followupsPage.clearAll')}
        </Button>
      )}
    </Flex>
  );
}

/**
 * The filter area above the feed: the controls in a bar, then the filters in use as removable chips beside
 * the order toggle; on a phone the controls wait behind a "筛选" button, in a bottom drawer.
 */
export function FeedFilterBar({ filters, onChange }: { filters: FeedFilters; onChange: (next: FeedFilters) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(filters);

  if (!isPhone) {
    return (
      <Flex vertical gap={12}>
        <FilterControls filters={filters} onChange={onChange} vertical={false} />
        <Flex justify="space-between" align="center" gap={8}>
          <FilterChips filters={filters} onChange={onChange} />
          <SortToggle filters={filters} onChange={onChange} />
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={10}>
      <Flex gap={8} justify="space-between">
        <Badge count={count} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setOpen(true)} aria-expanded={open} data-testid="followups-filter-toggle">
            {t('followupsPage.filters')}
          </Button>
        </Badge>
        <SortToggle filters={filters} onChange={onChange} />
      </Flex>
      <FilterChips filters={filters} onChange={onChange} />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="bottom"
        size="auto"
        title={t('followupsPage.filtersTitle')}
        styles={{ body: { paddingBlock: 16 } }}
        footer={
          <Flex gap={8}>
            {count > 0 && (
              <Button onClick={() => onChange({ sort: filters.sort })} style={{ flex: 1 }}>
                {t('followupsPage.clearAll')}
              </Button>
            )}
            <Button type="primary" onClick={() => setOpen(false)} style={{ flex: 1 }} data-testid="followups-filter-done">
              {t('followupsPage.showResults')}
            </Button>
          </Flex>
        }
        data-testid="followups-filter-drawer"
      >
        <FilterControls filters={filters} onChange={onChange} vertical />
      </Drawer>
    </Flex>
  );
}

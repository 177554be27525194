import { Badge, Button, Checkbox, DatePicker, Flex, Input, Select, Space, TreeSelect } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/auth';
import { departmentTreeOptions, memberOptions, useDepartments, useDirectory } from '../../../lib/directory';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { useFieldAccess } from '../../field-access/api';
import { amountInput, parseAmount } from '../../opportunities/model';
import { activeFilterCount, type BoardUrlState } from '../model';

const DATE = 'YYYY-MM-DD';
const TYPING_MS = 300;

/** An input typed freely whose value reaches the URL after a pause; a change of the URL (clearing) shows at once. */
function useTypedValue(fromUrl: string, commit: (typed: string) => void, sameAsUrl: (typed: string) => boolean) {
  const [typed, setTyped] = useState(fromUrl);
  const settled = useDebouncedValue(typed, TYPING_MS);
  useEffect(() => {
    if (!sameAsUrl(settled)) commit(settled);
    // Only a settled change is committed; the callbacks are new on every render.
  }, [settled]);
  useEffect(() => {
    setTyped((current) => (sameAsUrl(current) ? current : fromUrl));
    // Follows the URL (a cleared filter, the back button), keeping what is typed when it means the same.
  }, [fromUrl]);
  return [typed, setTyped] as const;
}

const yuan = (minor: number | undefined) => (minor === undefined ? '' : amountInput(minor, 'CNY'));
const minorOf = (typed: string) => {
  const parsed = parseAmount(typed, 'CNY');
  return parsed.ok && parsed.minor !== null ? parsed.minor : undefined;
};

/** The board's filters (owner, department, tag, amount, close date, stalled, overdue), kept in the URL. */
export function BoardFilters({ state, update, leading }: { state: BoardUrlState; update: (patch: Partial<BoardUrlState>) => void; leading: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const access = useFieldAccess();
  const amountHidden = access.isHidden('opportunity', 'amount');
  const closeHidden = access.isHidden('opportunity', 'expectedCloseOn');
  const showPeople = me.dataScope !== 'own';
  const directory = useDirectory(showPeople);
  const departments = useDepartments(showPeople);
  const owners = useMemo(() => memberOptions(directory.data), [directory.data]);
  const tree = useMemo(() => departmentTreeOptions(departments.data?.items ?? []), [departments.data]);

  const [tag, setTag] = useTypedValue(state.tag ?? '', (v) => update({ tag: v.trim().slice(0, 20) || undefined }), (v) => (v.trim() || undefined) === state.tag);
  const [min, setMin] = useTypedValue(yuan(state.amountMin), (v) => update({ amountMin: minorOf(v) }), (v) => minorOf(v) === state.amountMin);
  const [max, setMax] = useTypedValue(yuan(state.amountMax), (v) => update({ amountMax: minorOf(v) }), (v) => minorOf(v) === state.amountMax);
  const count = activeFilterCount(state);
  const half = isPhone ? 'calc(50% - 4px)' : undefined;

  const controls = (
    <Flex gap={8} wrap align="center" data-testid="board-filters">
      {showPeople && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('board.ownerPlaceholder')}
          value={state.ownerId}
          onChange={(ownerId?: string) => update({ ownerId })}
          options={owners}
          style={{ width: half ?? 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('board.owner')}
          data-testid="board-filter-owner"
        />
      )}
      {showPeople && tree.length > 0 && (
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t('board.departmentPlaceholder')}
          value={state.departmentId}
          onChange={(departmentId?: string) => update({ departmentId })}
          treeData={tree}
          style={{ width: half ?? 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('board.department')}
        />
      )}
      <Input allowClear placeholder={t('board.tagPlaceholder')} value={tag} onChange={(e) => setTag(e.target.value)} style={{ width: half ?? 130 }} aria-label={t('board.tag')} />
      {!amountHidden && (
        <Space.Compact style={{ width: isPhone ? '100%' : 270 }}>
          <Input
            allowClear
            inputMode="decimal"
            prefix={<span style={{ color: '#bfbfbf' }}>¥</span>}
            placeholder={t('board.amountMin')}
            value={min}
            onChange={(e) => setMin(e.target.value)}
            status={parseAmount(min, 'CNY').ok ? undefined : 'error'}
            aria-label={t('board.amountMin')}
          />
          <Input
            allowClear
            inputMode="decimal"
            prefix={<span style={{ color: '#bfbfbf' }}>¥</span>}
            placeholder={t('board.amountMax')}
            value={max}
            onChange={(e) => setMax(e.target.value)}
            status={parseAmount(max, 'CNY').ok ? undefined : 'error'}
            aria-label={t('board.amountMax')}
          />
        </Space.Compact>
      )}
      {!closeHidden && (
        <DatePicker.RangePicker
          value={[state.closeFrom ? dayjs(state.closeFrom) : null, state.closeTo ? dayjs(state.closeTo) : null]}
          onChange={(range) => update({ closeFrom: range?.[0]?.format(DATE), closeTo: range?.[1]?.format(DATE) })}
          placeholder={[t('board.closeFrom'), t('board.closeTo')]}
          allowEmpty={[true, true]}
          inputReadOnly={isPhone}
          style={{ width: isPhone ? '100%' : 250 }}
          aria-label={t('board.closeRange')}
        />
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={12} style={{ marginBottom: 12 }}>
      <Flex gap={12} wrap align="center">
        {leading}
        <Checkbox checked={state.stalled} onChange={(e) => update({ stalled: e.target.checked })} data-testid="board-filter-stalled">
          {t('board.stalled')}
        </Checkbox>
        <Checkbox checked={state.overdue} onChange={(e) => update({ overdue: e.target.checked })} data-testid="board-filter-overdue">
          {t('board.overdue')}
        </Checkbox>
        {isPhone && (
          <Badge count={count} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="board-filters-toggle">
              {t('board.filters')}
            </Button>
          </Badge>
        )}
        {count > 0 && (
          <Button
            type="link"
            size="small"
            onClick={() => update({ ownerId: undefined, departmentId: undefined, tag: undefined, amountMin: undefined, amountMax: undefined, closeFrom: undefined, closeTo: undefined, stalled: false, overdue: false })}
          >
            {t('board.clearFilters')}
          </Button>
        )}
      </Flex>
      {(!isPhone || open || count > 0) && controls}
    </Flex>
  );
}

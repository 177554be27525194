import { Flex, Popover, Skeleton, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '@kairos/domain/board';
import { stageName, type Stage } from '@kairos/domain/pipelines';
import { useSession } from '../../../lib/auth';
import { useLocale } from '../../../lib/i18n/i18n';
import { formatMoney } from '../../opportunities/model';
import { useColumnMore } from '../api';
import { columnRows, mergeCards, withPending, type BoardApiFilters, type PendingMove } from '../model';
import type { CardActions } from './board-card';
import { ColumnList } from './column-list';

type Column = Board['columns'][number];

const OUTCOME_ACCENT: Record<Stage['outcome'], string> = { open: '#1677ff', won: '#52c41a', lost: '#8c8c8c' };

/** The column's header: stage, count, totals per currency (and weighted), time limit; the description on hover. */
function ColumnHeader({ stage, column }: { stage: Stage; column: Column | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const currency = useSession().workspace.currency;
  const description = (locale === 'en' ? stage.rules.descriptionEn : stage.rules.descriptionZh) || stage.rules.descriptionZh;
  const limit = stage.outcome === 'open' ? stage.rules.timeLimitDays : null;
  return (
    <div className="kairos-board-column-head" style={{ borderTopColor: OUTCOME_ACCENT[stage.outcome] }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Popover
          title={stageName(stage, locale)}
          content={<div style={{ maxWidth: 280, whiteSpace: 'pre-wrap' }}>{description || t('board.noDescription')}</div>}
          trigger={['hover', 'click']}
        >
          <Typography.Text strong ellipsis style={{ cursor: 'help', minWidth: 0 }} data-testid="board-column-name">
            {stageName(stage, locale)}
            <InfoCircleOutlined style={{ marginInlineStart: 6, color: '#8c8c8c', fontSize: 12 }} aria-label={t('board.stageInfo')} />
          </Typography.Text>
        </Popover>
        <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }} data-testid="board-column-count">
          {column ? t('board.count', { count: column.count }) : '…'}
        </Typography.Text>
      </Flex>
      {column?.totals && (
        <div style={{ marginTop: 4, fontSize: 12, fontVariantNumeric: 'tabular-nums' }} data-testid="board-column-totals">
          {(column.totals.length ? column.totals : [{ currency, amount: 0, weighted: 0 }]).map((total) => (
            <Flex key={total.currency} justify="space-between" gap={8} wrap>
              <Typography.Text strong style={{ fontSize: 12 }} title={t('board.total')}>
                {formatMoney(total.amount, total.currency, locale)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('board.weighted')} {formatMoney(total.weighted, total.currency, locale)}
              </Typography.Text>
            </Flex>
          ))}
        </div>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
        {limit ? t('board.timeLimit', { count: limit }) : stage.outcome === 'open' ? t('board.noTimeLimit') : '\u00a0'}
      </Typography.Text>
    </div>
  );
}

/**
 * One stage of the board, and where cards are dropped. Its first cards come with the board; the column is
 * a virtualised list that loads its next page by itself as the person scrolls near its end, so a stage
 * with thousands of deals keeps only a screenful of cards in the page.
 */
export function BoardColumn({
  stage,
  column,
  filters,
  pending,
  swimlanes,
  actions,
  loading,
  draggingId,
}: {
  stage: Stage;
  column: Column | undefined;
  filters: BoardApiFilters;
  pending: readonly PendingMove[];
  swimlanes: boolean;
  actions: CardActions;
  loading: boolean;
  /** The card being dragged, if any (from any column). */
  draggingId: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [wantMore, setWantMore] = useState(false);
  const more = useColumnMore(stage.id, filters, column?.nextCursor ?? null, wantMore);
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const loaded = useMemo(() => mergeCards(column?.cards ?? [], more.data?.pages.map((p) => p.items) ?? []), [column?.cards, more.data]);
  const cards = useMemo(() => withPending(stage.id, loaded, pending), [stage.id, loaded, pending]);
  const rows = useMemo(() => columnRows(cards, swimlanes ? { nameOf: actions.ownerName, locale } : undefined), [cards, swimlanes, actions.ownerName, locale]);
  const hasMore = more.data ? more.hasNextPage : !!column?.nextCursor;
  const remaining = Math.max(0, (column?.count ?? 0) - loaded.length);

  const { isFetching, isError, fetchNextPage, refetch } = more;
  const hasPages = !!more.data;
  // The first call turns the column's paging on (its query then fetches the first page by itself).
  const load = useCallback(() => {
    if (!wantMore) setWantMore(true);
    else if (!isFetching) void (hasPages ? fetchNextPage({ cancelRefetch: false }) : refetch());
  }, [wantMore, isFetching, hasPages, fetchNextPage, refetch]);

  const placeholder =
    loading && !column ? (
      <Skeleton active paragraph={{ rows: 3 }} title={false} />
    ) : (
      <div className="kairos-board-column-empty">{isOver ? t('board.dropHere') : t('board.columnEmpty')}</div>
    );

  return (
    <section className={`kairos-board-column${isOver ? ' is-over' : ''}`} data-testid="board-column" data-stage-id={stage.id} aria-label={stageName(stage, locale)}>
      <ColumnHeader stage={stage} column={column} />
      <ColumnList
        rows={loading && !column ? [] : rows}
        actions={actions}
        loaded={loaded.length}
        more={hasMore && remaining > 0 ? { remaining, loading: isFetching, failed: isError, load } : null}
        draggingId={draggingId}
        resetKey={JSON.stringify(filters)}
        dropRef={setNodeRef}
        placeholder={placeholder}
      />
    </section>
  );
}

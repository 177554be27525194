import { Button, Spin, Typography } from 'antd';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { nearEnd, type ColumnRow } from '../model';
import { DraggableCard, type CardActions } from './board-card';

/** Heights before a row is measured: a card with a one-line name and no tags, and a lane's heading. */
const CARD_ESTIMATE = 120;
const LANE_ESTIMATE = 34;
/** Space between rows (px), as the cards had when the column was a plain list. */
const GAP = 8;
/** Rows drawn beyond the visible ones, so a quick scroll rarely shows blank space. */
const OVERSCAN = 4;

/** What the end of a column says while it has more deals than it loaded. */
export interface ColumnMore {
  /** Deals of the column not loaded yet (from the board's count). */
  remaining: number;
  loading: boolean;
  failed: boolean;
  /** Asks for the next page; a call while one is on its way does nothing. */
  load: () => void;
}

/**
 * The scrolling body of a column, virtualised: only the rows in view (and a few beyond) are in the page,
 * each measured as drawn (names take one or two lines, tags are optional), and the next page is asked for
 * when the rows in view come near the end of what is loaded. `dropRef` marks the list as the column's drop
 * target: inside the scrolling body, so dnd-kit scrolls this body when a card is dragged near its edges.
 */
export function ColumnList({
  rows,
  actions,
  loaded,
  more,
  draggingId,
  resetKey,
  dropRef,
  placeholder,
}: {
  rows: readonly ColumnRow[];
  actions: CardActions;
  /** Cards loaded from the server (without pending moves), for tests and the bench to read. */
  loaded: number;
  /** Null when everything is loaded. */
  more: ColumnMore | null;
  /** The card being dragged: kept in the page while it is, wherever the column scrolls. */
  draggingId: string | undefined;
  /** When it changes (other filters), the column starts again from its top. */
  resetKey: string;
  dropRef: (node: HTMLElement | null) => void;
  /** Shown instead of rows when there are none (loading, or an empty column). */
  placeholder: ReactNode;
}) {
  const { t } = useTranslation();
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  // Scrolled down, the rows in view stay put when rows are added or removed above them (a page joining
  // the lanes, a card moved in); at the top, a card moved in shows there.
  const [scrolled, setScrolled] = useState(false);
  const draggingIndex = draggingId ? rows.findIndex((row) => row.key === draggingId) : -1;

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: useCallback((index: number) => (rows[index]?.kind === 'lane' ? LANE_ESTIMATE : CARD_ESTIMATE), [rows]),
    getItemKey: useCallback((index: number) => rows[index]?.key ?? index, [rows]),
    // A dragged card that scrolled out of view must stay mounted, or its drag would lose the card.
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range);
        return draggingIndex < 0 || indexes.includes(draggingIndex) ? indexes : [...indexes, draggingIndex].sort((a, b) => a - b);
      },
      [draggingIndex],
    ),
    overscan: OVERSCAN,
    gap: GAP,
    anchorTo: scrolled ? 'end' : 'start',
    onChange: (instance) => setScrolled((instance.scrollOffset ?? 0) > 0),
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = virtualizer.range?.endIndex ?? -1;

  const wantsMore = !!more && !more.loading && !more.failed && nearEnd(lastShown, rows.length);
  const load = more?.load;
  useEffect(() => {
    if (wantsMore) load?.();
  }, [wantsMore, load]);

  useEffect(() => {
    scrollElement?.scrollTo({ top: 0 });
  }, [resetKey, scrollElement]);

  return (
    <div ref={setScrollElement} className="kairos-board-column-body" data-testid="board-column-body" data-loaded={loaded}>
      {rows.length === 0 && placeholder}
      <div ref={dropRef} className="kairos-board-column-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="kairos-board-column-row" style={{ transform: `translateY(${item.start}px)` }}>
              {row.kind === 'lane' ? (
                <div className="kairos-board-lane-head" data-testid="board-lane">
                  {row.name} · {row.count}
                </div>
              ) : (
                <DraggableCard card={row.card} actions={actions} />
              )}
            </div>
          );
        })}
      </div>
      {more && (
        <div className="kairos-board-column-more" data-testid="board-column-more" aria-live="polite">
          {more.failed ? (
            <>
              <Typography.Text type="secondary">{t('board.moreFailed')}</Typography.Text>
              <Button size="small" type="link" onClick={more.load}>
                {t('common.retry')}
              </Button>
            </>
          ) : (
            <>
              <Spin size="small" />
              <Typography.Text type="secondary">{t('board.loadingMore', { count: more.remaining })}</Typography.Text>
            </>
          )}
        </div>
      )}
    </div>
  );
}

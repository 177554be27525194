import { Button, Card, Flex, Segmented, Select, Skeleton, Switch, Typography } from 'antd';
import { PlusOutlined, RiseOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AutoScrollActivator,
  DndContext,
  DragOverlay,
  MouseSensor,
  rectIntersection,
  TouchSensor,
  TraversalOrder,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { BoardCard } from '@kairos/domain/board';
import type { Stage } from '@kairos/domain/pipelines';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { usePermission } from '../../../lib/auth';
import { useMemberNames } from '../../../lib/directory';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { usePipelines } from '../../opportunities/api';
import { OpportunityDrawer } from '../../opportunities/components/opportunity-drawer';
import { defaultPipeline, stagesOf } from '../../opportunities/model';
import { useBoard } from '../api';
import { activeFilterCount, apiFiltersOf, boardStateFromParams, listLinkOf, paramsOfBoardState, type BoardUrlState } from '../model';
import { useMoveFlow } from '../use-move-flow';
import { BoardCardView, type CardActions } from './board-card';
import { BoardColumn } from './board-column';
import { BoardFilters } from './board-filters';
import { GateDialog } from './gate-dialog';

/**
 * The board scrolls when the pointer (not the whole card) nears its edge, so a drop on a visible column
 * stays there. The column under the pointer scrolls first, then the board, then the page: dnd-kit keeps
 * scrolling the first of them that can, and the page would otherwise take a column's bottom edge.
 */
const AUTO_SCROLL = { activator: AutoScrollActivator.Pointer, threshold: { x: 0.1, y: 0.15 }, order: TraversalOrder.ReversedTreeOrder };

const within = (point: { x: number; y: number }, rect: DOMRect | undefined) => !!rect && point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom;

/**
 * The column under the pointer, its header included, measured as it is now: a column's drop target is its
 * list inside the scrolling body (so dragging near the body's edge scrolls it), and that list is taller
 * than what shows and moves as the body scrolls. A column scrolled out of the board (under the side menu)
 * does not count. Off every column, the usual overlap of card and column.
 */
const columnUnderPointer: CollisionDetection = (args) => {
  const pointer = args.pointerCoordinates;
  if (pointer) {
    for (const container of args.droppableContainers) {
      const column = container.node.current?.closest('[data-testid="board-column"]');
      if (within(pointer, column?.getBoundingClientRect()) && within(pointer, column?.closest('[data-testid="board"]')?.getBoundingClientRect())) {
        return [{ id: container.id, data: { droppableContainer: container, value: 0 } }];
      }
    }
  }
  return rectIntersection(args);
};

/**
 * Keeps --kairos-board-top at where the board starts on the page, so its columns end at the screen's
 * bottom (global.css) and scroll inside, whatever sits above the board: filters that wrap, or open on a
 * phone, change the size of the board's container, which is watched.
 */
function useBoardTop() {
  return useCallback((board: HTMLDivElement | null) => {
    const container = board?.parentElement;
    if (!board || !container) return;
    const place = () => board.style.setProperty('--kairos-board-top', `${Math.round(board.getBoundingClientRect().top + window.scrollY)}px`);
    const observer = new ResizeObserver(place);
    observer.observe(container);
    return () => observer.disconnect();
  }, []);
}

/**
 * 看板: the deals of a pipeline in one column per stage (open stages, then won and lost), with counts and
 * totals, filters kept in the URL, drag and drop (or a card's "Move to…" menu) to move a deal, and the
 * stage gate's dialog when a move needs more first.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => boardStateFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<BoardUrlState>) => setParams((prev) => paramsOfBoardState({ ...boardStateFromParams(prev), ...patch }), { replace: true }),
    [setParams],
  );
  const canCreate = usePermission('records.create');
  const [creating, setCreating] = useState(false);
  const pipelines = usePipelines();
  const list = pipelines.data?.items ?? [];
  const pipeline = (state.pipelineId ? list.find((p) => p.id === state.pipelineId) : undefined) ?? defaultPipeline(list);
  const stages = useMemo(() => (pipeline ? stagesOf(pipeline) : []), [pipeline]);
  const filters = useMemo(() => apiFiltersOf({ ...state, pipelineId: pipeline?.id }), [state, pipeline?.id]);
  const board = useBoard(filters, !!pipeline);
  const names = useMemberNames();
  const flow = useMoveFlow();
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const boardRef = useBoardTop();

  const ownerName = useCallback((ownerId: string | null) => (ownerId ? (names.get(ownerId) ?? '—') : t('board.noOwner')), [names, t]);
  const { moveTo } = flow;
  const actions: CardActions = useMemo(() => ({ stages, ownerName, onMove: (card, stage) => void moveTo(card, stage) }), [stages, ownerName, moveTo]);

  // Mouse: a few pixels of movement pick a card up, so clicks on its link and menu stay clicks.
  // Touch: a long press, so a swipe still scrolls the columns.
  const sensors = useSensors(useSensor(MouseSensor, { activationConstraint: { distance: 6 } }), useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }));
  const onDragStart = (event: DragStartEvent) => setDragging((event.active.data.current as { card?: BoardCard } | undefined)?.card ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const card = (event.active.data.current as { card?: BoardCard } | undefined)?.card;
    const stage = (event.over?.data.current as { stage?: Stage } | undefined)?.stage;
    if (card && stage && stage.id !== card.stageId) void moveTo(card, stage);
  };

  const columnsById = useMemo(() => new Map((board.data && board.data.pipelineId === pipeline?.id ? board.data.columns : []).map((c) => [c.stageId, c])), [board.data, pipeline?.id]);
  const total = board.data?.columns.reduce((sum, c) => sum + c.count, 0) ?? 0;
  const filtered = activeFilterCount(state) > 0;

  const viewSwitch = (
    <Segmented
      value="board"
      onChange={(v) => v === 'list' && void navigate(listLinkOf({ pipelineId: pipeline?.id }))}
      options={[
        { value: 'board', label: t('board.viewBoard') },
        { value: 'list', label: t('board.viewList') },
      ]}
      aria-label={t('board.viewSwitch')}
      data-testid="board-view-switch"
    />
  );
  const newDeal = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="board-new-deal">
      {t('board.emptyAction')}
    </Button>
  );

  let body;
  if (pipelines.isError) body = <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  else if (board.isError && !board.data) body = <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  else if (pipelines.isPending || !pipeline)
    body = (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  else if (board.data && total === 0 && !filtered)
    body = (
      <Card variant="borderless">
        <GuideEmpty icon={<RiseOutlined />} title={t('board.emptyTitle')} description={t('board.emptyDesc')} action={newDeal || undefined} />
      </Card>
    );
  else
    body = (
      <>
        {board.data && total === 0 && filtered && (
          <Card variant="borderless" style={{ marginBottom: 12 }}>
            <GuideEmpty icon={<SearchOutlined />} title={t('board.noMatchTitle')} description={t('board.noMatchDesc')} />
          </Card>
        )}
        <DndContext sensors={sensors} collisionDetection={columnUnderPointer} autoScroll={AUTO_SCROLL} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
          <div ref={boardRef} className="kairos-board" style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }} aria-busy={board.isFetching} data-testid="board">
            {stages.map((stage) => (
              <BoardColumn
                key={stage.id}
                stage={stage}
                column={columnsById.get(stage.id)}
                filters={filters}
                pending={flow.pending}
                swimlanes={state.swimlanes}
                actions={actions}
                loading={board.isPending || board.isPlaceholderData}
                draggingId={dragging?.id}
              />
            ))}
          </div>
          <DragOverlay dropAnimation={null}>{dragging && <BoardCardView card={dragging} actions={actions} overlay />}</DragOverlay>
        </DndContext>
      </>
    );

  return (
    <>
      <PageHeader title={t('board.title')} subtitle={isPhone ? undefined : t('board.subtitle')} extra={newDeal || undefined} />
      <BoardFilters
        state={state}
        update={update}
        leading={
          <>
            {viewSwitch}
            {list.length > 1 && (
              <Select
                value={pipeline?.id}
                onChange={(pipelineId: string) => update({ pipelineId })}
                options={list.map((p) => ({ value: p.id, label: (locale === 'en' ? p.nameEn : p.nameZh) || p.nameZh }))}
                style={{ minWidth: 140 }}
                popupMatchSelectWidth={false}
                aria-label={t('board.pipeline')}
                data-testid="board-pipeline"
              />
            )}
            <Flex gap={6} align="center">
              <Switch size="small" checked={state.swimlanes} onChange={(swimlanes) => update({ swimlanes })} id="board-swimlanes" data-testid="board-swimlanes" />
              <label htmlFor="board-swimlanes">
                <Typography.Text>{t('board.swimlanes')}</Typography.Text>
              </label>
            </Flex>
          </>
        }
      />
      {body}
      {pipeline && <GateDialog gate={flow.gate} pipeline={pipeline} onClose={flow.closeGate} send={flow.sendFromGate} />}
      <OpportunityDrawer open={creating} opportunity={null} onClose={() => setCreating(false)} />
    </>
  );
}

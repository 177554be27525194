import { Button, Card, Flex, Segmented, Select, Skeleton, Switch, Typography } from 'antd';
import { PlusOutlined, RiseOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoScrollActivator, DndContext, DragOverlay, MouseSensor, TouchSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
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

/** The board scrolls when the pointer (not the whole card) nears its edge, so a drop on a visible column stays there. */
const AUTO_SCROLL = { activator: AutoScrollActivator.Pointer, threshold: { x: 0.1, y: 0.15 } };

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
        <DndContext sensors={sensors} autoScroll={AUTO_SCROLL} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
          <div className="kairos-board" style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }} aria-busy={board.isFetching} data-testid="board">
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

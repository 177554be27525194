import type { Board, BoardCard, BoardColumnQuery, BoardFilters, BoardQuery } from '@kairos/domain/board';
import { todayIn } from '@kairos/domain/common';
import { AppError } from '@kairos/domain/errors';
import type { Pipeline } from '@kairos/domain/pipelines';
import { listScope } from '@kairos/domain/policy';
import { stageAge } from '@kairos/domain/stage-gates';
import type { Core, RequestContext } from '../../core';
import { decodeKeyset, toPage } from '../../shared/cursor';
import { fromJson, toJson } from '../../shared/json';
import { fieldAccessFor } from '../field-access/field-access.service';
import { listPipelines, pipelineOrDefault } from '../pipelines/pipelines.service';
import { getWorkspace } from '../setup/setup.service';
import { columnCards, firstCards, needsScan, rollupTotals, scannedTotals, type BoardFilter, type CardRow, type TotalRow } from './board.store';



function storeFilter(pipeline: Pipeline, filters: BoardFilters, now: Date, today: string): BoardFilter {
  const stalledBefore = filters.stalled
    ? new Map(pipeline.stages.flatMap((s) => (s.outcome === 'open' && s.rules.timeLimitDays !== null ? [[s.id, new Date(now.getTime() - s.rules.timeLimitDays * 86_400_000).toISOString()] as const] : [])))
    : undefined;
  return {
    ownerId: filters.ownerId,
    departmentId: filters.departmentId,
    tag: filters.tag,
    amountMin: filters.amountMin,
    amountMax: filters.amountMax,
    closeFrom: filters.closeFrom,
    closeTo: filters.closeTo,
    stalledBefore,
    overdueBefore: filters.overdue ? today : undefined,
  };
}

function cardOf(row: CardRow, pipeline: Pipeline, now: Date, today: string, amountHidden: boolean): BoardCard {
  const stage = pipeline.stages.find((s) => s.id === row.stage_id);
  const age = stageAge(row.stage_entered_at, now, stage?.outcome === 'open' ? (stage.rules.timeLimitDays ?? null) : null);
  return {
    id: row.id,
    name: row.name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    ownerId: row.owner_id,
    stageId: row.stage_id,
    ...(amountHidden ? {} : { amount: Number(row.amount_minor), probability: row.probability_override ?? Number(row.stage_probability) }),
    currency: row.currency,
    stageEnteredAt: row.stage_entered_at,
    daysInStage: age.days,
    stalled: age.stalled,
    nextFollowUpOn: row.next_follow_up_on,
    followUpOverdue: row.next_follow_up_on !== null && row.next_follow_up_on < today,
    tasksDone: Number(row.tasks_done),
    tasksTotal: Number(row.tasks_total),
    tags: fromJson<string[]>(row.tags, []),
    version: row.version,
    risk: null,
  };
}

function addTotals(into: Map<string, TotalRow[]>, rows: readonly TotalRow[]): void {
  for (const row of rows) {
    const list = into.get(row.stage_id) ?? [];
    const same = list.find((r) => r.currency === row.currency);
    if (same) {
      same.deals += row.deals;
      same.amount += row.amount;
      same.weighted += row.weighted;
    } else list.push({ ...row });
    into.set(row.stage_id, list);
  }
}

const bindingOf = (ctx: RequestContext, stageId: string, filters: BoardFilters) => `board:${ctx.actor.userId}:${stageId}:${toJson(filters)}`;

/**
 * The board of a pipeline as the caller may see it: per column the count and totals (from the rollup,
 * or from a scan when a filter needs one) and the first cards. Three queries whatever the number of
 * columns: totals, deal-team extras (reps only) and cards. Amounts hidden from the caller's role are left
 * out of cards and totals alike.
 */
export async function getBoard(core: Core, ctx: RequestContext, query: BoardQuery): Promise<Board> {
  const { actor } = ctx;
  const pipeline = await pipelineOrDefault(core.db, actor.workspaceId, query.pipelineId);
  const [workspace, access] = await Promise.all([getWorkspace(core.db, actor.workspaceId), fieldAccessFor(core.db, actor)]);
  const now = core.clock.now();
  const today = todayIn(workspace.timezone, now);
  const { perColumn, pipelineId: _pipeline, ...filters } = query;
  const filter = storeFilter(pipeline, filters, now, today);
  const scope = listScope(actor, 'records.read');
  const stageIds = pipeline.stages.map((s) => s.id);

  const scan = needsScan(filter);
  const [totals, teamExtra, cards] = await Promise.all([
    scan ? scannedTotals(core.db, actor.workspaceId, stageIds, scope, filter, 'scope') : rollupTotals(core.db, actor.workspaceId, stageIds, scope, filter),
    scannedTotals(core.db, actor.workspaceId, stageIds, scope, filter, 'teamExtra'),
    firstCards(core.db, actor.workspaceId, stageIds, scope, filter, perColumn + 1),
  ]);
  const byStage = new Map<string, TotalRow[]>();
  addTotals(byStage, totals);
  addTotals(byStage, teamExtra);
  const amountHidden = access.opportunity.hidden.has('amount');

  return {
    pipelineId: pipeline.id,
    columns: pipeline.stages.map((stage) => {
      const rows = cards.filter((c) => c.stage_id === stage.id);
      const page = toPage(rows, perColumn, (r) => cardOf(r, pipeline, now, today, amountHidden), (r) => [r.updated_at, r.id], core.cursors, bindingOf(ctx, stage.id, filters));
      const stageTotals = byStage.get(stage.id) ?? [];
      return {
        stageId: stage.id,
        count: stageTotals.reduce((n, t) => n + t.deals, 0),
        ...(amountHidden ? {} : { totals: stageTotals.map((t) => ({ currency: t.currency, amount: t.amount, weighted: t.weighted })) }),
        cards: page.items,
        nextCursor: page.nextCursor,
      };
    }),
  };
}

/** More cards of one column (a virtualised column fetches its own as it scrolls). */
export async function getBoardColumn(core: Core, ctx: RequestContext, query: BoardColumnQuery): Promise<{ items: BoardCard[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const pipeline = (await listPipelines(core.db, actor.workspaceId)).find((p) => p.stages.some((s) => s.id === query.stageId));
  if (!pipeline) throw new AppError('validation_failed', { fields: [{ path: 'stageId', code: 'unknown_stage', message: 'unknown stage' }] });
  const [workspace, access] = await Promise.all([getWorkspace(core.db, actor.workspaceId), fieldAccessFor(core.db, actor)]);
  const now = core.clock.now();
  const today = todayIn(workspace.timezone, now);
  const { stageId, cursor, limit, pipelineId: _pipeline, ...rest } = query;
  const filters = { ...rest, pipelineId: undefined };
  // The first page's cursors were bound to the board's filters without the pipeline: the same binding here.
  const binding = bindingOf(ctx, stageId, { ...rest });
  const after = decodeKeyset(core.cursors, cursor, binding);
  const rows = await columnCards(core.db, actor.workspaceId, stageId, listScope(actor, 'records.read'), storeFilter(pipeline, filters, now, today), after ? { value: String(after.value), id: after.id } : undefined, limit + 1);
  const amountHidden = access.opportunity.hidden.has('amount');
  return toPage(rows, limit, (r) => cardOf(r, pipeline, now, today, amountHidden), (r) => [r.updated_at, r.id], core.cursors, binding);
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { BoardColumnPageSchema, BoardSchema } from '@kairos/domain/board';
import { OpportunitySchema, type MoveOpportunity } from '@kairos/domain/opportunities';
import { DealTaskSchema } from '@kairos/domain/stage-gates';
import { request } from '../../lib/api';
import { opportunitiesKey, opportunityPath } from '../opportunities/api';
import type { BoardApiFilters } from './model';

/** Under the deals' key, so whatever refreshes deals (a new one, an edit elsewhere) refreshes the board too. */
export const boardKey = [...opportunitiesKey, 'board'] as const;
/** Cards per column on the first load, and per page loaded as a column is scrolled. */
export const FIRST_CARDS = 20;
export const MORE_CARDS = 50;

const TaskListSchema = z.object({ items: z.array(DealTaskSchema) });

/** The board of one pipeline (the default when none is given): columns with counts, totals and first cards. */
export function useBoard(filters: BoardApiFilters, enabled = true) {
  return useQuery({
    queryKey: [...boardKey, 'columns', filters],
    queryFn: ({ signal }) => request('/api/board', { query: { ...filters, perColumn: FIRST_CARDS }, schema: BoardSchema, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * More cards of one column, after the cursor the board gave it; `enabled` once the column is scrolled near
 * the end of its first cards. The key carries that first cursor, so a reloaded board with other first
 * cards starts over.
 */
export function useColumnMore(stageId: string, filters: BoardApiFilters, firstCursor: string | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...boardKey, 'column', filters, stageId, firstCursor],
    queryFn: ({ pageParam, signal }) =>
      request('/api/board/column', { query: { ...filters, stageId, cursor: pageParam, limit: MORE_CARDS }, schema: BoardColumnPageSchema, signal }),
    initialPageParam: firstCursor ?? undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: enabled && !!firstCursor,
  });
}

/** Refreshes the board and the deal screens after a move. */
export function useRefreshBoard() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: opportunitiesKey });
}

/** Moves a deal; a refusing gate answers 422 stage_gate_failed with `unmet` (see model.gateItemsOf). */
export function useBoardMove() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MoveOpportunity }) => request(`${opportunityPath(id)}/move`, { method: 'POST', body, schema: OpportunitySchema }),
  });
}

/** A deal's stage tasks (the gate dialog ticks the open ones of the stage being left). */
export function useDealTasks(id: string | undefined) {
  return useQuery({
    queryKey: [...boardKey, 'tasks', id],
    queryFn: ({ signal }) => request(`${opportunityPath(id ?? '')}/tasks`, { schema: TaskListSchema, signal }),
    enabled: !!id,
  });
}

export function useSetTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dealId, taskId, done }: { dealId: string; taskId: string; done: boolean }) =>
      request(`${opportunityPath(dealId)}/tasks/${encodeURIComponent(taskId)}`, { method: 'POST', body: { done }, schema: DealTaskSchema }),
    onSuccess: (_task, { dealId }) => void queryClient.invalidateQueries({ queryKey: [...boardKey, 'tasks', dealId] }),
  });
}

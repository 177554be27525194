import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { DealTaskSchema, type DealTask } from '@kairos/domain/stage-gates';
import { request } from '../../lib/api';
import { opportunitiesKey, opportunityPath, opportunityTimelineKey } from './api';

/** A deal's stage tasks (节点动作), of every stage it has been in. */
const TaskListSchema = z.object({ items: z.array(DealTaskSchema) });
export const dealTasksKey = (id: string) => [...opportunitiesKey, 'tasks', id] as const;

export function useDealTasks(dealId: string, stageId?: string) {
  // The stage in the key: a move creates the new stage's tasks, so they are read again.
  return useQuery({
    queryKey: [...dealTasksKey(dealId), stageId],
    queryFn: ({ signal }) => request(`${opportunityPath(dealId)}/tasks`, { schema: TaskListSchema, signal }),
    select: (data) => data.items,
  });
}

/** Ticks a task off or re-opens it; the deal's editors and the task's assignee may (others get 403/404). */
export function useSetTaskDone(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, done }: { task: DealTask; done: boolean }) =>
      request(`${opportunityPath(dealId)}/tasks/${encodeURIComponent(task.id)}`, { method: 'POST', body: { done }, schema: DealTaskSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dealTasksKey(dealId) });
      void queryClient.invalidateQueries({ queryKey: opportunityTimelineKey(dealId) });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ViewSchema, type CreateView, type UpdateView, type View, type ViewEntity } from '@kairos/domain/views';
import { request } from '../../lib/api';

/**
 * Saved views (视图) of the three record lists: the caller's own and the shared ones. A view only sets
 * what a list asks for; the list still shows only the records the caller may see.
 */
export const viewsKey = ['views'] as const;
export const viewListKey = (entity: ViewEntity) => [...viewsKey, entity] as const;
const ViewListSchema = z.object({ items: z.array(ViewSchema) });
const viewPath = (id: string) => `/api/views/${encodeURIComponent(id)}`;

/** The caller's views of one list and the shared ones (shared first, then by name). */
export function useViews(entity: ViewEntity) {
  return useQuery({
    queryKey: viewListKey(entity),
    queryFn: ({ signal }) => request('/api/views', { query: { entity }, schema: ViewListSchema, signal }),
    select: (data) => data.items,
    // Read again whenever a list opens (it is small): a link to a view created a moment ago must find it.
  });
}

type ViewList = z.infer<typeof ViewListSchema>;

/**
 * Puts a view the server just answered with into its list at once (a new view is selected right away and
 * must be found there), then refreshes the list for its order and for others' changes.
 */
export function useStoreView() {
  const queryClient = useQueryClient();
  return (view: View) => {
    queryClient.setQueryData<ViewList>(viewListKey(view.entity), (list) =>
      list ? { items: list.items.some((v) => v.id === view.id) ? list.items.map((v) => (v.id === view.id ? view : v)) : [...list.items, view] } : list,
    );
    return queryClient.invalidateQueries({ queryKey: viewListKey(view.entity) });
  };
}

export function useCreateView() {
  const store = useStoreView();
  return useMutation({
    mutationFn: (body: CreateView) => request('/api/views', { method: 'POST', body, schema: ViewSchema }),
    onSuccess: (view) => void store(view),
  });
}

/** Changes a view; `body.version` must be the version on screen (stale → 409 version_conflict with `current`). */
export function useUpdateView() {
  const store = useStoreView();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateView }) => request(viewPath(id), { method: 'PATCH', body, schema: ViewSchema }),
    onSuccess: (view) => void store(view),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string; entity: ViewEntity }) => request(viewPath(id), { method: 'DELETE' }),
    onSuccess: (_, { id, entity }) => {
      queryClient.setQueryData<ViewList>(viewListKey(entity), (list) => (list ? { items: list.items.filter((v) => v.id !== id) } : list));
      return queryClient.invalidateQueries({ queryKey: viewListKey(entity) });
    },
  });
}

/** The view a version conflict carries (someone else's save), if the answer has one. */
export function currentViewOf(body: unknown): View | null {
  const parsed = ViewSchema.safeParse((body as { current?: unknown } | null)?.current);
  return parsed.success ? parsed.data : null;
}

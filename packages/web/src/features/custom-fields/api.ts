import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CustomFieldSchema, type CreateCustomField, type CustomField, type UpdateCustomField } from '@kairos/domain/custom-fields';
import { request } from '../../lib/api';
import { customFieldsKey } from '../../lib/custom-fields';

/**
 * Defining custom fields (administrators with workspace.manage). The definitions are read through
 * lib/custom-fields (every form uses them); a change refreshes them, and a deletion also the records,
 * whose responses stop carrying the field's values.
 */
const fieldPath = (id: string) => `/api/fields/${encodeURIComponent(id)}`;
const RECORD_ROOTS = [['customers'], ['contacts'], ['opportunities']] as const;

function useRefreshFields() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customFieldsKey });
}

export function useCreateField() {
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: (body: CreateCustomField) => request('/api/fields', { method: 'POST', body, schema: CustomFieldSchema }),
    onSuccess: refresh,
  });
}

/** Changes labels, options, order or "required"; `body.version` must be the version on screen. */
export function useUpdateField() {
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomField }) => request(fieldPath(id), { method: 'PATCH', body, schema: CustomFieldSchema }),
    onSuccess: refresh,
  });
}

export function useDeleteField() {
  const queryClient = useQueryClient();
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: (id: string) => request(fieldPath(id), { method: 'DELETE' }),
    onSuccess: () => Promise.all([refresh(), ...RECORD_ROOTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))]),
  });
}

/** Moves fields to new positions one after the other (each with its own version); refreshes once at the end. */
export function useReorderFields() {
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: async (moves: { field: CustomField; position: number }[]) => {
      for (const { field, position } of moves) await request(fieldPath(field.id), { method: 'PATCH', body: { version: field.version, position }, schema: CustomFieldSchema });
    },
    onSettled: refresh,
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DepartmentSchema, type CreateDepartment, type UpdateDepartment } from '@kairos/domain/departments';
import { request } from '../../lib/api';
import { departmentsKey, usersKey } from '../../lib/directory';

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: departmentsKey });
    void queryClient.invalidateQueries({ queryKey: usersKey });
  };
}

export function useCreateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateDepartment) => request('/api/departments', { method: 'POST', body, schema: DepartmentSchema }),
    onSuccess: invalidate,
  });
}

/** Renames, moves (parentId), sets the head or the order; `version` must be the one on screen. */
export function useUpdateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDepartment }) =>
      request(`/api/departments/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: DepartmentSchema }),
    onSettled: invalidate,
  });
}

export function useDeleteDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => request(`/api/departments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

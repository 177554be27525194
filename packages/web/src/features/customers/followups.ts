import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FollowUpSchema, type CreateFollowUp, type UpdateFollowUp } from '@kairos/domain/followups';
import { request } from '../../lib/api';
import { customersKey } from './api';

/**
 * Follow-ups (跟进记录) logged on a customer. Every change moves the customer's last / next follow-up
 * and its timeline, so each one refreshes the customer queries (the record, its timeline and the lists).
 */
const followUpPath = (id: string) => `/api/followups/${encodeURIComponent(id)}`;

function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customersKey });
}

/** Logs a follow-up; `idempotencyKey` is the same for retries of one submission, so a retry never logs two. */
export function useCreateFollowUp() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateFollowUp; idempotencyKey: string }) =>
      request('/api/followups', { method: 'POST', body, schema: FollowUpSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Corrects one's own follow-up; `body.version` must be the version on screen. */
export function useUpdateFollowUp() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFollowUp }) => request(followUpPath(id), { method: 'PATCH', body, schema: FollowUpSchema }),
    onSuccess: invalidate,
  });
}

/** Removes one's own follow-up. */
export function useDeleteFollowUp() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (id: string) => request(followUpPath(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

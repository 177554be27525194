import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { pageOf } from '@kairos/domain/common';
import {
  CustomerSchema,
  type CreateCustomer,
  type CustomerListQuery,
  type DuplicateMatch,
  type MergeCustomer,
  type TransferCustomer,
  type UpdateCustomer,
} from '@kairos/domain/customers';
import { request } from '../../lib/api';
import { duplicateMatchesOf as sharedDuplicateMatchesOf } from '../../lib/duplicates';

const CustomerPageSchema = pageOf(CustomerSchema);

export const customersKey = ['customers'] as const;
const customerListsKey = [...customersKey, 'list'] as const;
export const customerTimelineKey = (id: string) => [...customersKey, 'timeline', id] as const;
const PAGE_SIZE = 50;

/** What the list page filters on; `deleted` switches to the recycle bin. */
export type CustomerFilters = Partial<Pick<CustomerListQuery, 'q' | 'ownerId' | 'status' | 'level' | 'tag' | 'customKey' | 'customValue' | 'sort'>> & { deleted?: boolean };

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

/** Customers matching the filters, a keyset page at a time. */
export function useCustomerList(filters: CustomerFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...customerListsKey, filters],
    queryFn: ({ pageParam, signal }) =>
      request('/api/customers', { query: { limit: PAGE_SIZE, cursor: pageParam, ...filters }, schema: CustomerPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const customerKey = (id: string) => [...customersKey, 'one', id] as const;

export function fetchCustomer(id: string, signal?: AbortSignal) {
  return request(customerPath(id), { schema: CustomerSchema, signal });
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKey(id), queryFn: ({ signal }) => fetchCustomer(id, signal) });
}

/** The live duplicate check; shared with contacts, so it lives in lib/. */
export { useDuplicateCheck } from '../../lib/duplicates';

/** The matches a duplicate 409 (`duplicate_warning` / `duplicate_customer`) carries, if it is one. */
export function duplicateMatchesOf(error: unknown): { code: 'duplicate_warning' | 'duplicate_customer'; matches: DuplicateMatch[] } | null {
  const duplicate = sharedDuplicateMatchesOf(error);
  if (!duplicate || duplicate.code === 'duplicate_contact') return null;
  return { code: duplicate.code, matches: duplicate.matches };
}

function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customersKey });
}

/** Creates a customer; `idempotencyKey` is the same for retries of one submission, so a retry never makes two. */
export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateCustomer; idempotencyKey: string }) =>
      request('/api/customers', { method: 'POST', body, schema: CustomerSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Edits a customer; `body.version` must be the version on screen (stale → 409 version_conflict with `current`). */
export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomer }) => request(customerPath(id), { method: 'PATCH', body, schema: CustomerSchema }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      void invalidate();
    },
  });
}

/**
 * Moves a customer to the recycle bin. Only the lists are refreshed here: the page showing the customer
 * leaves first and then drops it (`forgetCustomer`), so it never flashes a "not found".
 */
export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(customerPath(id), { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerListsKey }),
  });
}

/** Drops a customer the user no longer sees (deleted, or transferred out of their scope) from the cache. */
export function forgetCustomer(queryClient: QueryClient, id: string) {
  queryClient.removeQueries({ queryKey: customerKey(id) });
  queryClient.removeQueries({ queryKey: customerTimelineKey(id) });
}

export function useRestoreCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`${customerPath(id)}/restore`, { method: 'POST', schema: CustomerSchema }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });
}

/**
 * Hands a customer to a colleague. Only the lists are refreshed here: the caller may have just given away
 * its own access, so the page checks that (see the detail page) before refreshing the customer itself.
 * Its open deals and contacts may have moved along, so those features' queries (by their key roots)
 * refresh too.
 */
export function useTransferCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TransferCustomer }) =>
      request(`${customerPath(id)}/transfer`, { method: 'POST', body, schema: CustomerSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerListsKey });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}

/**
 * Merges a duplicate into a customer (the survivor). Both versions must be those last read; the answer is
 * the survivor as it now is. Contacts, deals, follow-ups, comments and files moved, so every query
 * refreshes (the duplicate's own are dropped: it no longer exists).
 */
export function useMergeCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MergeCustomer }) => request(`${customerPath(id)}/merge`, { method: 'POST', body, schema: CustomerSchema }),
    onSuccess: (customer, { body }) => {
      forgetCustomer(queryClient, body.duplicateId);
      queryClient.setQueryData(customerKey(customer.id), customer);
      void queryClient.invalidateQueries();
    },
  });
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { BulkResultSchema, pageOf } from '@kairos/domain/common';
import { ContactSchema, type BulkContactAction, type ContactListQuery, type CreateContact, type TransferContact, type UpdateContact } from '@kairos/domain/contacts';
import { request } from '../../lib/api';

const ContactPageSchema = pageOf(ContactSchema);

export const contactsKey = ['contacts'] as const;
const contactListsKey = [...contactsKey, 'list'] as const;
export const contactTimelineKey = (id: string) => [...contactsKey, 'timeline', id] as const;
const PAGE_SIZE = 50;

export type ContactFilters = Partial<
  Pick<ContactListQuery, 'q' | 'customerId' | 'ownerId' | 'deleted' | 'departmentId' | 'decisionRole' | 'tag' | 'updatedFrom' | 'updatedTo' | 'customKey' | 'customValue' | 'sort'>
>;

const contactPath = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

/** Contacts matching the filters (newest change first), a keyset page at a time. */
export function useContactList(filters: ContactFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...contactListsKey, filters],
    queryFn: ({ pageParam, signal }) => request('/api/contacts', { query: { limit: PAGE_SIZE, cursor: pageParam, ...filters }, schema: ContactPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Just the name of a customer, for showing which customer a contact belongs to. */
const CustomerNameSchema = z.object({ id: z.string(), name: z.string() });

/**
 * Customer id → name for the contacts on screen. A contact carries only its customer's id, so the names
 * are read one customer at a time (cached; a page of contacts usually belongs to a few customers).
 */
export function useCustomerNames(ids: readonly string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: [...contactsKey, 'customer-name', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => request(`/api/customers/${encodeURIComponent(id)}`, { schema: CustomerNameSchema, signal }),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const id = unique[index];
    if (id && result.data) names.set(id, result.data.name);
  });
  return names;
}

function useInvalidateContacts() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: contactListsKey });
}

/** Adds a contact; `idempotencyKey` is the same for retries of one submission, so a retry never adds two. */
export function useCreateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateContact; idempotencyKey: string }) =>
      request('/api/contacts', { method: 'POST', body, schema: ContactSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Edits a contact; `body.version` must be the version on screen (stale → 409 version_conflict with `current`). */
export function useUpdateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateContact }) => request(contactPath(id), { method: 'PATCH', body, schema: ContactSchema }),
    onSuccess: invalidate,
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (id: string) => request(contactPath(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** Brings back a deleted contact from the recycle bin (409 not_restorable once its days ran out). */
export function useRestoreContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`${contactPath(id)}/restore`, { method: 'POST', schema: ContactSchema }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contactsKey }),
  });
}

/**
 * Makes a colleague the contact's owner; `body.version` must be the version on screen (stale → 409).
 * 422 `owner_cannot_see` on `toUserId` when the colleague could not see the contact's customer.
 */
export function useTransferContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TransferContact }) => request(`${contactPath(id)}/transfer`, { method: 'POST', body, schema: ContactSchema }),
    // A stale version (409) reloads the list too, so the next try starts from what is current.
    onSettled: invalidate,
  });
}

/** Assigns, tags or deletes many contacts; each id is checked on its own and reported. */
export function useBulkContacts() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (body: BulkContactAction) => request('/api/contacts/bulk', { method: 'POST', body, schema: BulkResultSchema }),
    onSettled: invalidate,
  });
}

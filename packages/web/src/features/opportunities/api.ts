import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { BulkResultSchema, pageOf } from '@kairos/domain/common';
import { ContactSchema } from '@kairos/domain/contacts';
import { CustomerSchema } from '@kairos/domain/customers';
import {
  OpportunitySchema,
  type BulkOpportunityAction,
  type CreateOpportunity,
  type MoveOpportunity,
  type Opportunity,
  type OpportunityListQuery,
  type TeamMemberInput,
  type TransferOpportunity,
  type UpdateOpportunity,
} from '@kairos/domain/opportunities';
import { PipelineSchema } from '@kairos/domain/pipelines';
import { request } from '../../lib/api';
import { stageIndex } from './model';

const OpportunityPageSchema = pageOf(OpportunitySchema);
const PipelinesSchema = z.object({ items: z.array(PipelineSchema) });
/** Only what the pickers show: the rest of a customer or contact is not needed to pick one. */
const CustomerOptionPageSchema = pageOf(CustomerSchema.pick({ id: true, name: true, city: true }));
const ContactOptionPageSchema = pageOf(ContactSchema.pick({ id: true, name: true, title: true }));

export const opportunitiesKey = ['opportunities'] as const;
const opportunityListsKey = [...opportunitiesKey, 'list'] as const;
export const opportunityKey = (id: string) => [...opportunitiesKey, 'one', id] as const;
export const opportunityTimelineKey = (id: string) => [...opportunitiesKey, 'timeline', id] as const;
const pipelinesKey = ['pipelines'] as const;
const PAGE_SIZE = 50;
const PICKER_SIZE = 20;

/** What the list page filters on (amounts in minor units); `deleted` switches to the recycle bin. */
export type OpportunityFilters = Partial<
  Pick<
    OpportunityListQuery,
    'q' | 'customerId' | 'ownerId' | 'pipelineId' | 'stageId' | 'status' | 'tag' | 'amountMin' | 'amountMax' | 'closeFrom' | 'closeTo' | 'customKey' | 'customValue' | 'sort'
  >
> & { deleted?: boolean };

export const opportunityPath = (id: string) => `/api/opportunities/${encodeURIComponent(id)}`;

/** The pipelines with their stages (default first); they change rarely. */
export function usePipelines(enabled = true) {
  return useQuery({
    queryKey: pipelinesKey,
    queryFn: ({ signal }) => request('/api/pipelines', { schema: PipelinesSchema, signal }),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** Opportunities matching the filters, a keyset page at a time. */
export function useOpportunityList(filters: OpportunityFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...opportunityListsKey, filters],
    queryFn: ({ pageParam, signal }) =>
      request('/api/opportunities', { query: { limit: PAGE_SIZE, cursor: pageParam, ...filters }, schema: OpportunityPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function fetchOpportunity(id: string, signal?: AbortSignal) {
  return request(opportunityPath(id), { schema: OpportunitySchema, signal });
}

export function useOpportunity(id: string) {
  return useQuery({ queryKey: opportunityKey(id), queryFn: ({ signal }) => fetchOpportunity(id, signal) });
}

/** Customers whose name starts with what was typed, for the customer picker. */
export function useCustomerOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'customer-options', q],
    queryFn: ({ signal }) => request('/api/customers', { query: { q: q || undefined, limit: PICKER_SIZE }, schema: CustomerOptionPageSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

/** The contacts of one customer, for the contact picker (and for naming the contact on the page). */
export function useContactOptions(customerId: string | undefined) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'contact-options', customerId],
    queryFn: ({ signal }) => request('/api/contacts', { query: { customerId, limit: 200 }, schema: ContactOptionPageSchema, signal }),
    staleTime: 30_000,
    enabled: !!customerId,
  });
}

function useInvalidateOpportunities() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: opportunitiesKey });
}

/**
 * A changed deal: the record on screen updates at once, and the lists and its timeline refresh. Only a
 * single read says what the caller may do (`can`), so the deal is read again for it, keeping the last
 * answer on screen meanwhile.
 */
function useStoreOpportunity() {
  const queryClient = useQueryClient();
  return (deal: Opportunity) => {
    const previous = queryClient.getQueryData<Opportunity>(opportunityKey(deal.id));
    queryClient.setQueryData(opportunityKey(deal.id), { ...deal, can: deal.can ?? previous?.can });
    if (!deal.can) void queryClient.invalidateQueries({ queryKey: opportunityKey(deal.id), exact: true });
    void queryClient.invalidateQueries({ queryKey: opportunityListsKey });
    void queryClient.invalidateQueries({ queryKey: opportunityTimelineKey(deal.id) });
  };
}

/** Creates a deal; `idempotencyKey` is the same for retries of one submission, so a retry never makes two. */
export function useCreateOpportunity() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOpportunity; idempotencyKey: string }) =>
      request('/api/opportunities', { method: 'POST', body, schema: OpportunitySchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Edits a deal; `body.version` must be the version on screen (stale → 409 version_conflict with `current`). */
export function useUpdateOpportunity() {
  const store = useStoreOpportunity();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOpportunity }) => request(opportunityPath(id), { method: 'PATCH', body, schema: OpportunitySchema }),
    onSuccess: store,
  });
}

/** Moves a deal to another stage; the won and lost stages close it. Stage gates may refuse (422 with `fields`). */
export function useMoveOpportunity() {
  const store = useStoreOpportunity();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MoveOpportunity }) => request(`${opportunityPath(id)}/move`, { method: 'POST', body, schema: OpportunitySchema }),
    onSuccess: store,
  });
}

/** Adds a colleague to the deal team, or changes their role or access. */
export function usePutTeamMember() {
  const store = useStoreOpportunity();
  return useMutation({
    mutationFn: ({ id, member }: { id: string; member: TeamMemberInput }) =>
      request(`${opportunityPath(id)}/team/${encodeURIComponent(member.userId)}`, { method: 'PUT', body: { role: member.role, access: member.access }, schema: OpportunitySchema }),
    onSuccess: store,
  });
}

export function useRemoveTeamMember() {
  const store = useStoreOpportunity();
  return useMutation({
    mutationFn: ({ id, userId }: { id: string; userId: string }) =>
      request(`${opportunityPath(id)}/team/${encodeURIComponent(userId)}`, { method: 'DELETE', schema: OpportunitySchema }),
    onSuccess: store,
  });
}

/**
 * Moves a deal to the recycle bin. Only the lists are refreshed here: the page showing the deal leaves
 * first and then drops it (`forgetOpportunity`), so it never flashes a "not found".
 */
export function useDeleteOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(opportunityPath(id), { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityListsKey }),
  });
}

/**
 * Puts a changed deal into every loaded page of the lists at once, so its row shows the new values (and
 * the new version, for the next edit) before the lists' refetch answers.
 */
export function replaceListedOpportunity(queryClient: QueryClient, deal: Opportunity) {
  queryClient.setQueriesData<InfiniteData<z.infer<typeof OpportunityPageSchema>>>({ queryKey: opportunityListsKey }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((o) => (o.id === deal.id ? { ...deal, can: deal.can ?? o.can } : o)) })) } : data,
  );
}

/** Drops a deal the user no longer sees (deleted, or transferred out of their reach) from the cache. */
export function forgetOpportunity(queryClient: QueryClient, id: string) {
  queryClient.removeQueries({ queryKey: opportunityKey(id) });
  queryClient.removeQueries({ queryKey: opportunityTimelineKey(id) });
}

export function useRestoreOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`${opportunityPath(id)}/restore`, { method: 'POST', schema: OpportunitySchema }),
    onSuccess: (deal) => {
      queryClient.setQueryData(opportunityKey(deal.id), deal);
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
    },
  });
}

/**
 * Hands a deal to a colleague. Only the lists are refreshed here: the caller may have just given away
 * its own access, so the page checks that before refreshing the deal itself.
 */
export function useTransferOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TransferOpportunity }) =>
      request(`${opportunityPath(id)}/transfer`, { method: 'POST', body, schema: OpportunitySchema }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityListsKey }),
  });
}

/** Assigns, tags or deletes many deals; each id is checked on its own and reported. */
export function useBulkOpportunities() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: (body: BulkOpportunityAction) => request('/api/opportunities/bulk', { method: 'POST', body, schema: BulkResultSchema }),
    onSettled: invalidate,
  });
}

/** Stage id → stage over every pipeline; empty until the pipelines have loaded. */
export function useStages() {
  const pipelines = usePipelines();
  return useMemo(() => stageIndex(pipelines.data?.items), [pipelines.data]);
}

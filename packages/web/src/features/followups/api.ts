import { keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { pageOf } from '@kairos/domain/common';
import { ContactSchema } from '@kairos/domain/contacts';
import { CustomerSchema } from '@kairos/domain/customers';
import { FollowUpSchema, type FollowUp, type FollowUpListQuery } from '@kairos/domain/followups';
import { OpportunitySchema } from '@kairos/domain/opportunities';
import { request } from '../../lib/api';
import { recordIdsOf } from './model';

const FollowUpPageSchema = pageOf(FollowUpSchema);
export const followUpsKey = ['followups'] as const;
const PAGE_SIZE = 30;

export type FeedQuery = Pick<FollowUpListQuery, 'authorId' | 'type' | 'occurredFrom' | 'occurredTo' | 'sort'>;

/** Follow-ups on every record the member may see, newest (or oldest) first, a keyset page at a time. */
export function useFollowUpFeed(query: FeedQuery) {
  return useInfiniteQuery({
    queryKey: [...followUpsKey, 'feed', query],
    queryFn: ({ pageParam, signal }) => request('/api/followups', { query: { ...query, limit: PAGE_SIZE, cursor: pageParam }, schema: FollowUpPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Follow-ups are logged on the record pages: coming back here shows them, however recent the last look.
    refetchOnMount: 'always',
    // A changed filter keeps the last answer on screen (dimmed) until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

// What the feed needs of each record: its name, where a contact or deal belongs, whether its next follow-up is still due.
const CustomerRefSchema = CustomerSchema.pick({ id: true, name: true, nextFollowUpOn: true });
const OpportunityRefSchema = OpportunitySchema.pick({ id: true, name: true, customerName: true, status: true, nextFollowUpOn: true });
const ContactRefSchema = ContactSchema.pick({ id: true, name: true, customerName: true, nextFollowUpOn: true });

const REF_SOURCES = {
  customer: { path: '/api/customers', schema: pageOf(CustomerRefSchema) },
  opportunity: { path: '/api/opportunities', schema: pageOf(OpportunityRefSchema) },
  contact: { path: '/api/contacts', schema: pageOf(ContactRefSchema) },
} as const;

export interface RecordRef {
  name: string;
  /** The customer a deal or a contact belongs to. */
  customerName: string | null;
  nextFollowUpOn: string | null;
  /** A deal that is won or lost needs no next follow-up. */
  closed: boolean;
}

/** What is known of the records on screen, by "type:id"; `pending` while some are still being read. */
export interface RecordRefs {
  get(type: FollowUp['targetType'], id: string): RecordRef | undefined;
  /** True once the record's batch has answered: a missing record then cannot be read by this member. */
  settled(type: FollowUp['targetType'], id: string): boolean;
}

/**
 * The customers, deals and contacts a loaded feed is about, read with the record lists' `ids` filter: one
 * request per record type and page of follow-ups (never one per entry), cached under each feature's key so
 * a rename there refreshes the names here. Records the member cannot read are simply not returned.
 */
export function useRecordRefs(pages: readonly (readonly FollowUp[])[]): RecordRefs {
  const batches = pages.flatMap((items) => {
    const ids = recordIdsOf(items);
    return (['customer', 'opportunity', 'contact'] as const).filter((type) => ids[type].length > 0).map((type) => ({ type, ids: ids[type] }));
  });
  const results = useQueries({
    queries: batches.map(({ type, ids }) => ({
      queryKey: [type === 'customer' ? 'customers' : type === 'opportunity' ? 'opportunities' : 'contacts', 'refs', ids.join(',')],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const source = REF_SOURCES[type];
        const page = await request(source.path, { query: { ids: ids.join(','), limit: ids.length }, schema: source.schema, signal });
        return page.items.map((item) => ({ type, item }));
      },
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  // A few dozen records at most: worked out afresh each render, nothing to memoise.
  const refs = new Map<string, RecordRef>();
  const settled = new Set<string>();
  results.forEach((result, index) => {
    const batch = batches[index];
    if (!batch || !result.isFetched) return;
    for (const id of batch.ids) settled.add(`${batch.type}:${id}`);
    for (const { type, item } of result.data ?? []) {
      refs.set(`${type}:${item.id}`, {
        name: item.name,
        customerName: 'customerName' in item ? item.customerName : null,
        nextFollowUpOn: item.nextFollowUpOn,
        closed: 'status' in item && item.status !== 'open',
      });
    }
  });
  return {
    get: (type, id) => refs.get(`${type}:${id}`),
    settled: (type, id) => settled.has(`${type}:${id}`),
  };
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SearchResultSchema, type SearchHit } from '@kairos/domain/search';
import { request } from '../../lib/api';

const SEARCH_LIMIT = 20;

/**
 * The global search (客户、联系人、商机 the caller may see): any part of a name, pinyin initials, a phone
 * fragment or an e-mail. The last answer stays on screen while the next one loads, so the list does not
 * flicker while typing. `q` is debounced by the caller.
 */
export function useSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => request('/api/search', { query: { q, limit: SEARCH_LIMIT }, schema: SearchResultSchema, signal }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
}

/** Where a hit opens: contacts have no page of their own yet, so they open their customer's. */
export function hitPath(hit: SearchHit): string {
  switch (hit.type) {
    case 'customer':
      return `/customers/${hit.id}`;
    case 'contact':
      return hit.customerId ? `/customers/${hit.customerId}` : '/contacts';
    case 'opportunity':
      return `/opportunities/${hit.id}`;
  }
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { DuplicateCheckResultSchema, DuplicateMatchSchema, type DuplicateCheckRequest, type DuplicateMatch } from '@kairos/domain/customers';
import { ApiError, request } from './api';

/**
 * The duplicate check (查重) customers and contacts share: the live check while typing, and the matches
 * a refused save carries. The settings page drops the `['duplicates']` answers when the policy changes.
 */
export const duplicatesKey = ['duplicates'] as const;

/**
 * Records that look like what is being typed. The input is debounced by the caller; the last answer
 * stays on screen while the next one loads, so the warning does not flicker.
 */
export function useDuplicateCheck(input: DuplicateCheckRequest | null) {
  return useQuery({
    queryKey: [...duplicatesKey, input],
    queryFn: ({ signal }) => request('/api/duplicates/check', { method: 'POST', body: input, schema: DuplicateCheckResultSchema, signal }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
}

type DuplicateCode = 'duplicate_warning' | 'duplicate_customer' | 'duplicate_contact';

/** The matches a duplicate 409 (a warning to confirm, or a refusal under the "block" policy) carries, if it is one. */
export function duplicateMatchesOf(error: unknown): { code: DuplicateCode; blocked: boolean; matches: DuplicateMatch[] } | null {
  if (!(error instanceof ApiError)) return null;
  const code = (['duplicate_warning', 'duplicate_customer', 'duplicate_contact'] as const).find((c) => error.is(c));
  if (!code) return null;
  const parsed = z.array(DuplicateMatchSchema).safeParse((error.body as { matches?: unknown } | null)?.matches);
  return { code, blocked: code !== 'duplicate_warning', matches: parsed.success ? parsed.data : [] };
}

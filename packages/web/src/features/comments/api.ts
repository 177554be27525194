import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { z } from 'zod';
import { CommentSchema, type Comment } from '@kairos/domain/comments';
import { pageOf } from '@kairos/domain/common';
import { request } from '../../lib/api';
import { commentsKey } from '../../lib/comments';

const CommentPageSchema = pageOf(CommentSchema);
export const mentionsKey = [...commentsKey, 'mentions'] as const;

/** Comments that @mention the signed-in member, newest first, on records they can still see. */
export function useMentions(limit = 20) {
  return useInfiniteQuery({
    queryKey: [...mentionsKey, limit],
    queryFn: ({ pageParam, signal }) => request('/api/comments', { query: { mentionsMe: true, limit, cursor: pageParam }, schema: CommentPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnWindowFocus: true,
  });
}

/** Just a record's name, for saying where a comment was made. */
const NamedSchema = z.object({ id: z.string(), name: z.string() });

const RECORD_PATHS: Record<Comment['targetType'], string> = { customer: '/api/customers', contact: '/api/contacts', opportunity: '/api/opportunities' };

/**
 * "type:id" → name for the records the comments on screen are about. A comment carries only its
 * record's id, so the names are read one record at a time (cached; a page of mentions names a few).
 */
export function useRecordNames(comments: readonly Pick<Comment, 'targetType' | 'targetId'>[]): Map<string, string> {
  const unique = [...new Map(comments.map((c) => [`${c.targetType}:${c.targetId}`, c])).values()];
  const results = useQueries({
    queries: unique.map((c) => ({
      queryKey: [...commentsKey, 'record-name', c.targetType, c.targetId],
      queryFn: ({ signal }: { signal: AbortSignal }) => request(`${RECORD_PATHS[c.targetType]}/${encodeURIComponent(c.targetId)}`, { schema: NamedSchema, signal }),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const c = unique[index];
    if (c && result.data) names.set(`${c.targetType}:${c.targetId}`, result.data.name);
  });
  return names;
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CommentSchema, type CreateComment, type UpdateComment } from '@kairos/domain/comments';
import { request } from './api';

/**
 * Comments (评论) with @mentions on any record's timeline. A comment shows on its record's timeline and in
 * the inbox of everyone it mentions, so every change refreshes the record queries of the three features
 * (their keys start with these roots) and the comment lists.
 */
const REFRESHED_ROOTS = [['customers'], ['contacts'], ['opportunities'], ['comments']] as const;

export const commentsKey = ['comments'] as const;

const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

function useInvalidateComments() {
  const queryClient = useQueryClient();
  return () => Promise.all(REFRESHED_ROOTS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Posts a comment; `idempotencyKey` is the same for retries of one submission, so a retry never posts two. */
export function useCreateComment() {
  const invalidate = useInvalidateComments();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateComment; idempotencyKey: string }) =>
      request('/api/comments', { method: 'POST', body, schema: CommentSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Corrects one's own comment; `body.version` must be the version on screen (stale → 409 with `current`). */
export function useUpdateComment() {
  const invalidate = useInvalidateComments();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateComment }) => request(commentPath(id), { method: 'PATCH', body, schema: CommentSchema }),
    onSuccess: invalidate,
  });
}

/** Removes one's own comment. */
export function useDeleteComment() {
  const invalidate = useInvalidateComments();
  return useMutation({
    mutationFn: (id: string) => request(commentPath(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

// ---------- @mentions in the text: pure rules, unit-tested ----------

/** A member as the @ picker inserts them: the text after "@" and the id sent in `mentions`. */
export interface MentionCandidate {
  id: string;
  label: string;
}

/**
 * What the picker inserts for each member: their name, or — when two active members share a name — the
 * name with the end of their id, so "@name" in the text always points at one person.
 */
export function mentionCandidates(members: readonly { id: string; name: string }[]): MentionCandidate[] {
  const count = new Map<string, number>();
  for (const m of members) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  return members.map((m) => ({ id: m.id, label: (count.get(m.name) ?? 0) > 1 ? `${m.name}#${m.id.slice(-4)}` : m.name }));
}

export type MentionSegment = { text: string; memberId?: undefined } | { text: string; memberId: string };

/**
 * Splits a comment's text into plain runs and "@label" runs of the given members. At each "@" the
 * longest label that follows wins, so "@李强" is 李强 even when someone is called 李.
 */
export function splitMentions(body: string, candidates: readonly MentionCandidate[]): MentionSegment[] {
  const sorted = [...candidates].filter((c) => c.label).sort((a, b) => b.label.length - a.label.length);
  const segments: MentionSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < body.length) {
    if (body[i] === '@') {
      const hit = sorted.find((c) => body.startsWith(c.label, i + 1));
      if (hit) {
        if (plain) segments.push({ text: plain });
        plain = '';
        segments.push({ text: `@${hit.label}`, memberId: hit.id });
        i += hit.label.length + 1;
        continue;
      }
    }
    plain += body[i];
    i += 1;
  }
  if (plain) segments.push({ text: plain });
  return segments;
}

/** The members a text mentions, in order of first mention, each once. */
export function mentionedIds(body: string, candidates: readonly MentionCandidate[]): string[] {
  const ids: string[] = [];
  for (const segment of splitMentions(body, candidates)) if (segment.memberId && !ids.includes(segment.memberId)) ids.push(segment.memberId);
  return ids;
}

/** Two mention lists name the same people (order aside). */
export function sameMentions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

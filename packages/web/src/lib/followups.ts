import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { FollowUpSchema, type CreateFollowUp, type UpdateFollowUp } from '@kairos/domain/followups';
import { request } from './api';

/**
 * Follow-ups (跟进记录) on any record: a customer, a contact or an opportunity. Every follow-up also
 * belongs to the customer of its record, and each change moves the last / next follow-up and the
 * timelines of both, so every change refreshes the record queries of all three features (their query
 * keys start with these roots).
 */
const RECORD_QUERY_ROOTS = [['customers'], ['contacts'], ['opportunities']] as const;

const followUpPath = (id: string) => `/api/followups/${encodeURIComponent(id)}`;

function useInvalidateRecords() {
  const queryClient = useQueryClient();
  return () => Promise.all(RECORD_QUERY_ROOTS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Logs a follow-up; `idempotencyKey` is the same for retries of one submission, so a retry never logs two. */
export function useCreateFollowUp() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateFollowUp; idempotencyKey: string }) =>
      request('/api/followups', { method: 'POST', body, schema: FollowUpSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

/** Corrects one's own follow-up; `body.version` must be the version on screen. */
export function useUpdateFollowUp() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFollowUp }) => request(followUpPath(id), { method: 'PATCH', body, schema: FollowUpSchema }),
    onSuccess: invalidate,
  });
}

/** Removes one's own follow-up. */
export function useDeleteFollowUp() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: (id: string) => request(followUpPath(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** A calendar date (YYYY-MM-DD) moved by whole days; computed in UTC so no timezone or DST shifts it. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The quick picks for the next follow-up date, from today (in the workspace's timezone): tomorrow, in 3 days, next Monday. */
export function quickNextDates(today: string): { tomorrow: string; inThreeDays: string; nextMonday: string } {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday … 6 = Saturday
  const untilMonday = (8 - weekday) % 7 || 7;
  return { tomorrow: addDays(today, 1), inThreeDays: addDays(today, 3), nextMonday: addDays(today, untilMonday) };
}

/** Characters as the follow-up rules count them: trimmed, by code point (an emoji or a 汉字 is one). */
export function contentLength(content: string | null | undefined): number {
  return [...(content ?? '').trim()].length;
}

/** The message for a follow-up rule the entry breaks (codes from the domain's `checkFollowUp` and the server). */
export function followUpRuleMessage(code: string, minContentLength: number, t: TFunction): string {
  switch (code) {
    case 'followup_too_short':
      return t('followUps.rule.tooShort', { n: minContentLength });
    case 'followup_next_step_required':
      return t('followUps.rule.nextStepRequired');
    case 'followup_next_date_required':
      return t('followUps.rule.nextDateRequired');
    case 'in_future':
      return t('followUps.rule.inFuture');
    default:
      return t('validation.invalid');
  }
}

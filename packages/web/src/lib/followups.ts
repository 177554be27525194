import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ProblemSchema } from '@kairos/domain/common';
import { FileSchema, type StoredFile, type UploadFileQuery } from '@kairos/domain/files';
import { FollowUpSchema, type CreateFollowUp, type UpdateFollowUp } from '@kairos/domain/followups';
import { apiHeaders, ApiError, NetworkError, request, withQuery } from './api';
import { filesKey } from './files';

/**
 * Follow-ups (跟进记录) on any record: a customer, a contact or an opportunity. Every follow-up also
 * belongs to the customer of its record, and each change moves the last / next follow-up and the
 * timelines of both, so every change refreshes the record queries of all three features (their query
 * keys start with these roots).
 */
const RECORD_QUERY_ROOTS = [['customers'], ['contacts'], ['opportunities'], filesKey] as const;

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

// ---------- attachments ----------

/** At most this many files on one follow-up (the server's limit too). */
export const MAX_ATTACHMENTS = 10;

/**
 * Uploads one attachment to the follow-up's record, telling `onProgress` the share sent (0–1). `fetch`
 * cannot report upload progress, so this one call goes through XMLHttpRequest, with the same headers and
 * the same errors (`ApiError` with the problem, `NetworkError`) as every other call.
 */
export function uploadAttachment(
  query: UploadFileQuery,
  file: Blob,
  { onProgress, signal }: { onProgress: (share: number) => void; signal?: AbortSignal },
): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery('/api/files', { ...query }));
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(apiHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch (error) {
        reject(new NetworkError(error));
        return;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const problem = ProblemSchema.safeParse(data);
        const fallback = { type: 'about:blank', title: xhr.statusText || `HTTP ${xhr.status}`, status: xhr.status, code: xhr.status >= 500 ? 'internal' : 'bad_request' };
        reject(new ApiError(xhr.status, problem.success ? problem.data : fallback, data));
        return;
      }
      const stored = FileSchema.safeParse(data);
      if (stored.success) resolve(stored.data);
      else reject(new NetworkError(stored.error));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** An attachment being added in the follow-up form: uploading (with its share sent), uploaded (its stored file), or refused. */
export type PendingAttachment = { key: string; name: string; size: number; category: string } & (
  | { state: 'uploading'; progress: number }
  | { state: 'done'; file: StoredFile }
  | { state: 'failed'; error: string }
);

/** The stored files among the pending attachments, in order: what the follow-up sends as `fileIds`. */
export function uploadedFileIds(pending: readonly PendingAttachment[]): string[] {
  return pending.flatMap((p) => (p.state === 'done' ? [p.file.id] : []));
}

/** How many more files may be added, counting those already on the follow-up and those being added (failed ones do not count). */
export function attachmentRoom(existing: number, pending: readonly PendingAttachment[]): number {
  return Math.max(0, MAX_ATTACHMENTS - existing - pending.filter((p) => p.state !== 'failed').length);
}

/**
 * Which attachment a server error about `fileIds.<i>` is about: the i-th uploaded one, as sent.
 * Returns attachment key → message.
 */
export function attachmentErrors(pending: readonly PendingAttachment[], fields: readonly { path: string; message: string }[]): Map<string, string> {
  const sent = pending.filter((p) => p.state === 'done');
  const errors = new Map<string, string>();
  for (const field of fields) {
    const match = /^fileIds\.(\d+)$/.exec(field.path);
    const attachment = match ? sent[Number(match[1])] : undefined;
    if (attachment && !errors.has(attachment.key)) errors.set(attachment.key, field.message);
  }
  return errors;
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

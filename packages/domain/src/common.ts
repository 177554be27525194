import { z } from 'zod';

/** Text a person typed: trimmed, NFC-normalised, free of NUL bytes and lone surrogates. */
export function text(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => !s.includes('\u0000'), { message: 'contains a NUL character', params: { reason: 'nul' } })
        .refine((s) => s.isWellFormed(), { message: 'contains an invalid character', params: { reason: 'surrogate' } }),
    );
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1));
}

export const IdSchema = z.uuid();

/** The records people work on: follow-ups, comments, files and notifications hang off one of them. */
export const RECORD_TYPES = ['customer', 'contact', 'opportunity'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const TimestampSchema = z.iso.datetime({ offset: true });

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.email());

export const PasswordSchema = z.string().min(8).max(200);

/** A `true`/`false` query parameter (default false), as a boolean. */
export const QueryFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

/** An amount in minor units given as a query parameter (digits only), as a number. */
export const MinorUnitsParam = z.string().regex(/^\d{1,15}$/).transform(Number);

/** Today's calendar date (YYYY-MM-DD) in a time zone (the workspace's); the runtime's zone if it is unknown. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/**
 * Filters every record list takes: a tag, an update-time range, one custom field's value, and the recycle
 * bin (deleted records still restorable; needs the delete right).
 */
export const RecordListFilters = {
  /** Only these records (comma-separated ids, at most 100): names for a page of follow-ups or notifications in one call. */
  ids: z
    .string()
    .max(3800)
    .transform((v) => [...new Set(v.split(',').filter(Boolean))])
    .pipe(z.array(IdSchema).max(100))
    .optional(),
  tag: text(20).optional(),
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  updatedTo: z.iso.datetime({ offset: true }).optional(),
  /** A custom field's key and the value it must have (a choice of a multi-select; numbers compare as numbers). */
  customKey: text(40).optional(),
  customValue: text(200).optional(),
  deleted: QueryFlag,
};

/** Every list endpoint takes these and returns `{ items, nextCursor }`. */
export const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const VersionSchema = z.number().int().positive();

export const OkSchema = z.object({ ok: z.literal(true) });

/** RFC 9457 problem details. Loose: a 409 carries `current` (the latest record), a 429 its wait. */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** One action over many records from a list: each id is checked on its own and reported. */
export const BulkRecordActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), ids: z.array(IdSchema).min(1).max(200), toUserId: IdSchema }),
  z.object({ action: z.literal('addTag'), ids: z.array(IdSchema).min(1).max(200), tag: requiredText(20) }),
  z.object({ action: z.literal('delete'), ids: z.array(IdSchema).min(1).max(200) }),
]);
export type BulkRecordAction = z.infer<typeof BulkRecordActionSchema>;

export const BulkResultSchema = z.object({
  /** `messages`: what stopped this record, in the caller's language (a stage gate's unmet items). */
  results: z.array(z.object({ id: IdSchema, ok: z.boolean(), code: z.string().optional(), messages: z.array(z.string()).optional() })),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

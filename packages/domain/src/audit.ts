import { z } from 'zod';
import { IdSchema, ListQuerySchema, TimestampSchema } from './common';

export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  field: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListQuerySchema = ListQuerySchema.extend({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
});

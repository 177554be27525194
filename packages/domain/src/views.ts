import { z } from 'zod';
import { IdSchema, requiredText, TimestampSchema, VersionSchema } from './common';
import { ContactListQuerySchema, ContactSchema } from './contacts';
import { CustomerListQuerySchema, CustomerSchema } from './customers';
import { OpportunityListQuerySchema, OpportunitySchema } from './opportunities';

/**
 * Saved views (视图): a list's filters, sort and columns under a name, personal or shared with the whole
 * workspace. Filters are the list endpoint's own query parameters, checked with its schema, so a view
 * can never hold a filter the list would refuse.
 */
export const VIEW_ENTITIES = ['customer', 'contact', 'opportunity'] as const;
export type ViewEntity = (typeof VIEW_ENTITIES)[number];

const LIST_QUERIES = { customer: CustomerListQuerySchema, contact: ContactListQuerySchema, opportunity: OpportunityListQuerySchema } as const;
const RECORDS = { customer: CustomerSchema, contact: ContactSchema, opportunity: OpportunitySchema } as const;

/** Columns a view may show: the record's own fields, and custom fields as `custom.<key>`. */
export function isViewColumn(entity: ViewEntity, column: string): boolean {
  return Object.hasOwn(RECORDS[entity].shape, column) || /^custom\.[a-z][a-z0-9_]{0,39}$/.test(column);
}

const Filters = z.record(z.string().max(40), z.string().max(200)).refine((f) => Object.keys(f).length <= 30, { message: 'too many filters' });

export const ViewSchema = z.object({
  id: IdSchema,
  entity: z.enum(VIEW_ENTITIES),
  name: z.string(),
  shared: z.boolean(),
  filters: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  ownerId: IdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type View = z.infer<typeof ViewSchema>;

function checkView(view: { entity?: ViewEntity; filters?: Record<string, string>; columns?: string[] }, ctx: z.RefinementCtx, entity: ViewEntity | undefined) {
  if (!entity) return;
  if (view.filters) {
    const { cursor: _cursor, limit: _limit, ...filters } = view.filters;
    const parsed = LIST_QUERIES[entity].strict().safeParse(filters);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['filters', ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? issue.keys : [])], message: issue.message, params: { reason: issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_value' } });
  }
  for (const [i, column] of (view.columns ?? []).entries()) {
    if (!isViewColumn(entity, column)) ctx.addIssue({ code: 'custom', path: ['columns', i], message: 'unknown column', params: { reason: 'unknown_field' } });
  }
}

export const CreateViewSchema = z
  .object({
    entity: z.enum(VIEW_ENTITIES),
    name: requiredText(60),
    /** Shown to everyone in the workspace; sharing needs workspace.manage or pipelines.manage. */
    shared: z.boolean().default(false),
    filters: Filters.default({}),
    columns: z.array(z.string().max(60)).max(40).default([]),
  })
  .superRefine((view, ctx) => checkView(view, ctx, view.entity));
export type CreateView = z.infer<typeof CreateViewSchema>;

export const UpdateViewSchema = z.object({
  version: VersionSchema,
  name: requiredText(60).optional(),
  shared: z.boolean().optional(),
  filters: Filters.optional(),
  columns: z.array(z.string().max(60)).max(40).optional(),
});
export type UpdateView = z.infer<typeof UpdateViewSchema>;

/** The same checks as on create, for an update once the view's record type is known. */
export function checkViewUpdate(entity: ViewEntity, update: UpdateView): { path: string; code: string; message: string }[] {
  const result = z
    .object({ filters: Filters.optional(), columns: z.array(z.string()).optional() })
    .superRefine((v, ctx) => checkView(v, ctx, entity))
    .safeParse({ filters: update.filters, columns: update.columns });
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: (i as { params?: { reason?: string } }).params?.reason ?? 'invalid_value', message: i.message }));
}

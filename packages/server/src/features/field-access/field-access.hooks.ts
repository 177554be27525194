import type { FastifyInstance } from 'fastify';
import { AppError } from '@kairos/domain/errors';
import { hiddenFilters, redactRecord, unwritableFields, type FieldRuleEntity } from '@kairos/domain/field-access';
import type { TimelineItem } from '@kairos/domain/timeline';
import type { Core } from '../../core';
import { fieldAccessFor, type FieldAccessByEntity } from './field-access.service';

/** How a route touches a record type's fields, derived from its method and path (see `routeFieldUse`). */
export interface FieldUse {
  entity: FieldRuleEntity;
  /** What the response holds: one record or a page of them, or a timeline mixing record types. */
  response: 'records' | 'timeline';
  /** The body writes fields (create, edit, move). */
  writes: boolean;
  /** The query string filters and sorts (lists and exports). */
  filters: boolean;
}

const PREFIXES: Record<string, FieldRuleEntity> = { customers: 'customer', contacts: 'contact', opportunities: 'opportunity', followups: 'followup' };

/**
 * Every route under /api/customers, /api/contacts, /api/opportunities and /api/followups is covered by
 * its path alone, so a route added later cannot forget field-level access.
 */
export function routeFieldUse(method: string, url: string): FieldUse | null {
  const match = /^\/api\/(customers|contacts|opportunities|followups)(\/.*)?$/.exec(url);
  const entity = match && PREFIXES[match[1] as string];
  if (!entity) return null;
  const rest = match[2] ?? '';
  const response = rest.endsWith('/timeline') ? 'timeline' : 'records';
  const writes = method === 'POST' || method === 'PATCH' || method === 'PUT';
  const filters = method === 'GET' && (rest === '' || rest === '/export');
  return { entity, response, writes, filters };
}

const ENTITY_OF_AUDIT: Record<string, FieldRuleEntity> = { customer: 'customer', contact: 'contact', opportunity: 'opportunity', followup: 'followup' };

/** A timeline without the changes and values of fields the member may not see. */
export function redactTimeline(items: TimelineItem[], access: FieldAccessByEntity): TimelineItem[] {
  return items.flatMap((item): TimelineItem[] => {
    if (item.kind === 'followup') return [{ ...item, followUp: redactRecord(item.followUp, access.followup) }];
    if (item.kind !== 'change') return [item];
    const entity = ENTITY_OF_AUDIT[item.change.entityType];
    if (!entity) return [item];
    const { hidden } = access[entity];
    if (item.change.field !== null) return hidden.has(item.change.field) ? [] : [item];
    const snapshot = (value: unknown) => (value && typeof value === 'object' ? redactRecord(value, access[entity]) : value);
    return [{ ...item, change: { ...item.change, before: snapshot(item.change.before), after: snapshot(item.change.after) } }];
  });
}

function redactPayload(payload: unknown, use: FieldUse, access: FieldAccessByEntity): unknown {
  if (!payload || typeof payload !== 'object') return payload;
  const body = payload as Record<string, unknown>;
  if (Array.isArray(body.items)) {
    const items = use.response === 'timeline' ? redactTimeline(body.items as TimelineItem[], access) : body.items.map((item: object) => redactRecord(item, access[use.entity]));
    return { ...body, items };
  }
  // A 409 carries the current record; a problem body has no record fields of its own.
  if (body.current && typeof body.current === 'object') return { ...body, current: redactRecord(body.current, access[use.entity]) };
  return redactRecord(body, access[use.entity]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    fieldUse?: FieldUse | null;
  }
  interface FastifyRequest {
    fieldAccess: FieldAccessByEntity | null;
  }
}

/**
 * Field-level access for every record route: before the handler, writes to fields the caller may not
 * change and filters on fields hidden from them are refused (422, nothing written); after it, hidden
 * fields are taken out of whatever is sent back, a 409's current record included.
 */
export function registerFieldAccess(app: FastifyInstance, core: Core): void {
  app.decorateRequest('fieldAccess', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const use = routeFieldUse(methods[0] ?? 'GET', route.url);
    if (use) route.config = { ...(route.config ?? {}), fieldUse: use };
  });
  app.addHook('preHandler', async (request) => {
    const use = request.routeOptions.config.fieldUse;
    if (!use || !request.auth) return;
    const access = await fieldAccessFor(core.db, request.auth.actor);
    request.fieldAccess = access;
    const mine = access[use.entity];
    const problems = [
      ...(use.writes && request.body && typeof request.body === 'object' ? unwritableFields(request.body as Record<string, unknown>, mine) : []),
      // A move carries the values its gate asks for: the same rules apply to them.
      ...(use.writes && isObject(request.body) && isObject(request.body.values)
        ? unwritableFields(request.body.values, mine).map((p) => ({ ...p, path: `values.${p.path}` }))
        : []),
      ...(use.filters ? hiddenFilters(request.query as Record<string, unknown>, use.entity, mine) : []),
    ];
    if (problems.length) throw new AppError('validation_failed', { fields: problems });
  });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const use = request.routeOptions.config.fieldUse;
    return use && request.fieldAccess ? redactPayload(payload, use, request.fieldAccess) : payload;
  });
}

import { AuditEntrySchema, AuditListQuerySchema } from '@kairos/domain/audit';
import { pageOf } from '@kairos/domain/common';
import { AppError } from '@kairos/domain/errors';
import type { Core } from '../../core';
import { contextOf, requirePermission } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { listAudit } from './audit.service';

export function registerAuditRoutes(app: App, core: Core) {
  typed(app).get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: 'The audit log, newest first (administrators)', querystring: AuditListQuerySchema, response: { 200: pageOf(AuditEntrySchema), ...problems } } },
    async (request) => {
      const ctx = contextOf(request);
      requirePermission(ctx, 'workspace.manage');
      const { cursor, limit, entityType, entityId } = request.query;
      const binding = `audit:${ctx.actor.userId}:${entityType ?? ''}:${entityId ?? ''}`;
      let beforeId: string | undefined;
      if (cursor) {
        const [id] = core.cursors.decode(cursor, binding);
        if (typeof id !== 'string') throw new AppError('cursor_invalid');
        beforeId = id;
      }
      const { entries, hasMore } = await listAudit(core.db, ctx.actor.workspaceId, { entityType, entityId, beforeId }, limit);
      const last = entries[entries.length - 1];
      return { items: entries, nextCursor: hasMore && last ? core.cursors.encode([last.id], binding) : null };
    },
  );
}

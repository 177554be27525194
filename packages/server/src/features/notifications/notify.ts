import type { RecordType } from '@kairos/domain/common';
import type { NotificationKind } from '@kairos/domain/notifications';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { toJson } from '../../shared/json';
import type { ChangeContext } from '../audit/audit.service';
import { insertNotificationRows } from './notifications.store';

export interface NotificationInput {
  kind: NotificationKind;
  record: { type: RecordType; id: string; name: string } | { type: RecordType; count: number };
  message?: string | null;
  source?: 'comment' | 'followup';
}

export interface Payload {
  message?: string | null;
  source?: 'comment' | 'followup';
  count?: number;
}

/**
 * Tells members about something, in the transaction of the change that caused it, so a rolled-back
 * handoff tells nobody. The one who made the change is never told about it.
 */
export async function notify(db: Executor, change: ChangeContext, userIds: readonly (string | null)[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(userIds)].filter((id): id is string => id !== null && id !== change.actorId);
  const payload: Payload = { message: input.message ?? null, ...(input.source ? { source: input.source } : {}), ...('count' in input.record ? { count: input.record.count } : {}) };
  await insertNotificationRows(
    db,
    recipients.map((user_id) => ({
      workspace_id: change.workspaceId,
      id: newId(),
      user_id,
      kind: input.kind,
      record_type: input.record.type,
      record_id: 'id' in input.record ? input.record.id : null,
      record_name: 'name' in input.record ? input.record.name : null,
      actor_id: change.actorId,
      payload: toJson(payload),
      created_at: change.at,
      read_at: null,
    })),
  );
}

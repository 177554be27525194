import { AppError, type FieldError } from '@kairos/domain/errors';
import type { RecordType } from '@kairos/domain/common';
import { excerpt } from '@kairos/domain/notifications';
import type { Executor } from '../../db/schema';
import type { ChangeContext } from '../audit/audit.service';
import { notify } from './notify';

/** Mentions name active members of the workspace; each unknown one is a problem at `mentions.<i>`. */
export async function mentionProblems(db: Executor, workspaceId: string, mentions: readonly string[]): Promise<FieldError[]> {
  if (mentions.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', [...mentions]).where('status', '=', 'active').execute();
  const active = new Set(rows.map((r) => r.id));
  return mentions.flatMap((id, i) => (active.has(id) ? [] : [{ path: `mentions.${i}`, code: 'unknown_user', message: 'unknown member' }]));
}

export async function checkMentions(db: Executor, workspaceId: string, mentions: readonly string[]): Promise<void> {
  const fields = await mentionProblems(db, workspaceId, mentions);
  if (fields.length) throw new AppError('validation_failed', { fields });
}

/** The record's name, for what a notification says. */
export async function recordNameOf(db: Executor, workspaceId: string, type: RecordType, id: string): Promise<string> {
  const table = type === 'customer' ? 'customers' : type === 'contact' ? 'contacts' : 'opportunities';
  const row = await db.selectFrom(table).select('name').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row?.name ?? '';
}

/** Tells the newly mentioned members, with the start of what was written. */
export async function notifyMentions(
  db: Executor,
  change: ChangeContext,
  mentioned: { now: readonly string[]; before?: readonly string[] },
  where: { source: 'comment' | 'followup'; type: RecordType; id: string; text: string },
): Promise<void> {
  const added = mentioned.now.filter((id) => !mentioned.before?.includes(id));
  if (added.length === 0) return;
  const name = await recordNameOf(db, change.workspaceId, where.type, where.id);
  await notify(db, change, added, { kind: 'mention', record: { type: where.type, id: where.id, name }, message: excerpt(where.text), source: where.source });
}

import { createHash } from 'node:crypto';
import { AppError } from '@kairos/domain/errors';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { fromJson, toJson } from '../../shared/json';
import { findIdempotencyRow, insertIdempotencyRow } from './idempotency.store';

export interface Idempotency {
  key: string;
  /** What identifies the request: method, route and body. */
  request: unknown;
}

/**
 * Runs a create at most once per Idempotency-Key: a retry after a lost response gets the first answer,
 * not a second record. The key is stored in the create's own transaction, so both commit or neither;
 * a concurrent duplicate loses on the primary key and is answered from the winner's row.
 */
export async function runOnce<T>(core: Core, ctx: RequestContext, idempotency: Idempotency | null, create: (trx: Executor) => Promise<T>): Promise<T> {
  if (!idempotency) return core.db.transaction().execute(create);
  const { workspaceId, userId } = ctx.actor;
  const hash = createHash('sha256').update(toJson(idempotency.request)).digest('hex');
  const replay = async () => {
    const row = await findIdempotencyRow(core.db, workspaceId, userId, idempotency.key);
    if (!row) return null;
    if (row.request_hash !== hash) throw new AppError('idempotency_key_reused');
    return fromJson<T>(row.response, null as T);
  };
  const earlier = await replay();
  if (earlier !== null) return earlier;
  try {
    return await core.db.transaction().execute(async (trx) => {
      const result = await create(trx);
      await insertIdempotencyRow(trx, { workspace_id: workspaceId, user_id: userId, key: idempotency.key, request_hash: hash, response: toJson(result), created_at: core.clock.now().toISOString() });
      return result;
    });
  } catch (error) {
    const winner = await replay().catch(() => null);
    if (winner !== null) return winner;
    throw error;
  }
}
